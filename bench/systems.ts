/** The systems the bench compares: this engine, and MiniSearch with default options over the same passages. */
import MiniSearch from 'minisearch';
import type { Passage } from '../src/corpus/markdown.js';
import type { AnswerEngine } from '../src/engine/engine.js';
import type { SystemOutput } from './evaluate.js';

export function engineSystem(engine: AnswerEngine): (question: string) => SystemOutput {
  return (question) => {
    const reply = engine.answer(question);
    const kind = reply.kind === 'answer' || reply.kind === 'no_match' || reply.kind === 'crisis' || reply.kind === 'help' ? reply.kind : 'no_match';
    return { kind, ranked: [...reply.passages.map((q) => q.id), ...(reply.alternativeIds ?? [])] };
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
