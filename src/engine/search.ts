/**
 * The passage index: MiniSearch over text, section and subsection titles and extra search words,
 * all analysed by the same {@link Analyzer}, plus what is needed to judge coverage.
 */
import MiniSearch from 'minisearch';
import type { Passage } from '../corpus/markdown.js';
import { Analyzer, type Concept } from './analyzer.js';
import { unknownWordFactor } from './word-class.js';

/** Field boosts, measured with `npm run bench` (titles and extra words say what a passage is about). */
export const FIELD_BOOSTS = { text: 1, section: 1.5, subsection: 2, keywords: 1.5 } as const;

/** An uncovered topic ("migraines") outweighs any word the article has, so it alone decides "not covered". */
const UNCOVERED_TOPIC_WEIGHT = 4;

/** Stems of at least this many letters also match longer stems they begin ("treat" → "treatment"). */
const MIN_PREFIX_LENGTH = 5;

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
  private readonly termsById = new Map<string, Set<string>>();

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
      const terms = new Set<string>();
      for (const field of [passage.text, passage.section, passage.subsection ?? '', passage.keywords.join(', ')]) {
        for (const term of analyzer.indexTerms(field)) terms.add(term);
      }
      this.termsById.set(passage.id, terms);
    }
  }

  get(id: string): Passage | undefined {
    return this.byId.get(id);
  }

  /** Whether the passage's terms satisfy a concept: any of its stems, exactly or as a prefix of a longer stem. */
  covers(passageId: string, concept: Concept): boolean {
    const terms = this.termsById.get(passageId);
    if (!terms) return false;
    const has = (term: string): boolean => {
      if (terms.has(term)) return true;
      if (term.length < MIN_PREFIX_LENGTH) return false;
      for (const candidate of terms) if (candidate.startsWith(term)) return true;
      return false;
    };
    // An uncovered topic is a phrase: "drug test" is not covered by a passage about drugs.
    return concept.uncoveredTopic ? concept.terms.every(has) : concept.terms.some(has);
  }

  /** How many passages cover the concept. */
  documentFrequency(concept: Concept): number {
    let count = 0;
    for (const passage of this.passages) if (this.covers(passage.id, concept)) count++;
    return count;
  }

  /** Inverse document frequency: a concept no passage has weighs most, one every passage has weighs almost nothing. */
  weight(concept: Concept): number {
    const n = this.passages.length;
    const df = this.documentFrequency(concept);
    // A word no passage has weighs like one that a single passage has, scaled by its part of
    // speech: a noun is a topic the article lacks, an adverb mere filler.
    if (df === 0 && concept.uncoveredTopic) return UNCOVERED_TOPIC_WEIGHT;
    if (df === 0) return Math.log((n + 1) / 1.5) * unknownWordFactor(concept.source);
    return Math.log((n + 1) / (df + 0.5));
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

    return results.map((result) => {
      const passage = this.byId.get(String(result.id))!;
      const covered = concepts.filter((concept) => this.covers(passage.id, concept));
      const coveredWeight = concepts.reduce(
        (sum, concept, i) => sum + (covered.includes(concept) ? weights[i]! : 0),
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
