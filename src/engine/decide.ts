/**
 * The decision: from a ranking, answer (fully or only in general) or say that the article does
 * not cover the question, with the topic recognised.
 */
import type { Coverage } from '../corpus/examples.js';
import type { Ranker, Ranking } from './ranker.js';

export interface DecisionOptions {
  /** Not covered when the model's not-covered probability is at least this and beats the best passage. */
  notCoveredThreshold: number;
  /**
   * Also not covered when no passage is likely: the not-covered probability is at least
   * `uncertainNotCovered` and at least `uncertainRatio` times the best passage's.
   */
  uncertainNotCovered: number;
  uncertainRatio: number;
  /** A message is chat (help, thanks) when the model says so with at least this probability. */
  chatThreshold: number;
  /** "Covered only in general" when the coverage model says partial with at least this probability. */
  partialThreshold: number;
  /** A second or third passage is shown when its score is at least this share of the first's. */
  companionRatio: number;
  maxQuotes: number;
  /** Passages with more sentences than this are cut to their best sentences. */
  maxSentences: number;
  /**
   * For a passage the model has not learned (a document added without examples): the share of the
   * question's search terms it must match to be answered from.
   */
  unlearnedMatch: number;
  /** Without a model: the share of search terms the best passage must match to be an answer. */
  lexicalOnlyMatch: number;
  /** A follow-up with at most this many search terms may lean on the previous question. */
  shortFollowUp: number;
  /**
   * ...unless on its own it names a topic the corpus does not cover ("and migraines?", "and with
   * alcohol?") with at least this probability: then it asks about that topic, not the previous one.
   */
  followUpOwnTopic: number;
}

/**
 * `notCoveredThreshold` is the lowest at which cross-validated answerable refusals are at most 3%
 * (`npm run bench:tune`; 0.52 refuses 2.65%, 0.51 3.01%); lower ones catch more out-of-scope
 * questions and refuse more.
 */
export const DEFAULT_DECISION_OPTIONS: DecisionOptions = {
  notCoveredThreshold: 0.52,
  // Measured with `npm run bench:tune`: any such rule refuses far more answerable questions than it catches.
  uncertainNotCovered: 1,
  uncertainRatio: 3,
  partialThreshold: 0.5,
  chatThreshold: 0.3,
  companionRatio: 0.6,
  maxQuotes: 3,
  maxSentences: 3,
  unlearnedMatch: 0.5,
  lexicalOnlyMatch: 0.5,
  shortFollowUp: 4,
  followUpOwnTopic: 0.5,
};

export type Decision =
  | { kind: 'chat'; intent: string; decidedBy: string }
  | { kind: 'answer'; ids: string[]; alternatives: string[]; coverage: Coverage; decidedBy: string }
  | { kind: 'no_match'; topic: string | null; decidedBy: string };

export function decide(ranking: Ranking, ranker: Pick<Ranker, 'learned'>, options: DecisionOptions): Decision {
  const [best, ...rest] = ranking.candidates;
  if (!best) return { kind: 'no_match', topic: ranking.topic?.key ?? null, decidedBy: 'no candidate' };
  const topic = ranking.topic?.key ?? null;
  // A greeting or a question about the bot, by the model: larger than any passage and than "not covered".
  if (
    ranking.chat &&
    ranking.chat.probability >= options.chatThreshold &&
    ranking.chat.probability > best.model &&
    ranking.chat.probability > ranking.notCovered
  ) {
    return { kind: 'chat', intent: ranking.chat.intent, decidedBy: `model (chat: ${ranking.chat.intent})` };
  }

  // A document a moderator added without examples: answered when it matches the question well.
  const unlearned = ranking.candidates.find((c) => !ranker.learned(c.id) && c.matched >= options.unlearnedMatch && c.lexical >= 0.99);
  const modelKnows = ranker.learned(best.id);
  let decidedBy = 'model';
  if (!modelKnows && ranking.candidates.every((c) => !ranker.learned(c.id) || c.model === 0)) {
    // No model at all: the lexical index alone.
    if (best.matched < options.lexicalOnlyMatch) return { kind: 'no_match', topic, decidedBy: 'lexical (too little matched)' };
    decidedBy = 'lexical';
  } else if (
    (ranking.notCovered >= options.notCoveredThreshold && ranking.notCovered > best.model) ||
    (ranking.notCovered >= options.uncertainNotCovered && ranking.notCovered >= options.uncertainRatio * best.model)
  ) {
    if (!unlearned) return { kind: 'no_match', topic, decidedBy: 'model (not covered)' };
    return answerWith(unlearned.id, ranking, options, 'lexical (document without examples)');
  }

  const ids = [best.id, ...rest.filter((c) => c.score >= best.score * options.companionRatio).map((c) => c.id)].slice(0, options.maxQuotes);
  const alternatives = ranking.candidates
    .map((c) => c.id)
    .filter((id) => !ids.includes(id))
    .slice(0, 6);
  return { kind: 'answer', ids, alternatives, coverage: ranking.partial >= options.partialThreshold ? 'partial' : 'full', decidedBy };
}

function answerWith(id: string, ranking: Ranking, options: DecisionOptions, decidedBy: string): Decision {
  const alternatives = ranking.candidates
    .map((c) => c.id)
    .filter((other) => other !== id)
    .slice(0, 6);
  return { kind: 'answer', ids: [id], alternatives, coverage: ranking.partial >= options.partialThreshold ? 'partial' : 'full', decidedBy };
}
