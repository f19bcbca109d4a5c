/**
 * The passage index: MiniSearch over text, section and subsection titles and extra search words,
 * all analysed by the same {@link Analyzer}, plus what is needed to judge coverage.
 */
import MiniSearch from 'minisearch';
import type { Passage } from '../corpus/markdown.js';
import { type Analyzer, type Concept } from './analyzer.js';
import { unknownWordFactor } from './word-class.js';

/**
 * Field boosts for BM25, which orders passages that cover a question equally well. Measured with
 * `npm run bench:sweep`: they move top-1 by a question or two at most, because coverage ranks first.
 */
export const FIELD_BOOSTS = { text: 1, section: 1.5, subsection: 2, keywords: 1.5 } as const;

/** An uncovered topic ("migraines") outweighs any word the article has (the engine also refuses passages that lack it). */
const UNCOVERED_TOPIC_WEIGHT = 4;

/** Stems of at least this many letters also match longer stems they begin ("treat" → "treatment"). */
const MIN_PREFIX_LENGTH = 5;

const EMPTY: ReadonlySet<string> = new Set();
const CACHE_LIMIT = 10_000;

/** First index in a sorted array whose value is not less than `value`. */
function lowerBound(sorted: string[], value: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid]! < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

export interface Hit {
  passage: Passage;
  /** MiniSearch's BM25 score. */
  score: number;
  /** Share of the question's IDF weight that this passage covers, 0..1. */
  coverage: number;
  /** The concepts this passage covers. */
  covered: Concept[];
}

export class PassageIndex {
  readonly analyzer: Analyzer;
  private readonly search: MiniSearch<Passage>;
  private readonly byId = new Map<string, Passage>();
  /** Index term → ids of the passages that have it (any field). */
  private readonly passagesByTerm = new Map<string, Set<string>>();
  // Asked many times per question (weights, credits, ranking); remembered, within bounds.
  private readonly coveringCache = new Map<string, ReadonlySet<string>>();
  private readonly prefixCache = new Map<string, ReadonlySet<string>>();
  /** Every index term, sorted, to find the terms a prefix begins. */
  private readonly sortedTerms: string[];

  constructor(
    readonly passages: Passage[],
    analyzer: Analyzer,
  ) {
    this.analyzer = analyzer;
    for (const passage of passages) {
      analyzer.learnWords(`${passage.text} ${passage.section} ${passage.subsection ?? ''} ${passage.keywords.join(' ')}`);
    }
    this.search = new MiniSearch<Passage>({
      fields: ['text', 'section', 'subsection', 'keywords'],
      extractField: (passage, field) => {
        const value = passage[field as keyof Passage];
        return Array.isArray(value) ? value.join(', ') : String(value ?? '');
      },
      tokenize: (text) => analyzer.indexTerms(text),
      processTerm: (term) => term,
      searchOptions: {
        tokenize: (query) => query.split(' ').filter(Boolean),
        processTerm: (term) => term,
      },
    });
    this.search.addAll(passages);
    for (const passage of passages) {
      this.byId.set(passage.id, passage);
      for (const field of [passage.text, passage.section, passage.subsection ?? '', passage.keywords.join(', ')]) {
        for (const term of analyzer.indexTerms(field)) {
          const ids = this.passagesByTerm.get(term) ?? new Set<string>();
          ids.add(passage.id);
          this.passagesByTerm.set(term, ids);
        }
      }
    }
    this.sortedTerms = [...this.passagesByTerm.keys()].sort();
  }

  get(id: string): Passage | undefined {
    return this.byId.get(id);
  }

  /** Passages with the stem, exactly or (for stems of 5+ letters) as the start of a longer stem. */
  private passagesWith(term: string): ReadonlySet<string> {
    const exact = this.passagesByTerm.get(term);
    if (term.length < MIN_PREFIX_LENGTH) return exact ?? EMPTY;
    let found = this.prefixCache.get(term);
    if (found) return found;
    const ids = new Set(exact);
    for (let i = lowerBound(this.sortedTerms, term); i < this.sortedTerms.length && this.sortedTerms[i]!.startsWith(term); i++) {
      for (const id of this.passagesByTerm.get(this.sortedTerms[i]!)!) ids.add(id);
    }
    found = ids;
    if (this.prefixCache.size >= CACHE_LIMIT) this.prefixCache.clear();
    this.prefixCache.set(term, found);
    return found;
  }

