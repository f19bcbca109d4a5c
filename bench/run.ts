/**
 * `npm run bench`: every quality, speed and memory target, measured in one run beside baselines:
 *
 * - answers: this engine, MiniSearch with default options, and natural's BayesClassifier trained
 *   on the same examples, on the training part (4-fold cross-validated), the frozen test part and
 *   the three older question sets;
 * - why the engine has its own learner: natural's LogisticRegressionClassifier's training time;
 * - risk: the learned detector beside the old list of 74 patterns, on the frozen test part, by
 *   category, with the time it adds per message;
 * - speed and memory; then the Discord bot under load beside a bare "pong" bot.
 *
 * `-- --no-discord` skips the load part; `-- --failures` prints the frozen test part's misses with
 * their traces; `-- --quick` skips cross-validation and natural's logistic regression.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import LogisticRegressionClassifier from 'natural/lib/natural/classifiers/logistic_regression_classifier.js';
import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';
import MiniSearch from 'minisearch';
import { loadCorpus } from '../src/corpus/load.js';
import { AnswerEngine, createEngine, loadModels } from '../src/engine/engine.js';
import { loadChatRules } from '../src/engine/chat-rules.js';
import { explainTrace } from '../src/engine/trace.js';
import {
  answerTrainingItems,
  classesOf,
  frozenTestPart,
  trainingPart,
  trainSoftmax,
  DEFAULT_MODEL_SETTINGS,
  NOT_COVERED,
} from '../src/learn/models.js';
import { featurize } from '../src/learn/features.js';
import { loadRiskExamples } from '../src/learn/risk-data.js';
import { isFrozenTest } from '../src/learn/split.js';
import { isCrisis as patternCrisis } from './baselines/pattern-crisis.js';
import { folds } from './cross-validate.js';
import { discordLoadReport } from './discord-load.js';
import { evaluate, evaluateExamples, mergeReports, ratio, type ExampleReport, type QualityReport } from './evaluate.js';
import { loadQuestionSet } from './question-set.js';
import { engineSystem, miniSearchDefaultSystem, naturalBayesSystem } from './systems.js';

const ROUNDS = 20;
const root = fileURLToPath(new URL('../', import.meta.url));
const args = process.argv.slice(2);
const quick = args.includes('--quick');

const pct = (part: number, whole: number): string => (whole === 0 ? '—' : `${(ratio(part, whole) * 100).toFixed(1)}% (${part}/${whole})`);
const ms = (value: number): string => `${value < 1 ? value.toFixed(3) : value.toFixed(1)} ms`;
const row = (cells: string[], widths = [34, 22, 22, 22, 18]): string => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 18)).join(' | ')} |`;
const check = (ok: boolean): string => (ok ? 'met' : 'MISSED');

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function latencies(run: (q: string) => unknown, questions: string[]): { p50: number; p99: number } {
  questions.forEach(run);
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const question of questions) {
      const start = process.hrtime.bigint();
      run(question);
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

/** Memory a build keeps: JavaScript heap plus array buffers (the models' weights live in typed arrays). */
function heapAfter<T>(build: () => T): { value: T; bytes: number } {
  const used = (): number => {
    const { heapUsed, arrayBuffers } = process.memoryUsage();
    return heapUsed + arrayBuffers;
  };
  globalThis.gc?.();
  const before = used();
  const value = build();
  globalThis.gc?.();
  return { value, bytes: used() - before };
}

/** The bot's two ways of starting: compiled as the Docker image runs it, and TypeScript as `npm start` runs it. */
type StartPath = 'compiled' | 'tsx';

/** Median of 3 fresh processes, from process start to the first answer, in ms. */
function firstAnswer(path: StartPath, system: 'engine' | 'baseline'): number {
  const script = `${root}bench/first-answer.mjs`;
  const argv = path === 'compiled' ? [script, 'dist', system] : ['--import', 'tsx', script, 'src', system];
  const runs = [0, 1, 2].map(() => Number(execFileSync(process.execPath, argv, { cwd: root, encoding: 'utf8' }).trim()));
  return runs.sort((a, b) => a - b)[1]!;
}

/** Compiles src/ to dist/ exactly as `npm run build` (and so the Docker image) does. */
function build(): void {
  execFileSync(process.execPath, [`${root}node_modules/typescript/bin/tsc`, '-p', `${root}tsconfig.build.json`], { cwd: root });
}

const out: string[] = [];
const say = (...lines: string[]): void => {
  out.push(...lines);
  process.stdout.write(`${lines.join('\n')}\n`);
};

