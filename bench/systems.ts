/** The systems the bench compares: this engine, and MiniSearch with default options over the same passages. */
import BayesClassifier from 'natural/lib/natural/classifiers/bayes_classifier.js';
import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';
import MiniSearch from 'minisearch';
import { NOT_COVERED, type TrainingItem } from '../src/learn/models.js';
import type { Passage } from '../src/corpus/markdown.js';
import type { AnswerEngine } from '../src/engine/engine.js';
import type { SystemOutput } from './evaluate.js';

export function engineSystem(engine: AnswerEngine): (question: string) => SystemOutput {
  return (question) => {
    const reply = engine.answer(question);
    const kind =
      reply.kind === 'answer' || reply.kind === 'no_match' || reply.kind === 'crisis' || reply.kind === 'help' ? reply.kind : 'no_match';
    const ranked = reply.trace?.candidates.length
      ? reply.trace.candidates.map((c) => c.id)
      : [...reply.passages.map((q) => q.id), ...(reply.alternativeIds ?? [])];
    // What is quoted first is what the person reads first.
    const first = reply.passages[0]?.id;
    return { kind, ranked: first ? [first, ...ranked.filter((id) => id !== first)] : ranked, coverage: reply.coverage, topic: reply.topic };
  };
}

/** The baseline: defaults everywhere; it "answers" whenever MiniSearch finds anything, and knows no crisis or help. */
export function miniSearchDefaultSystem(passages: Passage[]): (question: string) => SystemOutput {
  const search = new MiniSearch<Passage>({ fields: ['text', 'section', 'subsection'] });
  search.addAll(passages);
  return (question) => {
    const ranked = search.search(question).map((result) => String(result.id));
    return { kind: ranked.length > 0 ? 'answer' : 'no_match', ranked };
  };
}

/**
 * natural's BayesClassifier trained on the same labelled examples and passages as the engine's
 * ranker (passages and "not covered"), without the background messages: it weighs every document
 * alike, so thousands of chat lines would swamp its class priors. It knows no crisis or help, and
 * no topics.
 */
export function naturalBayesSystem(items: TrainingItem[]): (question: string) => SystemOutput {
  const classifier = new BayesClassifier(PorterStemmer);
  for (const item of items) classifier.addDocument(item.text, item.label);
  classifier.train();
  return (question) => {
    const ranked = classifier.getClassifications(question).map((c) => c.label);
    if (ranked.length === 0 || ranked[0]!.startsWith(NOT_COVERED)) return { kind: 'no_match', ranked: [] };
    return { kind: 'answer', ranked: ranked.filter((label) => !label.startsWith(NOT_COVERED)) };
  };
}
