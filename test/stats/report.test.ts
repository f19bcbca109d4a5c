/** The /stats figures from replies: kinds (with the engine's coverage and topic), sections once per answer, ratings; and the text. */
import { describe, expect, it } from 'vitest';
import { FeedbackCodec } from '../../src/discord/feedback.js';
import { makeReply, type Quote } from '../../src/engine/reply.js';
import { countAnswer } from '../../src/stats/count-answer.js';
import { questionKind, type StatsReply } from '../../src/stats/question-kind.js';
import { buildReport, reportText } from '../../src/stats/report.js';
import type { StatsMetric, StatsRow } from '../../src/storage/stats-counts.js';
import { testEngine } from '../bot/harness.js';

const quote = (id: string, section: string): Quote => ({ id, section, subsection: null, text: '…', score: 1 });
const reply = (fields: Partial<StatsReply> & Pick<StatsReply, 'kind'>): StatsReply => makeReply({ question: 'q', ...fields }, 'note');

/** A counter that keeps what it was told, as rows. */
function recorder() {
  const rows = new Map<string, StatsRow>();
  return {
    rows: () => [...rows.values()],
    count(_guild: string | null, metric: StatsMetric, key: string) {
      const row = rows.get(`${metric}:${key}`) ?? { metric, key, count: 0 };
      row.count += 1;
      rows.set(`${metric}:${key}`, row);
    },
  };
}

describe('question kinds', () => {
  it('tells answered from partially covered by the engine’s coverage', () => {
    expect(questionKind(reply({ kind: 'answer', coverage: 'full' }))).toBe('answered');
    expect(questionKind(reply({ kind: 'answer', coverage: 'partial' }))).toBe('partial');
    expect(questionKind(reply({ kind: 'answer' }))).toBe('answered');
  });

  it('counts lookups and notices as no question', () => {
    expect(questionKind(reply({ kind: 'section' }))).toBeUndefined();
    expect(questionKind(reply({ kind: 'notice' }))).toBeUndefined();
  });
});

describe('the report', () => {
  const counted = recorder();
  const stats = counted as unknown as Parameters<typeof countAnswer>[0];
  countAnswer(
    stats,
    'g',
    reply({ kind: 'answer', coverage: 'full', passages: [quote('d/a/p1', 'A'), quote('d/a/p2', 'A'), quote('d/b/p1', 'B')] }),
  );
  countAnswer(stats, 'g', reply({ kind: 'answer', coverage: 'partial', passages: [quote('d/a/p3', 'A')] }));
  countAnswer(stats, 'g', reply({ kind: 'no_match', topic: 'doses' }));
  countAnswer(stats, 'g', reply({ kind: 'no_match', topic: 'doses' }));
  countAnswer(stats, 'g', reply({ kind: 'no_match' }));
  countAnswer(stats, 'g', reply({ kind: 'crisis' }));
  const sections: Record<string, string> = { 'd/a/p1': 'A', 'd/a/p2': 'A', 'd/a/p3': 'A', 'd/b/p1': 'B' };
  const report = buildReport({
    days: 7,
    firstDay: '2026-11-27',
    lastDay: '2026-12-03',
    scope: 'this server',
    stats: [
      ...counted.rows(),
      { metric: 'helpful', key: 'd/a/p1', count: 3 },
      { metric: 'not_helpful', key: 'd/b/p1', count: 1 },
      { metric: 'helpful', key: 'gone/p9', count: 1 },
    ],
    usage: { alert: 1, answer: 2 },
    sectionOf: (id) => sections[id],
    topicLabels: new Map([['doses', 'doses and amounts']]),
  });
  const text = reportText(report);

  it('counts each kind, an answer once per section it quoted, and topics by label', () => {
    expect(report.questions.map((f) => `${f.label}=${f.count}`)).toEqual([
      'answered=1',
      'partially covered=1',
      'not covered=3',
      'crisis=1',
      'help=0',
    ]);
    expect(report.sections).toEqual([
      { label: 'A', count: 2 },
      { label: 'B', count: 1 },
    ]);
    expect(report.topics).toEqual([{ label: 'doses and amounts', count: 2 }]);
    expect(report.crises).toBe(1);
    expect(report.alerts).toBe(1);
  });

  it('writes every figure as text, a passage the article lost named as such', () => {
    expect(text).toContain('**Questions: 6**');
    expect(text).toContain('- partially covered: 1');
    expect(text).toContain('1. A: 2\n2. B: 1');
    expect(text).toContain('1. doses and amounts: 2');
    expect(text).toContain('- A: 3 helpful, 0 not helpful');
    expect(text).toContain('- B: 0 helpful, 1 not helpful');
    expect(text).toContain('(a passage no longer in the article: gone/p9): 1 helpful');
  });
});

describe('rating buttons', () => {
  const engine = testEngine();
  const codec = new FeedbackCodec(engine, 'abcdefgh');
  const ids = engine.passageIds();

  it('carry what they rate within Discord’s 100 characters, dropping other passages that do not fit', () => {
    const click = { helpful: false, kind: 'partial' as const, passageIds: ids.slice(0, 3), otherIds: ids.slice(3) };
    const customId = codec.encode(click);
    expect(customId.length).toBeLessThanOrEqual(100);
    const decoded = codec.decode(customId)!;
    expect(decoded).toMatchObject({ helpful: false, kind: 'partial', passageIds: ids.slice(0, 3) });
    expect(decoded.otherIds).toEqual(ids.slice(3, 3 + decoded.otherIds.length));
    expect(decoded.otherIds.length).toBeGreaterThan(0);
  });

  it('are not read across a change of the article', () => {
    const customId = codec.encode({ helpful: true, kind: 'answered', passageIds: ids.slice(0, 1), otherIds: [] });
    expect(new FeedbackCodec(engine, 'zzzzzzzz').decode(customId)).toBeUndefined();
  });

  it('are under answers and not-covered replies, not crisis or help replies', () => {
    expect(codec.rowFor(reply({ kind: 'answer', passages: [quote(ids[0]!, 'A')] }))).toHaveLength(1);
    expect(codec.rowFor(reply({ kind: 'no_match' }))).toHaveLength(1);
    expect(codec.rowFor(reply({ kind: 'crisis' }))).toEqual([]);
    expect(codec.rowFor(reply({ kind: 'help' }))).toEqual([]);
  });
});