const corpus = loadCorpus();
const chat = loadChatRules();
// Models are read and decoded inside the measure: they are most of the engine's memory.
const engineBuild = heapAfter(() => timed(() => new AnswerEngine(corpus, loadModels(), chat)));
const engine = engineBuild.value.value;
const models = loadModels();
const training = trainingPart(corpus.examples);
const frozen = frozenTestPart(corpus.examples);
const miniSearch = miniSearchDefaultSystem(corpus.passages);
const bayes = naturalBayesSystem(answerTrainingItems(corpus, training));

say(
  `kratom-guide bench — ${corpus.passages.length} passages, ${corpus.examples.length} labelled examples (${training.length} training, ${frozen.length} frozen test), Node ${process.version}`,
  '',
);

function exampleRows(label: string, reports: [ExampleReport, ExampleReport, ExampleReport]): string[] {
  const [ours, base, nb] = reports;
  const line = (name: string, f: (r: ExampleReport) => string, target = ''): string => row([name, f(ours), f(base), f(nb), target]);
  return [
    label,
    row(['measure', 'this engine', 'MiniSearch defaults', 'natural Bayes', 'target']),
    row(['-'.repeat(34), '-'.repeat(22), '-'.repeat(22), '-'.repeat(22), '-'.repeat(18)]),
    line('top-1 (answerable)', (r) => pct(r.top1, r.answerable), `>= 92% ${check(ratio(ours.top1, ours.answerable) >= 0.92)}`),
    line('top-3 (answerable)', (r) => pct(r.top3, r.answerable), `>= 98% ${check(ratio(ours.top3, ours.answerable) >= 0.98)}`),
    line('answerable refused', (r) => pct(r.refused, r.answerable), `<= 3% ${check(ratio(ours.refused, ours.answerable) <= 0.03)}`),
    line('out-of-scope caught', (r) => pct(r.caught, r.outOfScope), `>= 92% ${check(ratio(ours.caught, ours.outOfScope) >= 0.92)}`),
    line('  …naming its topic', (r) => pct(r.topicRight, r.caught)),
    line('partial said "covered in general"', (r) => pct(r.partialSaid, r.partial)),
    line('full said "covered in general"', (r) => pct(r.fullSaidPartial, r.answerable - r.partial)),
    '',
  ];
}

// 1. Answers on the labelled examples.
if (!quick) {
  const cv = folds(corpus, 4, DEFAULT_MODEL_SETTINGS).map((fold) => {
    const foldEngine = new AnswerEngine(corpus, { ...models, ranker: fold.ranker, coverage: fold.coverage }, chat);
    return [
      evaluateExamples(fold.held, engineSystem(foldEngine)),
      evaluateExamples(fold.held, miniSearch),
      evaluateExamples(fold.held, naturalBayesSystem(answerTrainingItems(corpus, fold.train))),
    ] as const;
  });
  say(
    ...exampleRows(
      'Training part, 4-fold cross-validated (each fold trained on the other three):',
      [0, 1, 2].map((i) => mergeReports(cv.map((f) => f[i]!))) as [ExampleReport, ExampleReport, ExampleReport],
    ),
  );
}
const frozenReports = [
  evaluateExamples(frozen, engineSystem(engine)),
  evaluateExamples(frozen, miniSearch),
  evaluateExamples(frozen, bayes),
] as const;
say(...exampleRows(`Frozen test part (${frozen.length} examples, never trained or tuned on):`, [...frozenReports]));

// 2. The older question sets (they also hold crises and greetings).
function setRows(label: string, file: URL | undefined): string[] {
  const set = loadQuestionSet(file);
  const toSystem = (f: (q: string) => ReturnType<ReturnType<typeof engineSystem>>): ((q: string) => ReturnType<typeof f>) => f;
  const [ours, base, nb]: QualityReport[] = [
    evaluate(set, toSystem(engineSystem(engine))),
    evaluate(set, miniSearch),
    evaluate(set, bayes),
  ];
  const line = (name: string, f: (r: QualityReport) => string): string => row([name, f(ours!), f(base!), f(nb!), '']);
  return [
    `${label} (${set.length} questions)`,
    row(['measure', 'this engine', 'MiniSearch defaults', 'natural Bayes', '']),
    row(['-'.repeat(34), '-'.repeat(22), '-'.repeat(22), '-'.repeat(22), '-'.repeat(18)]),
    line('top-1 (answerable)', (r) => pct(r.top1, r.answerable)),
    line('top-3 (answerable)', (r) => pct(r.top3, r.answerable)),
    line('answerable refused', (r) => pct(r.answerableRefused, r.answerable)),
    line('out-of-scope caught', (r) => pct(r.outOfScopeCaught, r.outOfScope)),
    line('crises caught', (r) => pct(r.crisesCaught, r.crises)),
    line('false alarms (idioms)', (r) => `${r.falseAlarms} (${r.idiomsFlagged}/${r.idioms})`),
    '',
  ];
}
say(
  ...setRows('First question set, test/fixtures/questions.json (the old engine was tuned on it)', undefined),
  ...setRows('Second set, test/fixtures/holdout.json', new URL('../test/fixtures/holdout.json', import.meta.url)),
  ...setRows('Third set, test/fixtures/blind.json', new URL('../test/fixtures/blind.json', import.meta.url)),
);

