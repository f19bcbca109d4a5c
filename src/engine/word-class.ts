/**
 * How much a word the corpus lacks should count against a passage. A question's unknown noun or
 * verb ("migraines", "buy") is a topic the article does not cover; an unknown adverb, adjective
 * or chat filler ("exactly", "better", "fr") is not. natural's English lexicon (from pos-js)
 * gives each word's most likely part of speech.
 */
import { createRequire } from 'node:module';

type Lexicon = Record<string, string[]>;

const require = createRequire(import.meta.url);
let lexicon: Lexicon | undefined;

/** Loads the lexicon now rather than on the first question (the engine calls this while building). */
export function preloadLexicon(): void {
  loadLexicon();
}

function loadLexicon(): Lexicon {
  lexicon ??= require('natural/lib/natural/brill_pos_tagger/data/English/lexicon_from_posjs.json') as Lexicon;
  return lexicon;
}

/** The most likely part-of-speech tag of a word (Penn Treebank), trying simple plural and, optionally, case variants. */
export function partOfSpeech(word: string, { names = true } = {}): string | undefined {
  const entries = loadLexicon();
  const candidates = [word, word.replace(/ies$/, 'y'), word.replace(/es$/, ''), word.replace(/s$/, '')];
  if (names) candidates.push(word.toUpperCase(), word.charAt(0).toUpperCase() + word.slice(1));
  for (const candidate of candidates) {
    const tags = Object.hasOwn(entries, candidate) ? entries[candidate] : undefined;
    if (tags && tags.length > 0) return tags[0];
  }
  return undefined;
}

/** Whether a word is an English word natural's lexicon knows (so not a typo to correct). */
export function isEnglishWord(word: string): boolean {
  // Names count: "texas" is a place, not a typo of "teas".
  return partOfSpeech(word) !== undefined;
}

/**
 * Share of full weight an unknown word gets: nouns name topics ("migraines", "pregnancy");
 * verbs and adjectives are mostly how people talk ("keep", "sharp"); the rest is filler.
 * Words the lexicon lacks are slang, names or rare terms: short ones are filler ("fr", "nah").
 */
export function unknownWordFactor(word: string): number {
  const tag = partOfSpeech(word);
  if (tag === undefined) return word.length <= 3 ? 0.1 : 0.5;
  if (/^(NN|FW)/.test(tag)) return 0.5;
  if (/^(VB|JJ)/.test(tag)) return 0.25;
  return 0.1;
}
