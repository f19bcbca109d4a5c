/** One engine over the shipped corpus, built once per test file. */
import { loadCorpus } from '../../src/corpus/load.js';
import { createEngine, type AnswerEngine } from '../../src/engine/engine.js';
import type { Reply } from '../../src/engine/reply.js';

let shared: AnswerEngine | undefined;

export function engine(): AnswerEngine {
  shared ??= createEngine();
  return shared;
}

const corpusTexts = loadCorpus().passages.map((passage) => passage.text);

/** Whether every piece of a quote between "…" marks stands word for word in one corpus passage. */
export function isVerbatim(quote: string): boolean {
  const pieces = quote
    .split('…')
    .map((piece) => piece.trim())
    .filter(Boolean);
  return pieces.length > 0 && pieces.every((piece) => corpusTexts.some((text) => text.includes(piece)));
}

export function topId(reply: Reply): string | undefined {
  return reply.passages[0]?.id;
}
