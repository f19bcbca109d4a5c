/** Splits a paragraph into its sentences, each a verbatim slice of the paragraph. */
export function splitSentences(paragraph: string): string[] {
  return paragraph
    .split(/(?<=[.!?])\s+(?=["“'‘(]?[A-Z0-9])/u)
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence.length > 0);
}

/**
 * Joins chosen sentences (given by index, in any order) back in reading order, with "…" wherever
 * sentences were left out, so every piece between the marks is verbatim.
 */
export function joinExcerpt(sentences: string[], keep: number[]): string {
  const kept = [...new Set(keep)].sort((a, b) => a - b);
  if (kept.length === sentences.length) return sentences.join(' ');
  let text = kept[0] === 0 ? '' : '… ';
  kept.forEach((index, i) => {
    if (i > 0) text += index === kept[i - 1]! + 1 ? ' ' : ' … ';
    text += sentences[index];
  });
  if (kept[kept.length - 1] !== sentences.length - 1) text += ' …';
  return text;
}