  /** Passages that satisfy a concept: any of its stems, or all of them for an uncovered-topic phrase ("drug test"). */
  private passagesCovering(concept: Concept): ReadonlySet<string> {
    const key = `${concept.uncoveredTopic ? '!' : ''}${concept.terms.join(' ')}`;
    let covering = this.coveringCache.get(key);
    if (covering) return covering;
    const sets = concept.terms.map((term) => this.passagesWith(term));
    if (concept.uncoveredTopic) {
      const [first = EMPTY, ...rest] = sets;
      covering = new Set([...first].filter((id) => rest.every((set) => set.has(id))));
    } else {
      covering = new Set(sets.flatMap((set) => [...set]));
    }
    if (this.coveringCache.size >= CACHE_LIMIT) this.coveringCache.clear();
    this.coveringCache.set(key, covering);
    return covering;
  }

  /** How many passages have the concept's rarest stem: what it says about which passage is meant. */
  rarestTermFrequency(concept: Concept): number {
    return Math.min(...concept.terms.map((term) => this.passagesWith(term).size));
  }

  /** How many passages cover the concept. */
  documentFrequency(concept: Concept): number {
    return this.passagesCovering(concept).size;
  }

  /** Inverse document frequency of one stem: rare stems say most about which passage is meant. */
  private termWeight(term: string): number {
    const df = this.passagesWith(term).size;
    return df === 0 ? 0 : Math.log((this.passages.length + 1) / (df + 0.5));
  }

  /**
   * What a concept weighs in a question: the IDF of its rarest stem that some passage has. A word
   * no passage has weighs like a stem of one passage, scaled by its part of speech (a noun is a
   * topic the article lacks, an adverb mere filler); a listed uncovered topic outweighs them all.
   */
  weight(concept: Concept): number {
    if (this.documentFrequency(concept) === 0) {
      if (concept.uncoveredTopic) return UNCOVERED_TOPIC_WEIGHT;
      return Math.log((this.passages.length + 1) / 1.5) * unknownWordFactor(concept.source);
    }
    if (concept.uncoveredTopic) return Math.min(...concept.terms.map((term) => this.termWeight(term)));
    return Math.max(...concept.terms.map((term) => this.termWeight(term)));
  }

  /**
   * How much of a concept's weight a passage earns: the IDF of the rarest of its stems the passage
   * has. "doctor" → healthcare, professional, consultation: the passage about consultation earns
   * more than one that only mentions professionals.
   */
  credit(concept: Concept, passageId: string): number {
    if (!this.passagesCovering(concept).has(passageId)) return 0;
    if (concept.uncoveredTopic) return this.weight(concept);
    return Math.max(...concept.terms.filter((term) => this.passagesWith(term).has(passageId)).map((term) => this.termWeight(term)));
  }

  /**
   * Ranks passages for weighted concepts. `conceptWeights` scales each concept's terms in
   * BM25 (e.g. a follow-up's earlier topic weighs less than its new words).
   */
  rank(concepts: Concept[], conceptWeights: number[] = concepts.map(() => 1)): Hit[] {
    if (concepts.length === 0) return [];
    const termBoost = new Map<string, number>();
    concepts.forEach((concept, i) => {
      // A synonym that maps to several article words splits its weight among them.
      const share = (conceptWeights[i] ?? 1) / Math.sqrt(concept.terms.length);
      for (const term of concept.terms) termBoost.set(term, Math.max(termBoost.get(term) ?? 0, share));
    });
    const weights = concepts.map((concept, i) => this.weight(concept) * (conceptWeights[i] ?? 1));
    const totalWeight = weights.reduce((sum, w) => sum + w, 0);

    const results = this.search.search([...termBoost.keys()].join(' '), {
      combineWith: 'OR',
      boost: { ...FIELD_BOOSTS },
      prefix: (term) => term.length >= MIN_PREFIX_LENGTH,
      fuzzy: false,
      boostTerm: (term) => termBoost.get(term) ?? 1,
    });

    const covering = concepts.map((concept) => this.passagesCovering(concept));
    return results.map((result) => {
      const passage = this.byId.get(String(result.id))!;
      const covered = concepts.filter((_, i) => covering[i]!.has(passage.id));
      const coveredWeight = concepts.reduce(
        (sum, concept, i) => sum + (covering[i]!.has(passage.id) ? this.credit(concept, passage.id) * (conceptWeights[i] ?? 1) : 0),
        0,
      );
      return {
        passage,
        score: result.score,
        coverage: totalWeight > 0 ? coveredWeight / totalWeight : 0,
        covered,
      };
    });
  }
}
