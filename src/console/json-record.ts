/** The stable JSON record of `npm run ask -- --json`: one per question. Documented in the README. */
import { renderText } from '../engine/render-text.js';
import type { AnswerKind, Reply } from '../engine/reply.js';

export interface JsonRecord {
  question: string;
  kind: AnswerKind;
  passages: { id: string; section: string; subsection: string | null; text: string; score: number }[];
  safetyNote: string;
  reply: string;
  /** On answers: "full", or "partial" when the article covers the question only in general. */
  coverage?: 'full' | 'partial';
  /** On not-covered replies: the topic recognised (a key of corpus/topics.json), when one was. */
  topic?: string;
  /** How much danger the message shows. */
  risk: 'crisis' | 'concern' | 'none';
}

export function toJsonRecord(question: string, reply: Reply): JsonRecord {
  if (reply.kind !== 'answer' && reply.kind !== 'no_match' && reply.kind !== 'crisis' && reply.kind !== 'help') {
    throw new Error(`a question got a "${reply.kind}" reply, which the JSON contract does not have`);
  }
  return {
    question,
    kind: reply.kind,
    passages: reply.passages.map(({ id, section, subsection, text, score }) => ({ id, section, subsection, text, score })),
    safetyNote: reply.safetyNote,
    reply: renderText(reply),
    ...(reply.kind === 'answer' ? { coverage: reply.coverage ?? 'full' } : {}),
    ...(reply.topic ? { topic: reply.topic } : {}),
    risk: reply.risk ?? 'none',
  };
}
