/** Splits text into pieces of at most `max` characters, at the widest break that fits. */
const BREAKS = ['\n\n', '\n', '. ', ' '];

export function splitText(text: string, max: number): string[] {
  if (max < 1) throw new RangeError('splitText: max must be at least 1');
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const cut = breakPoint(rest, max);
    pieces.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest !== '' || pieces.length === 0) pieces.push(rest);
  return pieces;
}

/** Index to cut at: after the last break within `max`, or at `max` when there is none. */
function breakPoint(text: string, max: number): number {
  for (const mark of BREAKS) {
    const at = text.lastIndexOf(mark, max - mark.length);
    if (at > max / 4) return at + mark.length;
  }
  return max;
}
