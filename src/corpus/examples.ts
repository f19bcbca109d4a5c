/**
 * Labelled example questions, kept beside each document as `<document>.examples.jsonl`: one JSON
 * object per line, which the learned ranker trains on.
 *
 * ```jsonl
 * {"q": "is kratom addictive?", "passage": "kratom-mental-health/potential-considerations/dependency-and-withdrawal/p1"}
 * {"q": "what are the withdrawal symptoms?", "passage": "kratom-mental-health/potential-considerations/dependency-and-withdrawal/p1", "coverage": "partial"}
 * {"q": "how many grams should I take?", "topic": "doses"}
 * ```
 *
 * `passage` names the passage that answers the question (`coverage` is "full" unless the article
 * covers it only in general: "partial"); `topic` marks a question the article does not cover,
 * with one of the topics listed in `corpus/topics.json`. Anything else on a line is kept for
 * reading (`style`, who wrote it) and ignored. A line with an unknown passage or topic, an empty
 * question, or the same question labelled twice differently stops start-up with `file:line`.
 */
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { readJsonLines } from './json-lines.js';
import { CorpusError } from './markdown.js';

export type Coverage = 'full' | 'partial';

export interface LabelledExample {
  question: string;
  /** The answering passage's id, or null for a question the article does not cover. */
  passageId: string | null;
  coverage: Coverage;
  /** The not-covered topic, for questions the article does not cover. */
  topic: string | null;
  file: string;
  line: number;
}

// One object schema, not a union of the passage and topic shapes: a union first fails the
// passage shape on every topic line, and building those errors tripled the loading time of
// 16,000 examples (start-up counts against the first-answer budget).
const lineSchema = z
  .object({
    q: z.string().trim().min(1, 'the question "q" is empty'),
    passage: z.string().min(1).optional(),
    topic: z.string().min(1).optional(),
    coverage: z.enum(['full', 'partial']).optional(),
  })
  .passthrough()
  .refine((line) => line.passage !== undefined || line.topic !== undefined, 'a line needs "q" and either "passage" or "topic"');

const EDGE = /[\s\p{P}]/u;

/** Same question, ignoring case, spacing and punctuation at its ends. */
export function questionKey(question: string): string {
  const text = question.toLowerCase().replace(/\s+/g, ' ').trim();
  // Trimmed by hand: the equivalent regex took half of start-up's time to load 16,000 examples.
  let start = 0;
  let end = text.length;
  while (start < end && EDGE.test(text[start]!)) start++;
  while (end > start && EDGE.test(text[end - 1]!)) end--;
  return text.slice(start, end);
}

export function examplesFileFor(documentPath: string): string {
  return documentPath.replace(/\.md$/, '.examples.jsonl');
}

/** Reads one examples file; `passageIds` and `topics` are what labels may name. */
export function loadExamples(path: string, shown: string, passageIds: ReadonlySet<string>, topics: ReadonlySet<string>): LabelledExample[] {
  if (!existsSync(path)) return [];
  const examples: LabelledExample[] = [];
  const seen = new Map<string, { label: string; line: number }>();
  const rows = readJsonLines(path, shown, lineSchema, (issue) => issue.message);
  for (const { value, line } of rows) {
      const data = value as { q: string; passage?: string; topic?: string; coverage?: Coverage };
      const passageId = data.passage ?? null;
      const topic = passageId === null ? (data.topic ?? null) : null;
      if (passageId !== null && !passageIds.has(passageId)) throw new CorpusError(shown, line, `unknown passage id "${passageId}"`);
      if (topic !== null && !topics.has(topic)) throw new CorpusError(shown, line, `unknown topic "${topic}" (corpus/topics.json lists the topics)`);
      const coverage = data.coverage ?? 'full';
      const label = passageId !== null ? `${passageId}#${coverage}` : `topic:${topic}`;
      const key = questionKey(data.q);
      const before = seen.get(key);
      if (before && before.label !== label) throw new CorpusError(shown, line, `the same question is labelled differently at line ${before.line}`);
      if (before) continue;
      seen.set(key, { label, line });
      examples.push({ question: data.q, passageId, coverage, topic, file: shown, line });
  }
  return examples;
}
