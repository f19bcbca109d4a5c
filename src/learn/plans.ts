/** What each saved model is trained on: its file, items, classes, settings and their hash. */
import type { Corpus } from '../corpus/load.js';
import {
  answerTrainingItems,
  backgroundMessages,
  classesOf,
  coverageTrainingItems,
  DEFAULT_MODEL_SETTINGS,
  RISK_MODEL_SETTINGS,
  lookAlikeTrainingItems,
  LOOKALIKE,
  riskTrainingItems,
  trainingHash,
  trainingPart,
  type ModelSettings,
  type TrainingItem,
} from './models.js';
import type { ChatExample } from './chat-data.js';
import type { RiskExample } from './risk-data.js';
import { isFrozenTest } from './split.js';

export interface ModelPlan {
  file: string;
  items: TrainingItem[];
  classes: string[];
  settings: ModelSettings;
  hash: string;
  /** Risk model: learn its cue words too. */
  learnsCues?: boolean;
}

export function modelPlans(
  corpus: Corpus,
  risk: RiskExample[],
  chat: ChatExample[] = [],
  settings: ModelSettings = DEFAULT_MODEL_SETTINGS,
  riskSettings: ModelSettings = RISK_MODEL_SETTINGS,
): ModelPlan[] {
  const examples = trainingPart(corpus.examples);
  const chatTraining = trainingPart(chat);
  const riskTraining = risk.filter((r) => !isFrozenTest(r.text));
  const plan = (file: string, items: TrainingItem[], first: string[] = [], using: ModelSettings = settings): ModelPlan => {
    const classes = classesOf(items, first);
    return { file, items, classes, settings: using, hash: trainingHash(items, classes, using) };
  };
  return [
    plan(
      'answer-ranker.json',
      answerTrainingItems(corpus, examples, chatTraining, backgroundMessages(risk)),
      corpus.passages.map((p) => p.id),
    ),
    plan('answer-coverage.json', coverageTrainingItems(examples), ['full', 'partial']),
    {
      ...plan('risk.json', riskTrainingItems(riskTraining, examples), ['crisis', 'concern', 'none'], riskSettings),
      learnsCues: true,
    },
    plan('risk-lookalikes.json', lookAlikeTrainingItems(riskTraining), ['crisis', LOOKALIKE], riskSettings),
  ];
}
