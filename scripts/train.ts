/**
 * `npm run train`: trains the answer ranker, the coverage model and the risk model on the
 * training part of the labelled data (never the frozen test part) and writes them to `models/`.
 * Deterministic: the same data gives byte-identical files. `--check` only says whether the saved
 * models are stale against their data (exit 1 if so).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCorpus } from '../src/corpus/load.js';
import { loadChatExamples } from '../src/learn/chat-data.js';
import { loadRiskExamples } from '../src/learn/risk-data.js';
import { modelPlans } from '../src/learn/plans.js';
import { loadChatRules } from '../src/engine/chat-rules.js';
import { riskTokens } from '../src/engine/risk.js';
import { DEFAULT_MODELS_DIR, learnedRiskCues, notRiskCueWords, readSavedModel, saveable, trainSoftmax } from '../src/learn/models.js';

const check = process.argv.includes('--check');
const corpus = loadCorpus();
const notCues = notRiskCueWords(loadChatRules().chatWords(), corpus.presentation.searchStopWords);
const plans = modelPlans(corpus, loadRiskExamples(), loadChatExamples());
let stale = 0;
for (const plan of plans) {
  const path = join(DEFAULT_MODELS_DIR, plan.file);
  const saved = readSavedModel(path);
  const upToDate = saved?.trainedOn === plan.hash;
  if (check) {
    if (!upToDate) stale++;
    process.stdout.write(`${plan.file}: ${upToDate ? 'up to date' : 'STALE'}\n`);
    continue;
  }
  const started = performance.now();
  const model = trainSoftmax(plan.items, plan.classes, plan.settings);
  const cues = plan.learnsCues ? learnedRiskCues(plan.items, riskTokens, { exclude: notCues }) : undefined;
  writeFileSync(path, `${JSON.stringify(saveable(model, plan.hash, plan.settings.features, cues))}\n`);
  process.stdout.write(
    `${plan.file}: ${plan.items.length} items, ${plan.classes.length} classes, ${Math.round(performance.now() - started)} ms\n`,
  );
}
if (stale > 0) {
  process.stderr.write('models are stale against their data: run `npm run train` and commit models/\n');
  process.exitCode = 1;
}
