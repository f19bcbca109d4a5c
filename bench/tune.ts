/**
 * `npm run bench:tune`: how the decision thresholds move quality, measured by 4-fold
 * cross-validation on the training part only (never the frozen test part). The shipped defaults
 * in src/engine/decide.ts and src/engine/risk.ts come from it. `-- --risk-only` skips the answers.
 */
import { loadCorpus } from '../src/corpus/load.js';
import { loadChatRules } from '../src/engine/chat-rules.js';
import { DEFAULT_DECISION_OPTIONS } from '../src/engine/decide.js';
import { DEFAULT_RANKER_OPTIONS } from '../src/engine/ranker.js';
import { AnswerEngine, loadModels } from '../src/engine/engine.js';
import {
  decideRisk,
  DEFAULT_RISK_OPTIONS,
  loadCrisisPhrases,
  loadRiskCues,
  riskTokens,
  RiskDetector,
  type RiskScores,
} from '../src/engine/risk.js';
import {
  classesOf,
  DEFAULT_MODEL_SETTINGS,
  RISK_MODEL_SETTINGS,
  learnedRiskCues,
  notRiskCueWords,
  lookAlikeTrainingItems,
  riskTrainingItems,
  trainingPart,
  trainSoftmax,
  UNRELATED_WEIGHT,
} from '../src/learn/models.js';
import { loadRiskExamples } from '../src/learn/risk-data.js';
import { isFrozenTest } from '../src/learn/split.js';
import { folds } from './cross-validate.js';
import { evaluateExamples, mergeReports, ratio } from './evaluate.js';
import { engineSystem } from './systems.js';

const corpus = loadCorpus();
const models = loadModels();
const chat = loadChatRules();
const notRiskCues = notRiskCueWords(chat.chatWords(), corpus.presentation.searchStopWords);
const pct = (a: number, b: number): string => `${(ratio(a, b) * 100).toFixed(1)}%`.padStart(6);

const riskOnly = process.argv.includes('--risk-only');
// The weight of each labelled unrelated question in the ranker's training (see UNRELATED_WEIGHT).
const UNRELATED_WEIGHTS = [1, 2, 3];
const NOT_COVERED_THRESHOLDS = [0.44, 0.46, 0.47, 0.48, 0.49, 0.5, 0.51, 0.52, 0.53, 0.54, 0.55, 0.56];
if (!riskOnly)
  process.stdout.write(
    "Answers (cross-validated): unrelated questions' weight, notCoveredThreshold → top-1, top-3, refused, out-of-scope caught\n",
  );
const answerRows: { row: string; weight: number; threshold: number; refused: number; caught: number; top3: number }[] = [];
let trained: ReturnType<typeof folds> = [];
for (const unrelatedWeight of riskOnly ? [] : UNRELATED_WEIGHTS) {
  const weightFolds = folds(corpus, 4, DEFAULT_MODEL_SETTINGS, unrelatedWeight);
  if (unrelatedWeight === UNRELATED_WEIGHT) trained = weightFolds;
  for (const notCoveredThreshold of NOT_COVERED_THRESHOLDS) {
    const report = mergeReports(
      weightFolds.map((fold) => {
        const engine = new AnswerEngine(corpus, { ...models, ranker: fold.ranker, coverage: fold.coverage }, chat, {
          tuning: { decision: { ...DEFAULT_DECISION_OPTIONS, notCoveredThreshold } },
        });
        return evaluateExamples(fold.held, engineSystem(engine));
      }),
    );
    const row = `  ×${unrelatedWeight} ${notCoveredThreshold.toFixed(3)}  ${pct(report.top1, report.answerable)} ${pct(report.top3, report.answerable)} ${pct(report.refused, report.answerable)} ${pct(report.caught, report.outOfScope)}`;
    answerRows.push({
      row,
      weight: unrelatedWeight,
      threshold: notCoveredThreshold,
      refused: ratio(report.refused, report.answerable),
      caught: ratio(report.caught, report.outOfScope),
      top3: ratio(report.top3, report.answerable),
    });
    process.stdout.write(`${row}\n`);
  }
}
// The rule that picks the weight and notCoveredThreshold: for each weight, the lowest threshold at
// which answerable refusals are at most 3%; of those, the ones that catch at least 92% of
// out-of-scope questions (the target) and of them the best top-3 (the target still unmet); if none
// catches 92%, the one that catches the most.
const perWeight = UNRELATED_WEIGHTS.map(
  (weight) => answerRows.filter((r) => r.weight === weight && r.refused <= 0.03).sort((a, b) => a.threshold - b.threshold)[0],
).filter((r) => r !== undefined);
const answerChosen =
  perWeight.filter((r) => r.caught >= 0.92).sort((a, b) => b.top3 - a.top3)[0] ?? perWeight.sort((a, b) => b.caught - a.caught)[0];
if (answerChosen)
  process.stdout.write(
    `chosen by the rule (per weight the lowest threshold refusing at most 3%; of those catching at least 92%, the best top-3):\n${answerChosen.row}\n`,
  );

if (!riskOnly) process.stdout.write('\nAnswers (cross-validated): lexicalWeight → top-1, top-3, refused, out-of-scope caught\n');
for (const lexicalWeight of riskOnly ? [] : [0, 0.15, 0.3]) {
  const report = mergeReports(
    trained.map((fold) => {
      const engine = new AnswerEngine(corpus, { ...models, ranker: fold.ranker, coverage: fold.coverage }, chat, {
        tuning: { ranker: { ...DEFAULT_RANKER_OPTIONS, lexicalWeight } },
      });
      return evaluateExamples(fold.held, engineSystem(engine));
    }),
  );
  process.stdout.write(
    `  ${lexicalWeight.toFixed(2)}  ${pct(report.top1, report.answerable)} ${pct(report.top3, report.answerable)} ${pct(report.refused, report.answerable)} ${pct(report.caught, report.outOfScope)}\n`,
  );
}

