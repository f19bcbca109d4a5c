/**
 * Turns text into search terms, the same way for passages (at index time) and questions.
 *
 * Steps: normalise (case, accents, apostrophes) → MiniSearch's Unicode tokenizer →
 * (questions only) typo correction against the corpus vocabulary → Porter stems →
 * synonym phrases mapped to the article's words → stop words dropped.
 *
 * A question becomes a list of *concepts*: one per meaningful word or synonym phrase, each with
 * the stems that would satisfy it. The answer engine weighs how many concepts a passage covers.
 */
import MiniSearch from 'minisearch';
import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';
import naturalStopwords from 'natural/lib/natural/util/stopwords.js';
import type { SynonymTable, UncoveredTopics } from './synonyms.js';
import { boundedEditDistance } from './edit-distance.js';
import { isEnglishWord } from './word-class.js';

export interface Concept {
  /** The words of the question this concept stands for. */
  source: string;
  /** Stems that satisfy it (the word's own stem, or the article words a synonym maps to). */
  terms: string[];
  /** A topic listed as one the article does not cover ("migraines", "alcohol"). */
  uncoveredTopic?: boolean;
}

interface Token {
  word: string;
  stem: string;
}

interface Phrase {
  stems: string[];
  /** The article's stems this phrase stands for (its own stems for an uncovered topic). */
  canonical: string[];
  uncoveredTopic: boolean;
}

const tokenizeWords = MiniSearch.getDefault('tokenize') as (text: string) => string[];

/**
 * Words that carry no topic in a question. natural's English list, plus chat fillers and the
 * verbs of asking ("does it work", "tell me about"), which would otherwise count as content
 * the article lacks.
 */
const EXTRA_STOPWORDS = `
  anyone anybody someone somebody something anything thing things stuff know tell please pls plz
  thanks thank hey hi hello yo guys guy folks just really actually even ever also maybe probably
  lol lmao haha ok okay im ive id dont doesnt isnt cant wont didnt aint arent wasnt shouldnt wouldnt
  couldnt its thats whats hows theres gonna wanna gotta u ur ya yeah yes no not nope bot question
  questions wondering curious wonder think say says saying mean means etc kind sort bit lot lots
  work works working happen happens happened good bad okay fine help helps helpful need want wants
  one ones way ways much many lot yall you'll anymore ask asking asked going get gets getting
  cause causes does do did done would should could will shall may might must real really true
  info information guide article explain explanation describe detail details
  friend friends buddy buddies cousin brother sister mom mum dad wife husband girlfriend boyfriend
  partner family roommate coworker coworkers people person everyone everybody folks someone
  time times today tonight lately recently week weeks month months currently right now
  try tried tries talk talking talked keep keeps kept look looked looking check checked checking
  run saw see seen heard hear read give gives gave given put let told seem seems go goes went gone
  come came bring bringing brought find found able answer answers straight honest honestly worth
  anyway anyways supposed literally basically seriously totally definitely wat wats whats yo
  guess hope hoping wondering curious bro dude man like vs versus first theyre youre were thats
  feel feels feeling felt down taking takes taken took use uses using used others place places
  based fits fit suits suit known
  `.split(/\s+/).filter(Boolean);

/** Longer "words" are not typos of anything in the vocabulary (and edit distance grows with length). */
const MAX_TYPO_LENGTH = 24;

const STOPWORDS = new Set([...naturalStopwords.words, ...EXTRA_STOPWORDS]);

