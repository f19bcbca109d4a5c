/**
 * Word wrap for the console, with a hanging indent: a line that starts with spaces, a bullet
 * ("• ", "◦ ", "- ") or an opening quotation mark continues under its first word, so a quote
 * keeps its indent on every line. Words longer than a line are cut where they must be.
 */

/** What a line's continuation lines are indented to: its leading spaces, bullet or opening quote. */
const HANGING = /^(\s*(?:[•◦*-] +|“)?)/;

/** The narrowest width wrapping still makes sense at; narrower terminals get this many columns. */
export const MIN_WIDTH = 20;

export function wrapText(text: string, width: number): string {
  const columns = Math.max(MIN_WIDTH, Math.floor(width));
  return text
    .split('\n')
    .map((line) => wrapLine(line.trimEnd(), columns))
    .join('\n');
}

function wrapLine(line: string, width: number): string {
  if (line.length <= width) return line;
  const prefix = HANGING.exec(line)?.[1] ?? '';
  const hanging = prefix.length < width / 2 ? ' '.repeat(prefix.length) : '';
  const words = line
    .slice(prefix.length)
    .split(/ +/)
    .filter((word) => word !== '');
  const lines: string[] = [];
  let current = prefix;
  let empty = true;
  for (let word of words) {
    const fits = current.length + (empty ? 0 : 1) + word.length <= width;
    if (!fits && !empty) {
      lines.push(current);
      current = hanging;
      empty = true;
    }
    while (current.length + word.length > width) {
      const room = width - current.length;
      lines.push(current + word.slice(0, room));
      word = word.slice(room);
      current = hanging;
    }
    current = empty ? current + word : `${current} ${word}`;
    empty = false;
  }
  if (!empty || lines.length === 0) lines.push(current);
  return lines.join('\n');
}

/** The terminal's width, or 80 when it is not a terminal. */
export function terminalWidth(stream: { columns?: number | undefined } = process.stdout): number {
  return stream.columns && stream.columns > 0 ? stream.columns : 80;
}
