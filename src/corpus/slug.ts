/** A lower-case, hyphenated form of a title for stable ids: "Understanding Kratom’s Mechanism" → "understanding-kratoms-mechanism". */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}
