import { describe, expect, it } from 'vitest';
import { Analyzer, isStopword, stem, words } from '../../src/engine/analyzer.js';

const analyzer = new Analyzer(
  {
    'withdrawal discontinuing': ['cold turkey', 'quit'],
    'healthcare provider': ['gp', 'doctor'],
    teas: ['brew'],
  },
  ['migraines', 'drug test'],
);
analyzer.learnWords('Kratom withdrawal symptoms when discontinuing its use; dependency and medications.');

const sources = (question: string): string[] => analyzer.concepts(question).map((c) => c.source);
const terms = (question: string): string[][] => analyzer.concepts(question).map((c) => c.terms);

describe('the analyzer', () => {
  it('stems words with Porter', () => {
    expect(stem('medications')).toBe('medic');
    expect(stem('withdrawal')).toBe(stem('withdrawals'));
  });

  it('tokenizes Unicode text and folds typographic apostrophes', () => {
    expect(words('Kratom’s café, naïve')).toEqual(['kratoms', 'cafe', 'naive']);
  });

  it('drops stop words and chat filler from questions', () => {
    expect(isStopword('the')).toBe(true);
    expect(isStopword('lol')).toBe(true);
    expect(sources('is the withdrawal bad lol')).toEqual(['withdrawal']);
  });

  it('maps a multi-word synonym to the article’s words', () => {
    expect(terms('quitting cold turkey')).toContainEqual([stem('withdrawal'), stem('discontinuing')]);
    expect(sources('going cold turkey')).toEqual(['cold turkey']);
  });

  it('maps everyday words to the article’s words at query time', () => {
    expect(terms('ask my GP')).toEqual([[stem('healthcare'), stem('provider')]]);
    expect(terms('can I brew it')).toEqual([[stem('teas')]]);
  });

  it('adds the article’s words for a synonym found in a passage at index time', () => {
    expect(analyzer.indexTerms('Talk to your doctor first.')).toEqual(expect.arrayContaining([stem('healthcare'), stem('provider'), stem('doctor')]));
  });

  it('corrects a typo in a longer word to the nearest known word', () => {
    expect(sources('withdrawl symptons')).toEqual(['withdrawal', 'symptoms']);
    expect(sources('medicatons')).toEqual(['medications']);
  });

  it('leaves real English words alone even when they are one letter from a known word', () => {
    const withCancel = new Analyzer({ efficacy: ['cancel out'] });
    expect(withCancel.concepts('cancer').map((c) => c.source)).toEqual(['cancer']);
  });

  it('marks listed uncovered topics, and needs the whole phrase of a multi-word one', () => {
    expect(analyzer.concepts('kratom for migraines').find((c) => c.source === 'migraines')?.uncoveredTopic).toBe(true);
    expect(analyzer.concepts('will it show on a drug test').find((c) => c.source === 'drug test')?.terms).toEqual([stem('drug'), stem('test')]);
  });
});

describe('bounded edit distance', async () => {
  const { boundedEditDistance } = await import('../../src/engine/edit-distance.js');
  const levenshtein = (await import('natural/lib/natural/distance/levenshtein_distance.js')).default;

  it('counts a transposition as one edit', () => {
    expect(boundedEditDistance('addictve', 'addictive', 2)).toBe(1);
    expect(boundedEditDistance('anxeity', 'anxiety', 2)).toBe(1);
  });

  it('agrees with natural’s Damerau–Levenshtein within the bound, and caps beyond it', () => {
    const pairs = [['withdrawl', 'withdrawal'], ['kratum', 'kratom'], ['medcation', 'medication'], ['brian', 'brain'], ['cancer', 'cancel'], ['zoloft', 'kratom'], ['', 'abc']];
    for (const [a, b] of pairs) {
      const full = levenshtein.DamerauLevenshteinDistance(a!, b!);
      expect(boundedEditDistance(a!, b!, 2), `${a} → ${b}`).toBe(Math.min(full, 3));
    }
  });
});
