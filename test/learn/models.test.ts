/** The learned models: their data, the frozen split, determinism, and staleness against the data. */
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.js';
import { featurize } from '../../src/learn/features.js';
import {
  BACKGROUND_LABEL,
  DEFAULT_MODELS_DIR,
  backgroundMessages,
  classesOf,
  coverageTrainingItems,
  readSavedModel,
  topicOfLabel,
  trainingPart,
  trainSoftmax,
  UNRELATED_WEIGHT,
} from '../../src/learn/models.js';
import { modelPlans } from '../../src/learn/plans.js';
import { loadChatExamples } from '../../src/learn/chat-data.js';
import { loadRiskExamples } from '../../src/learn/risk-data.js';
import { isFrozenTest, TEST_SHARE } from '../../src/learn/split.js';

const corpus = loadCorpus();
const risk = loadRiskExamples();

describe('the labelled examples', () => {
  it('has at least 80 examples for every passage of the article', () => {
    for (const passage of corpus.passages) {
      expect(corpus.examples.filter((e) => e.passageId === passage.id).length, passage.id).toBeGreaterThanOrEqual(80);
    }
  });

  it('has at least 800 not-covered examples, each with a known topic', () => {
    const notCovered = corpus.examples.filter((e) => e.passageId === null);
    expect(notCovered.length).toBeGreaterThanOrEqual(800);
    for (const example of notCovered) expect(corpus.topics.has(example.topic!)).toBe(true);
  });

  it('labels some questions as covered only in general', () => {
    expect(corpus.examples.filter((e) => e.coverage === 'partial').length).toBeGreaterThan(100);
  });
});

describe('the risk corpus', () => {
  it('has at least 1,000 crisis messages and 2,000 others with the answer examples', () => {
    expect(risk.filter((r) => r.level === 'crisis').length).toBeGreaterThanOrEqual(1000);
    expect(risk.filter((r) => r.level !== 'crisis').length + corpus.examples.length).toBeGreaterThanOrEqual(2000);
  });
});

describe('the frozen test part', () => {
  it('is chosen by the text alone, whatever else is around it', () => {
    expect(isFrozenTest('Is kratom addictive?')).toBe(isFrozenTest('  is KRATOM   addictive?'));
  });

  it('holds about one message in five', () => {
    const share = corpus.examples.filter((e) => isFrozenTest(e.question)).length / corpus.examples.length;
    expect(share).toBeGreaterThan(1 / TEST_SHARE - 0.05);
    expect(share).toBeLessThan(1 / TEST_SHARE + 0.05);
  });

  it('is never trained on', () => {
    for (const plan of modelPlans(corpus, risk, loadChatExamples())) {
      const texts = new Set(plan.items.map((item) => item.text));
      for (const example of corpus.examples.filter((e) => isFrozenTest(e.question))) expect(texts.has(example.question)).toBe(false);
    }
  });
});

describe('the background messages', () => {
  const background = backgroundMessages(risk);

  it('are only harmless everyday messages from the training part', () => {
    const byText = new Map(risk.map((r) => [r.text, r]));
    expect(background.length).toBeGreaterThan(1000);
    for (const text of background) {
      expect(byText.get(text)?.level).toBe('none');
      expect(isFrozenTest(text)).toBe(false);
    }
  });

  it('are learned by the answer ranker as a class of their own that names the topic "unrelated"', () => {
    const ranker = modelPlans(corpus, risk, loadChatExamples()).find((plan) => plan.file === 'answer-ranker.json')!;
    expect(ranker.classes).toContain(BACKGROUND_LABEL);
    expect(ranker.classes).toContain('not-covered:unrelated');
    expect(topicOfLabel(BACKGROUND_LABEL)).toBe('unrelated');
    expect(ranker.items.filter((item) => item.label === BACKGROUND_LABEL)).toHaveLength(background.length);
  });
});

describe('the labelled unrelated questions', () => {
  it('weigh more than one question of another class in the answer ranker, and only they do', () => {
    const ranker = modelPlans(corpus, risk, loadChatExamples()).find((plan) => plan.file === 'answer-ranker.json')!;
    const unrelated = ranker.items.filter((item) => item.label === 'not-covered:unrelated');
    expect(UNRELATED_WEIGHT).toBeGreaterThan(1);
    expect(unrelated.length).toBeGreaterThan(800);
    expect(unrelated.every((item) => item.weight === UNRELATED_WEIGHT)).toBe(true);
    const others = ranker.items.filter(
      (item) => item.label.startsWith('not-covered:doses') || item.label.startsWith('kratom-mental-health/'),
    );
    expect(others.every((item) => (item.weight ?? 1) === 1)).toBe(true);
  });
});

describe('training', () => {
  it('is deterministic: the same data gives the same model', () => {
    const items = coverageTrainingItems(trainingPart(corpus.examples)).slice(0, 300);
    const classes = classesOf(items, ['full', 'partial']);
    expect(trainSoftmax(items, classes).serialize()).toEqual(trainSoftmax(items, classes).serialize());
  });

  it('gives probabilities that sum to one', () => {
    const items = coverageTrainingItems(trainingPart(corpus.examples)).slice(0, 100);
    const p = trainSoftmax(items, classesOf(items)).predict(featurize('what are the withdrawal symptoms?'));
    expect([...p].reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
  });

  it.each(modelPlans(corpus, risk, loadChatExamples()).map((plan) => [plan.file, plan.hash] as const))(
    'saved %s is up to date with its data (else run `npm run train`)',
    (file, hash) => {
      expect(readSavedModel(`${DEFAULT_MODELS_DIR}/${file}`)?.trainedOn).toBe(hash);
    },
  );
});
