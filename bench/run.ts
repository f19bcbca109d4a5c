/**
 * `npm run bench`: quality and speed of the answer engine, side by side with MiniSearch on
 * default options over the same passages, measured in the same run; then the Discord bot under
 * load through the local Discord server beside a bare "pong" bot (skip with `-- --no-discord`).
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import MiniSearch from 'minisearch';
import { loadCorpus } from '../src/corpus/load.js';
import { AnswerEngine } from '../src/engine/engine.js';
import { loadSynonyms, loadUncoveredTopics } from '../src/engine/synonyms.js';
import { evaluate, ratio, type QualityReport } from './evaluate.js';
import { loadQuestionSet } from './question-set.js';
import { discordLoadReport } from './discord-load.js';
import { engineSystem, miniSearchDefaultSystem } from './systems.js';

const ROUNDS = 50;
const root = fileURLToPath(new URL('../', import.meta.url));

const percent = (part: number, whole: number): string => `${(ratio(part, whole) * 100).toFixed(1)}% (${part}/${whole})`;
const ms = (value: number): string => `${value < 1 ? value.toFixed(3) : value.toFixed(1)} ms`;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Per-question latency over every question, ROUNDS times, after a warm-up round. */
function latencies(answer: (q: string) => unknown, questions: string[]): { p50: number; p99: number } {
  questions.forEach(answer);
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const question of questions) {
      const start = process.hrtime.bigint();
      answer(question);
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

function timed<T>(build: () => T): { value: T; ms: number } {
  const start = process.hrtime.bigint();
  const value = build();
  return { value, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}

function heapAfter<T>(build: () => T): { value: T; bytes: number } {
  globalThis.gc?.();
  const before = process.memoryUsage().heapUsed;
  const value = build();
  globalThis.gc?.();
  return { value, bytes: process.memoryUsage().heapUsed - before };
}

function firstAnswer(system: 'engine' | 'baseline'): number {
  const tsx = `${root}node_modules/tsx/dist/cli.mjs`;
  const runs = [0, 1, 2].map(() => Number(execFileSync(process.execPath, [tsx, `${root}bench/first-answer.ts`, system], { encoding: 'utf8' }).trim()));
  return runs.sort((a, b) => a - b)[1]!;
}

function row(label: string, engine: string, baseline: string, target = ''): string {
  return `| ${label.padEnd(34)} | ${engine.padEnd(20)} | ${baseline.padEnd(20)} | ${target.padEnd(16)} |`;
}

function check(ok: boolean): string {
  return ok ? 'met' : 'MISSED';
}

const devSet = loadQuestionSet();
const heldOut = loadQuestionSet(new URL('../test/fixtures/holdout.json', import.meta.url));
const blind = loadQuestionSet(new URL('../test/fixtures/blind.json', import.meta.url));
const corpus = loadCorpus();
const synonyms = loadSynonyms();
const uncovered = loadUncoveredTopics();

const engineBuild = heapAfter(() => timed(() => new AnswerEngine(corpus, synonyms, uncovered)));
const engine = engineBuild.value.value;
const baselineBuild = heapAfter(() =>
  timed(() => {
    const search = new MiniSearch({ fields: ['text', 'section', 'subsection'] });
    search.addAll(corpus.passages);
    return search;
  }),
);

/** The quality rows for one question set, this engine beside the baseline, with the targets. */
function qualityRows(ours: QualityReport, base: QualityReport): string[] {
  return [
    row('top-1 accuracy (answerable)', percent(ours.top1, ours.answerable), percent(base.top1, base.answerable), `>= 90% ${check(ratio(ours.top1, ours.answerable) >= 0.9)}`),
    row('top-3 accuracy (answerable)', percent(ours.top3, ours.answerable), percent(base.top3, base.answerable), `>= 98% ${check(ratio(ours.top3, ours.answerable) >= 0.98)}`),
    row('out-of-scope caught', percent(ours.outOfScopeCaught, ours.outOfScope), percent(base.outOfScopeCaught, base.outOfScope), `>= 90% ${check(ratio(ours.outOfScopeCaught, ours.outOfScope) >= 0.9)}`),
    row('answerable refused', percent(ours.answerableRefused, ours.answerable), percent(base.answerableRefused, base.answerable), `<= 3% ${check(ratio(ours.answerableRefused, ours.answerable) <= 0.03)}`),
    row('crisis caught', percent(ours.crisesCaught, ours.crises), percent(base.crisesCaught, base.crises), `all ${check(ours.crisesCaught === ours.crises)}`),
    row('false alarms (idioms flagged)', `${ours.falseAlarms} (${ours.idiomsFlagged}/${ours.idioms})`, `${base.falseAlarms} (${base.idiomsFlagged}/${base.idioms})`, `none ${check(ours.falseAlarms === 0)}`),
  ];
}

const header = [row('measure', 'this engine', 'MiniSearch defaults', 'target'), row('-'.repeat(34), '-'.repeat(20), '-'.repeat(20), '-'.repeat(16))];
const ours = evaluate(devSet, engineSystem(engine));
const oursHeldOut = evaluate(heldOut, engineSystem(engine));
const oursBlind = evaluate(blind, engineSystem(engine));
const baseline = miniSearchDefaultSystem(corpus.passages);
const ourSpeed = latencies((q) => engine.answer(q), devSet.map((q) => q.q));
const baseSpeed = latencies((q) => baselineBuild.value.value.search(q), devSet.map((q) => q.q));
const ourStart = firstAnswer('engine');
const baseStart = firstAnswer('baseline');

const lines = [
  `kratom-guide bench — ${corpus.passages.length} passages, Node ${process.version}`,
  '',
  `Question set (test/fixtures/questions.json, ${devSet.length} questions; the engine was tuned on it):`,
  ...header,
  ...qualityRows(ours, evaluate(devSet, baseline)),
  '',
  `Second set (test/fixtures/holdout.json, ${heldOut.length} questions, written separately; used once for diagnosis):`,
  ...header,
  ...qualityRows(oursHeldOut, evaluate(heldOut, baseline)),
  '',
  `Third set (test/fixtures/blind.json, ${blind.length} questions: formal, long stories, non-native English, keyword queries; written blind, used once for diagnosis):`,
  ...header,
  ...qualityRows(oursBlind, evaluate(blind, baseline)),
  '',
  'Speed (over the first set):',
  ...header,
  row('latency per question p50', ms(ourSpeed.p50), ms(baseSpeed.p50)),
  row('latency per question p99', ms(ourSpeed.p99), ms(baseSpeed.p99), `< 1 ms ${check(ourSpeed.p99 < 1)}`),
  row('index build', ms(engineBuild.value.ms), ms(baselineBuild.value.ms)),
  row('heap used by the index', `${(engineBuild.bytes / 1024 / 1024).toFixed(1)} MiB`, `${(baselineBuild.bytes / 1024 / 1024).toFixed(1)} MiB`),
  row('process start → first answer', ms(ourStart), ms(baseStart), `< 1 s ${check(ourStart < 1000)}`),
  '',
  `Latency: ${ROUNDS} rounds over every question after one warm-up round. First answer: median of 3 fresh processes (tsx, corpus load, index build, one answer).`,
  'The baseline "answers" whenever MiniSearch returns anything and has no crisis or help detection.',
  'Index build and heap include natural\'s part-of-speech lexicon (about 13 MiB), which weighs words the article lacks.',
];
process.stdout.write(`${lines.join('\n')}\n\n`);
if (!process.argv.includes('--no-discord')) process.stdout.write(`${await discordLoadReport()}\n`);

if (process.argv.includes('--failures')) {
  for (const { question, output } of [...ours.failures, ...oursHeldOut.failures, ...oursBlind.failures]) {
    process.stdout.write(`  ${question.kind} → ${output.kind}: ${question.q}  [${output.ranked[0] ?? '-'}]\n`);
  }
}
