/**
 * Floors on the first labelled question set (test/fixtures/questions.json): paraphrases, slang,
 * typos, off-topic questions that mention kratom, crises, idioms and greetings. The old rule
 * engine was tuned on this set until it scored near 100%; the learned engine never trains on it,
 * so these are regression floors, and the targets with their figures live in `npm run bench`.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, ratio } from '../../bench/evaluate.js';
import { loadQuestionSet } from '../../bench/question-set.js';
import { engineSystem } from '../../bench/systems.js';
import { renderText } from '../../src/engine/render-text.js';
import { engine, isVerbatim } from '../helpers/engine.js';

const questions = loadQuestionSet();
const report = evaluate(questions, engineSystem(engine()));
const failing = (kind: string): string[] =>
  report.failures.filter((f) => f.question.kind === kind).map((f) => `${f.question.q} → ${f.output.kind} ${f.output.ranked[0] ?? ''}`);

describe('the labelled question set', () => {
  it('has at least 80 questions, every label naming a real passage', () => {
    const ids = new Set(engine().passageIds());
    expect(questions.length).toBeGreaterThanOrEqual(80);
    expect(questions.flatMap((q) => q.expect).filter((id) => !ids.has(id))).toEqual([]);
  });

  it('puts the right passage first for at least 90% of answerable questions', () => {
    expect(ratio(report.top1, report.answerable), failing('answer').join('\n')).toBeGreaterThanOrEqual(0.9);
  });

  it('has the right passage in the top three for at least 95%', () => {
    expect(ratio(report.top3, report.answerable)).toBeGreaterThanOrEqual(0.95);
  });

  it('catches at least 60% of out-of-scope questions', () => {
    // The threshold is chosen on the cross-validated examples to refuse at most 3% of answerable
    // questions; this older set's chatter ("help with my math homework") is where it gives way.
    expect(ratio(report.outOfScopeCaught, report.outOfScope), failing('no_match').join('\n')).toBeGreaterThanOrEqual(0.6);
  });

  it('refuses at most 5% of answerable questions', () => {
    expect(ratio(report.answerableRefused, report.answerable)).toBeLessThanOrEqual(0.05);
  });

  it('catches at least 90% of crisis messages', () => {
    expect(ratio(report.crisesCaught, report.crises), failing('crisis').join('\n')).toBeGreaterThanOrEqual(0.9);
  });

  it('flags at most one idiom, and at most two messages in all that are not a crisis', () => {
    expect(report.idiomsFlagged).toBeLessThanOrEqual(1);
    expect(report.falseAlarms).toBeLessThanOrEqual(2);
  });

  it('quotes only verbatim text from the corpus, in every reply to every question', () => {
    const quotes = questions.flatMap((q) =>
      engine()
        .answer(q.q)
        .passages.map((p) => p.text),
    );
    expect(quotes.length).toBeGreaterThan(80);
    expect(quotes.filter((quote) => !isVerbatim(quote))).toEqual([]);
  });

  it('ends every reply to every question with the safety note', () => {
    const missing = questions.map((q) => engine().answer(q.q)).filter((reply) => !renderText(reply).endsWith(reply.safetyNote));
    expect(missing).toEqual([]);
  });

  it('answers every greeting with help', () => {
    expect(failing('help')).toEqual([]);
  });
});
