/**
 * k-fold cross-validation of the answer ranker on the training part only (never the frozen test
 * part): what `npm run bench` reports as "training part (cross-validated)", and what tuning uses.
 */
import type { Corpus } from '../src/corpus/load.js';
import type { LabelledExample } from '../src/corpus/examples.js';
import {
  answerTrainingItems,
  backgroundMessages,
  classesOf,
  coverageTrainingItems,
  trainingPart,
  trainSoftmax,
  type ModelSettings,
  UNRELATED_WEIGHT,
} from '../src/learn/models.js';
import { loadChatExamples } from '../src/learn/chat-data.js';
import { loadRiskExamples } from '../src/learn/risk-data.js';
import type { SoftmaxModel } from '../src/learn/softmax.js';

export interface Fold {
  train: LabelledExample[];
  held: LabelledExample[];
  ranker: SoftmaxModel;
  coverage: SoftmaxModel;
}

/**
 * Example i goes to fold i mod k: deterministic, and every fold mixes every label. Each fold's
 * ranker also learns the chat messages' training part and the background messages, as the shipped
 * ranker does, so that its probabilities are shaped like the shipped ones.
 */
export function folds(corpus: Corpus, k: number, settings: ModelSettings, unrelatedWeight: number = UNRELATED_WEIGHT): Fold[] {
  const examples = trainingPart(corpus.examples);
  const chat = trainingPart(loadChatExamples());
  const background = backgroundMessages(loadRiskExamples());
  return Array.from({ length: k }, (_, f) => {
    const train = examples.filter((_, i) => i % k !== f);
    const held = examples.filter((_, i) => i % k === f);
    const items = answerTrainingItems(corpus, train, chat, background, unrelatedWeight);
    const coverageItems = coverageTrainingItems(train);
    return {
      train,
      held,
      ranker: trainSoftmax(
        items,
        classesOf(
          items,
          corpus.passages.map((p) => p.id),
        ),
        settings,
      ),
      coverage: trainSoftmax(coverageItems, classesOf(coverageItems, ['full', 'partial']), settings),
    };
  });
}
