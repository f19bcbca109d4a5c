/**
 * Candidates and their scores: the learned ranker's probability for each passage and each
 * not-covered topic, combined with the lexical index's BM25, plus how fully the article covers
 * the question.
 */
import type { Passage } from '../corpus/markdown.js';
import { featurize, type FeatureOptions } from '../learn/features.js';
import { CHAT_PREFIX, isNotCoveredLabel, topicOfLabel } from '../learn/models.js';
import type { SoftmaxModel } from '../learn/softmax.js';
import type { LexicalIndex } from './lexical.js';

export interface RankerOptions {
  /** How much the lexical score (0..1 of the best) adds to a passage's model probability. */
  lexicalWeight: number;
}

export const DEFAULT_RANKER_OPTIONS: RankerOptions = { lexicalWeight: 0.15 };

export interface Candidate {
  id: string;
  /** The model's probability that this passage answers the question (0 where it has no examples). */
  model: number;
  /** BM25 as a share of the best passage's, 0..1. */
  lexical: number;
  /** Share of the question's search terms the passage matched. */
  matched: number;
  score: number;
}

export interface Ranking {
  /** Every passage with any evidence, best first. */
  candidates: Candidate[];
  /** The model's probability that the article does not cover the question. */
  notCovered: number;
  /** The most likely not-covered topic, and its probability. */
  topic: { key: string; probability: number } | null;
  /** The probability that the article covers the question only in general. */
  partial: number;
  /** The most likely kind of chat ("help", "thanks"): a message that is not a question. */
  chat: { intent: string; probability: number } | null;
}

export class Ranker {
  private readonly classIndex: Map<string, number>;

  constructor(
    private readonly passages: Passage[],
    private readonly lexical: LexicalIndex,
    private readonly model: SoftmaxModel | null,
    private readonly coverage: SoftmaxModel | null,
    private readonly features: FeatureOptions,
    private readonly options: RankerOptions = DEFAULT_RANKER_OPTIONS,
  ) {
    this.classIndex = new Map((model?.classes ?? []).map((label, i) => [label, i]));
  }

  /** Whether the model knows this passage (its document had examples when it was trained). */
  learned(id: string): boolean {
    return this.classIndex.has(id);
  }

  rank(question: string): Ranking {
    const vector = featurize(question, this.features);
    const probabilities = this.model?.predict(vector);
    const hits = this.lexical.find(question);
    const best = hits[0]?.score ?? 0;
    const lexical = new Map(hits.map((hit) => [hit.id, hit]));
    const candidates: Candidate[] = [];
    for (const passage of this.passages) {
      const at = this.classIndex.get(passage.id);
      const model = at === undefined || !probabilities ? 0 : probabilities[at]!;
      const hit = lexical.get(passage.id);
      const share = hit && best > 0 ? hit.score / best : 0;
      if (model < 1e-4 && !hit) continue;
      const matched = hit?.matched ?? 0;
      // BM25 relative to the best passage, scaled by how much of the question it matched: a lone
      // side word ("seeing") must not count like the whole question.
      candidates.push({ id: passage.id, model, lexical: share, matched, score: model + this.options.lexicalWeight * share * matched });
    }
    candidates.sort((a, b) => b.score - a.score);

    // The ranker has a class per not-covered topic (and background chat, topic "unrelated"): their
    // sum is how likely the article does not cover it.
    let notCovered = 0;
    const topics = new Map<string, number>();
    this.model?.classes.forEach((label, i) => {
      if (!isNotCoveredLabel(label) || !probabilities) return;
      notCovered += probabilities[i]!;
      const key = topicOfLabel(label);
      topics.set(key, (topics.get(key) ?? 0) + probabilities[i]!);
    });
    let topic: Ranking['topic'] = null;
    for (const [key, probability] of topics) if (!topic || probability > topic.probability) topic = { key, probability };
    let chat: Ranking['chat'] = null;
    this.model?.classes.forEach((label, i) => {
      if (!label.startsWith(CHAT_PREFIX) || !probabilities) return;
      if (!chat || probabilities[i]! > chat.probability) chat = { intent: label.slice(CHAT_PREFIX.length), probability: probabilities[i]! };
    });
    let partial = 0;
    if (this.coverage) {
      const p = this.coverage.predict(vector);
      partial = p[this.coverage.classes.indexOf('partial')] ?? 0;
    }
    return { candidates, notCovered, topic, partial, chat };
  }
}