const risk = loadRiskExamples().filter((r) => !isFrozenTest(r.text));
const answers = trainingPart(corpus.examples);
const k = 4;
// Each weight's four folds are trained once and every held-out message is scored once; the grid
// then only applies thresholds to those scores (the same decision `assess` makes).
const scoredFor = (ordinaryWeight: number) => {
  const held: { kind: 'crisis' | 'hard' | 'ordinary'; scores: RiskScores }[] = [];
  for (let f = 0; f < k; f++) {
    const training = risk.filter((_, i) => i % k !== f);
    const items = riskTrainingItems(
      training,
      answers.filter((_, i) => i % k !== f),
      ordinaryWeight,
    );
    const lookAlikeItems = lookAlikeTrainingItems(training);
    const detector = new RiskDetector(
      trainSoftmax(items, classesOf(items, ['crisis', 'concern', 'none']), RISK_MODEL_SETTINGS),
      loadCrisisPhrases(),
      loadRiskCues(),
      RISK_MODEL_SETTINGS.features,
      DEFAULT_RISK_OPTIONS,
      learnedRiskCues(items, riskTokens, { exclude: notRiskCues }),
      trainSoftmax(lookAlikeItems, classesOf(lookAlikeItems, ['crisis']), RISK_MODEL_SETTINGS),
    );
    for (const r of risk.filter((_, i) => i % k === f))
      held.push({ kind: r.level === 'crisis' ? 'crisis' : 'hard', scores: detector.scores(r.text) });
    for (const e of answers.filter((_, i) => i % k === f)) held.push({ kind: 'ordinary', scores: detector.scores(e.question) });
  }
  return held;
};
process.stdout.write(
  "\nRisk (cross-validated): ordinary questions' weight, lookAlikeThreshold (0: the risk model alone), crisisThreshold → crisis recall, false alarms on hard negatives, on ordinary questions, false alarms against their targets (hard / 3% + ordinary / 0.5%)\n",
);
const CRISIS_THRESHOLDS = [0.25, 0.28, 0.3, 0.32, 0.35, 0.37, 0.4];
const riskGrid = [
  ...[0.35, 0.4, 0.45].map((t) => [1, 0, t] as const),
  ...[2, 4].flatMap((w) => [0, 0.3, 0.4, 0.45, 0.5].flatMap((l) => CRISIS_THRESHOLDS.map((t) => [w, l, t] as const))),
];
// The rule that picks the risk options, crisis recall first: of the settings whose cross-validated
// crisis recall is at least 97% and whose false alarms on ordinary questions (most of what the bot
// reads) are within their 0.5% target, those also within the 3% target on hard negatives if there
// are any, else all of them; of those, the one with the fewest false alarms measured against the
// targets (hard / 3% + ordinary / 0.5%). If none, the highest recall within both targets.
const RECALL_FLOOR = 0.97;
const HARD_TARGET = 0.03;
const ORDINARY_TARGET = 0.005;
const riskRows: { row: string; recall: number; ordinary: number; score: number; within: boolean }[] = [];
let scored: ReturnType<typeof scoredFor> = [];
let scoredWith: number | undefined;
for (const [ordinaryWeight, lookAlikeThreshold, crisisThreshold] of riskGrid) {
  if (scoredWith !== ordinaryWeight) {
    scored = scoredFor(ordinaryWeight);
    scoredWith = ordinaryWeight;
  }
  const options = { ...DEFAULT_RISK_OPTIONS, crisisThreshold, lookAlikeThreshold };
  const total = { crisis: 0, hard: 0, ordinary: 0 };
  const flagged = { crisis: 0, hard: 0, ordinary: 0 };
  for (const { kind, scores } of scored) {
    total[kind]++;
    if (decideRisk(scores, options).level === 'crisis') flagged[kind]++;
  }
  const hardShare = ratio(flagged.hard, total.hard);
  const ordinaryShare = ratio(flagged.ordinary, total.ordinary);
  const score = hardShare / HARD_TARGET + ordinaryShare / ORDINARY_TARGET;
  const row = `  ×${ordinaryWeight} ${lookAlikeThreshold.toFixed(2)} ${crisisThreshold.toFixed(2)}  ${pct(flagged.crisis, total.crisis)} ${pct(flagged.hard, total.hard)} ${pct(flagged.ordinary, total.ordinary)}  ${score.toFixed(2)}`;
  riskRows.push({
    row,
    recall: ratio(flagged.crisis, total.crisis),
    ordinary: ordinaryShare,
    score,
    within: hardShare <= HARD_TARGET && ordinaryShare <= ORDINARY_TARGET,
  });
  process.stdout.write(`${row}\n`);
}
const withinTargets = riskRows.filter((r) => r.within);
const atFloor = riskRows.filter((r) => r.recall >= RECALL_FLOOR && r.ordinary <= ORDINARY_TARGET);
const atFloorWithin = atFloor.filter((r) => r.within);
const chosen =
  (atFloorWithin.length > 0 ? atFloorWithin : atFloor).sort((a, b) => a.score - b.score)[0] ??
  withinTargets.sort((a, b) => b.recall - a.recall || a.score - b.score)[0];
if (chosen)
  process.stdout.write(
    `chosen by the rule (recall >= 97% with ordinary questions within target first, hard negatives within target where possible, then the fewest false alarms against the targets):\n${chosen.row}\n`,
  );