// 3. Why the engine has its own learner.
if (!quick) {
  const sizes = [100, 200];
  const lines = [
    'natural LogisticRegressionClassifier beside the engine’s learner, trained on the first N training examples, scored top-1 on the frozen test part:',
  ];
  for (const n of sizes) {
    const subset = training.slice(0, n);
    const items = subset.map((e) => ({ text: e.question, label: e.passageId ?? NOT_COVERED }));
    const lr = new LogisticRegressionClassifier(PorterStemmer);
    for (const item of items) lr.addDocument(item.text, item.label);
    const lrTime = timed(() => lr.train());
    const ownTime = timed(() => trainSoftmax(items, classesOf(items)));
    const accuracy = (predict: (q: string) => string): string =>
      pct(frozen.filter((e) => predict(e.question) === (e.passageId ?? NOT_COVERED)).length, frozen.length);
    const own = ownTime.value;
    const ownPredict = (q: string): string => {
      const p = own.predict(featurize(q));
      return own.classes[p.indexOf(Math.max(...p))]!;
    };
    lines.push(
      `  N=${n}: natural LR trains in ${ms(lrTime.ms)}, accuracy ${accuracy((q) => lr.classify(q))}; the engine's learner trains in ${ms(ownTime.ms)}, accuracy ${accuracy(ownPredict)}`,
    );
  }
  lines.push(
    `  (natural LR's training time grows about 4–6× per doubling; all ${training.length} examples would take hours. Bayes trains fast but ranks worse, above.)`,
    '',
  );
  say(...lines);
}

// 4. Risk.
const riskFrozen = loadRiskExamples().filter((r) => isFrozenTest(r.text));
const ordinary = frozen.map((e) => e.question);
const levelOf = (text: string): string => engine.answer(text).risk ?? 'none';
const categories = [...new Set(riskFrozen.map((r) => `${r.level}:${r.category}`))].sort();
const riskLines = [
  `Risk on the frozen test part (${riskFrozen.length} labelled messages, plus ${ordinary.length} ordinary questions):`,
  row(['measure', 'learned detector', '74 patterns (before)', '', 'target']),
  row(['-'.repeat(34), '-'.repeat(22), '-'.repeat(22), '', '-'.repeat(18)]),
];
const crisisAll = riskFrozen.filter((r) => r.level === 'crisis');
const hardNegatives = riskFrozen.filter((r) => r.level !== 'crisis');
const recall = crisisAll.filter((r) => levelOf(r.text) === 'crisis').length;
const hardFalse = hardNegatives.filter((r) => levelOf(r.text) === 'crisis').length;
const ordinaryFalse = ordinary.filter((q) => levelOf(q) === 'crisis').length;
riskLines.push(
  row([
    'crisis recall',
    pct(recall, crisisAll.length),
    pct(crisisAll.filter((r) => patternCrisis(r.text)).length, crisisAll.length),
    '',
    `>= 98% ${check(ratio(recall, crisisAll.length) >= 0.98)}`,
  ]),
  row([
    'false alarms, hard negatives',
    pct(hardFalse, hardNegatives.length),
    pct(hardNegatives.filter((r) => patternCrisis(r.text)).length, hardNegatives.length),
    '',
    `<= 3% ${check(ratio(hardFalse, hardNegatives.length) <= 0.03)}`,
  ]),
  row([
    'false alarms, ordinary questions',
    pct(ordinaryFalse, ordinary.length),
    pct(ordinary.filter((q) => patternCrisis(q)).length, ordinary.length),
    '',
    `<= 0.5% ${check(ratio(ordinaryFalse, ordinary.length) <= 0.005)}`,
  ]),
  row([
    'crisis given no support line at all',
    pct(crisisAll.filter((r) => levelOf(r.text) === 'none').length, crisisAll.length),
    pct(crisisAll.filter((r) => !patternCrisis(r.text)).length, crisisAll.length),
    '',
    '',
  ]),
  row([
    'concern recognised (concern level)',
    pct(
      riskFrozen.filter((r) => r.level === 'concern' && levelOf(r.text) === 'concern').length,
      riskFrozen.filter((r) => r.level === 'concern').length,
    ),
    'no such level',
    '',
    '',
  ]),
  '',
  'By category (flagged as crisis: learned / patterns):',
);
for (const key of categories) {
  const [level, category] = key.split(':');
  const group = riskFrozen.filter((r) => r.level === level && r.category === category);
  riskLines.push(
    `  ${key.padEnd(34)} ${pct(group.filter((r) => levelOf(r.text) === 'crisis').length, group.length).padEnd(16)} ${pct(group.filter((r) => patternCrisis(r.text)).length, group.length)}`,
  );
}
const crisisReplies = crisisAll.map((r) => engine.answer(r.text)).filter((reply) => reply.kind === 'crisis');
const unsafeQuotes = crisisReplies.filter((reply) => reply.passages.some((p) => !corpus.presentation.crisisPassages.includes(p.id))).length;
riskLines.push(
  '',
  `Crisis replies quoting a dosing or consumption passage: ${unsafeQuotes} of ${crisisReplies.length} (target 0 ${check(unsafeQuotes === 0)})`,
);
const riskTexts = riskFrozen.map((r) => r.text);
const withRisk = latencies((q) => engine.answer(q), riskTexts);
const detectorOnly = latencies((q) => engine.assessRisk(q), riskTexts);
riskLines.push(
  `Time the risk check adds per message: p50 ${ms(detectorOnly.p50)}, p99 ${ms(detectorOnly.p99)} (target p99 <= 0.5 ms ${check(detectorOnly.p99 <= 0.5)}); whole answer p99 ${ms(withRisk.p99)}`,
  '',
);
say(...riskLines);

