/**
 * The lexical index: MiniSearch (BM25) over each passage's text, section and subsection titles
 * and extra search words, with Porter stems and stop words. It answers from documents that have
 * no labelled examples, and backs the learned ranker where its examples are thin.
 */
import MiniSearch from 'minisearch';
import naturalStopwords from 'natural/lib/natural/util/stopwords.js';
import type { Passage } from '../corpus/markdown.js';
import { stem, tokenize } from '../learn/features.js';

export interface LexicalOptions {
  /** Field boosts for BM25. */
  boost: { text: number; section: number; subsection: number; keywords: number };
  /** Allowed edit distance, as a share of a term's length, for terms of at least 5 letters. */
  fuzzy: number;
}

export const DEFAULT_LEXICAL_OPTIONS: LexicalOptions = { boost: { text: 1, section: 1.5, subsection: 2, keywords: 1.5 }, fuzzy: 0.2 };

const ENGLISH_STOPWORDS = new Set<string>(naturalStopwords.words);

export interface LexicalHit {
  id: string;
  score: number;
  /** Share of the question's search terms this passage matched (MiniSearch's match data). */
  matched: number;
}

/** natural's English stop words: too common to search by in any corpus. */
export function isEnglishStopword(word: string): boolean {
  return ENGLISH_STOPWORDS.has(word);
}

/**
 * What a corpus is searched by: its words without stop words, stemmed. The stop words are
 * English ones plus the corpus's own (`searchStopWords` in its presentation.json: its subject's
 * name, which nearly every question and passage shares, so it tells them apart by nothing).
 *
 * ```ts
 * new SearchTerms(['kratom']).of('Is kratom addictive?') // ['addict']
 * ```
 */
export class SearchTerms {
  private readonly corpusStopwords: ReadonlySet<string>;

  constructor(corpusStopwords: readonly string[] = []) {
    this.corpusStopwords = new Set(corpusStopwords.map((word) => word.toLowerCase()));
  }

  isStopword(word: string): boolean {
    return ENGLISH_STOPWORDS.has(word) || this.corpusStopwords.has(word);
  }

  /** Search terms of a text, in order, repeats kept. */
  of(text: string): string[] {
    return tokenize(text)
      .filter((word) => !this.isStopword(word) && /\p{L}/u.test(word))
      .map(stem);
  }
}

export class LexicalIndex {
  private readonly search: MiniSearch<Passage>;

  constructor(
    passages: Passage[],
    private readonly terms: SearchTerms = new SearchTerms(),
    private readonly options: LexicalOptions = DEFAULT_LEXICAL_OPTIONS,
  ) {
    this.search = new MiniSearch<Passage>({
      fields: ['text', 'section', 'subsection', 'keywords'],
      extractField: (passage, field) => {
        const value = passage[field as keyof Passage];
        return Array.isArray(value) ? value.join(', ') : String(value ?? '');
      },
      tokenize: (text) => terms.of(text),
      processTerm: (term) => term,
    });
    this.search.addAll(passages);
  }

  /** Passages that share a term with the question, best first. */
  find(question: string): LexicalHit[] {
    const terms = [...new Set(this.terms.of(question))];
    if (terms.length === 0) return [];
    return this.search
      .search(terms.join(' '), {
        tokenize: (query) => query.split(' '),
        processTerm: (term) => term,
        combineWith: 'OR',
        boost: { ...this.options.boost },
        prefix: (term) => term.length >= 5,
        fuzzy: (term) => (term.length >= 5 ? this.options.fuzzy : false),
      })
      .map((result) => ({ id: String(result.id), score: result.score, matched: result.queryTerms.length / terms.length }));
  }
}