export function normalize(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’‘`´]/g, '');
}

export function words(text: string): string[] {
  return tokenizeWords(normalize(text)).filter((word) => word.length > 0);
}

const stemCache = new Map<string, string>();
const STEM_CACHE_LIMIT = 20_000;

/** Porter stem, remembered: the same few thousand words recur in every question. */
export function stem(word: string): string {
  let stemmed = stemCache.get(word);
  if (stemmed === undefined) {
    stemmed = PorterStemmer.stem(word);
    if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
    stemCache.set(word, stemmed);
  }
  return stemmed;
}

export function isStopword(word: string): boolean {
  return STOPWORDS.has(word);
}

export class Analyzer {
  private readonly phrasesByFirstStem = new Map<string, Phrase[]>();
  private readonly vocabulary = new Set<string>();
  private readonly knownStems = new Set<string>();
  /** Stop words are typo targets too ("shuold" → "should"), but never index vocabulary. */
  private readonly typoTargets = new Set<string>();
  /** Vocabulary and stop words by first letter; rebuilt after the vocabulary grows. */
  private typoCandidatesByInitial: Map<string, string[]> | undefined;

  constructor(synonyms: SynonymTable, uncoveredTopics: UncoveredTopics = []) {
    for (const [canonical, variants] of Object.entries(synonyms)) {
      const canonicalStems = this.contentStems(canonical);
      for (const variant of variants) this.addPhrase(variant, canonicalStems, false);
      this.learnWords(canonical);
    }
    // An uncovered topic keeps every word, stop words too: it is covered only where a passage has
    // the whole phrase, so "how long does" is not covered by "long-term".
    for (const topic of uncoveredTopics) this.addPhrase(topic, words(topic).map(stem), true);
    for (const word of STOPWORDS) this.typoTargets.add(word);
  }

  private addPhrase(text: string, canonical: string[], uncoveredTopic: boolean): void {
    const stems = words(text).map(stem);
    if (stems.length === 0) return;
    const list = this.phrasesByFirstStem.get(stems[0]!) ?? [];
    list.push({ stems, canonical, uncoveredTopic });
    // Longest phrase first, so "cold turkey" wins over "cold" and "energy drinks" over "energy".
    list.sort((a, b) => b.stems.length - a.stems.length);
    this.phrasesByFirstStem.set(stems[0]!, list);
    this.learnWords(text);
  }

  /** Adds the words of a text to the vocabulary that typos are corrected towards. */
  learnWords(text: string): void {
    for (const word of words(text)) {
      if (word.length < 4 || this.vocabulary.has(word) || /\d/.test(word)) continue;
      this.vocabulary.add(word);
      this.knownStems.add(stem(word));
      this.typoCandidatesByInitial = undefined;
    }
  }

  /** Terms stored in the index for a passage field: its stems plus the article stems of any synonym phrase it contains. */
  indexTerms(text: string): string[] {
    const tokens = this.tokens(text, false);
    const terms: string[] = [];
    this.scanPhrases(tokens, (token) => {
      if (!isStopword(token.word)) terms.push(token.stem);
    }, (phrase, covered) => {
      terms.push(...phrase.canonical);
      for (const token of covered) if (!isStopword(token.word)) terms.push(token.stem);
    });
    return terms;
  }

  /** The meaningful concepts of a question, in order, without duplicates. */
  concepts(question: string): Concept[] {
    const tokens = this.tokens(question, true);
    const concepts: Concept[] = [];
    const seen = new Set<string>();
    const add = (source: string, terms: string[], uncoveredTopic = false): void => {
      const key = [...terms].sort().join(' ');
      if (terms.length === 0 || seen.has(key)) return;
      seen.add(key);
      concepts.push(uncoveredTopic ? { source, terms: [...new Set(terms)], uncoveredTopic } : { source, terms: [...new Set(terms)] });
    };
    this.scanPhrases(tokens, (token) => {
      if (!isStopword(token.word) && token.word.length > 1) add(token.word, [token.stem]);
    }, (phrase, covered) => {
      add(covered.map((token) => token.word).join(' '), phrase.canonical, phrase.uncoveredTopic);
    });
    return concepts;
  }

  private tokens(text: string, correctTypos: boolean): Token[] {
    return words(text).map((raw) => {
      const word = correctTypos ? this.correct(raw) : raw;
      return { word, stem: stem(word) };
    });
  }

  /** Walks the tokens, reporting each synonym phrase found (longest first) and each other token. */
  private scanPhrases(
    tokens: Token[],
    onToken: (token: Token) => void,
    onPhrase: (phrase: Phrase, covered: Token[]) => void,
  ): void {
    let i = 0;
    while (i < tokens.length) {
      const candidates = this.phrasesByFirstStem.get(tokens[i]!.stem) ?? [];
      const phrase = candidates.find((p) => p.stems.every((s, k) => tokens[i + k]?.stem === s));
      if (phrase) {
        onPhrase(phrase, tokens.slice(i, i + phrase.stems.length));
        i += phrase.stems.length;
      } else {
        onToken(tokens[i]!);
        i += 1;
      }
    }
  }

  /**
   * Corrects a likely typo to the nearest vocabulary word with the same first letter: one edit
   * for words of 4–7 letters, two for longer ones. Short words and real English words are left alone.
   */
  private correct(word: string): string {
    if (word.length < 4 || word.length > MAX_TYPO_LENGTH || this.vocabulary.has(word) || isStopword(word) || /\d/.test(word)) return word;
    if (this.knownStems.has(stem(word))) return word;
    // A real word the corpus lacks ("cancer") is a topic, not a typo of one it has ("cancel");
    // it may still be a slip of a stop word ("betwen", which the lexicon lists too).
    const english = isEnglishWord(word);
    if (english && word.length < 5) return word;
    const maxEdits = word.length >= 8 ? 2 : 1;
    let best = word;
    let bestDistance = maxEdits + 1;
    for (const candidate of this.typoCandidates(word[0]!)) {
      if (Math.abs(candidate.length - word.length) > maxEdits) continue;
      if (english && !this.typoTargets.has(candidate)) continue;
      const distance = boundedEditDistance(word, candidate, english ? 1 : maxEdits);
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best;
  }

  private typoCandidates(initial: string): string[] {
    if (!this.typoCandidatesByInitial) {
      const byInitial = new Map<string, string[]>();
      for (const word of [...this.vocabulary, ...this.typoTargets]) {
        if (word.length < 4) continue;
        const list = byInitial.get(word[0]!) ?? [];
        list.push(word);
        byInitial.set(word[0]!, list);
      }
      this.typoCandidatesByInitial = byInitial;
    }
    return this.typoCandidatesByInitial.get(initial) ?? [];
  }

  private contentStems(text: string): string[] {
    return words(text)
      .filter((word) => !isStopword(word))
      .map(stem);
  }
}