// 5. Speed and memory.
const questions = frozen.map((e) => e.question);
const baseIndex = timed(() => {
  const search = new MiniSearch({ fields: ['text', 'section', 'subsection'] });
  search.addAll(corpus.passages);
  return search;
});
const ourSpeed = latencies((q) => engine.answer(q), questions);
const baseSpeed = latencies((q) => baseIndex.value.search(q), questions);
build();
const ourStart = firstAnswer('compiled', 'engine');
const baseStart = firstAnswer('compiled', 'baseline');
const ourTsxStart = firstAnswer('tsx', 'engine');
const baseTsxStart = firstAnswer('tsx', 'baseline');
globalThis.gc?.();
const heap = process.memoryUsage().heapUsed;
say(
  'Speed and memory (over the frozen test part):',
  row(['measure', 'this engine', 'MiniSearch defaults', '', 'target']),
  row(['-'.repeat(34), '-'.repeat(22), '-'.repeat(22), '', '-'.repeat(18)]),
  row(['latency per question p50', ms(ourSpeed.p50), ms(baseSpeed.p50), '', '']),
  row(['latency per question p99', ms(ourSpeed.p99), ms(baseSpeed.p99), '', `<= 1 ms ${check(ourSpeed.p99 <= 1)}`]),
  row(['engine build (models read)', ms(engineBuild.value.ms), ms(baseIndex.ms), '', '']),
  row(['memory of the engine and models', `${(engineBuild.bytes / 1024 / 1024).toFixed(1)} MiB`, '', '', '']),
  row([
    'heap of this whole bench process',
    `${(heap / 1024 / 1024).toFixed(1)} MiB`,
    '',
    '',
    `engine <= 60 MiB ${check(engineBuild.bytes <= 60 * 1024 * 1024)}`,
  ]),
  row(['process start → first answer', ms(ourStart), ms(baseStart), '', `<= 1 s ${check(ourStart <= 1000)}`]),
  row(['  the same under tsx (npm start)', ms(ourTsxStart), ms(baseTsxStart), '', '']),
  '',
  `Latency: ${ROUNDS} rounds over every question after one warm-up round. First answer: median of 3 fresh processes (corpus, models, one answer), on code compiled by npm run build as the Docker image runs it, and under tsx as npm start runs it.`,
  '',
);

if (args.includes('--failures')) {
  say('Frozen test part, this engine’s misses, with how each was decided:');
  for (const failure of frozenReports[0].failures) {
    const reply = createEngine().answer(failure.question);
    say(
      `• "${failure.question}"  expected ${failure.expected}, got ${failure.output.kind} ${failure.output.ranked[0] ?? ''}`,
      ...(reply.trace
        ? explainTrace(reply.trace)
            .split('\n')
            .map((l) => `    ${l}`)
        : []),
    );
  }
}
if (!args.includes('--no-discord')) process.stdout.write(`${await discordLoadReport()}\n`);
