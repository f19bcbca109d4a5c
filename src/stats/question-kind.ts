/**
 * What kind of question a reply answered, as /stats counts it. The engine's Reply carries
 * `coverage` on answers and `topic` on not-covered replies (the learned engine); an engine
 * without them counts every answer as answered and no topic.
 */
import type { Reply } from '../engine/reply.js';

export const QUESTION_KINDS = ['answered', 'partial', 'not_covered', 'crisis', 'help'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

export const QUESTION_KIND_LABELS: Record<QuestionKind, string> = {
  answered: 'answered',
  partial: 'partially covered',
  not_covered: 'not covered',
  crisis: 'crisis',
  help: 'help',
};

/** The fields of the engine's Reply this reads beyond the ones every engine has. */
export type StatsReply = Reply & { coverage?: 'full' | 'partial'; topic?: string };

/** The question kind of a reply to a question; undefined for lookups and notices. */
export function questionKind(reply: StatsReply): QuestionKind | undefined {
  switch (reply.kind) {
    case 'answer':
      return reply.coverage === 'partial' ? 'partial' : 'answered';
    case 'no_match':
      return 'not_covered';
    case 'crisis':
      return 'crisis';
    case 'help':
      return 'help';
    default:
      return undefined;
  }
}

export function isQuestionKind(value: string): value is QuestionKind {
  return (QUESTION_KINDS as readonly string[]).includes(value);
}
