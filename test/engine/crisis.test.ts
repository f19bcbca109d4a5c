/**
 * Crisis replies: who gets urgent guidance first, what it looks like, and how it carries on.
 * The detector's layers have their own data-driven tests (test/engine/rules-data.test.ts); its
 * measured recall and false alarms are in `npm run bench`.
 */
import { describe, expect, it } from 'vitest';
import { createEngine, loadModels } from '../../src/engine/engine.js';
import { decideRisk, DEFAULT_RISK_OPTIONS, loadCrisisPhrases, loadRiskCues, RiskDetector } from '../../src/engine/risk.js';
import { CRISIS_REMINDER, DEFAULT_CRISIS_TEXT } from '../../src/engine/safety.js';
import { engine } from '../helpers/engine.js';

// Messages from the issue that reported what the old patterns missed (never in the training data).
const IN_DANGER = [
  'idk how to say this but im thinking about ending things. not the kratom. me.',
  'help my little brother hes 16 he drank a bunch of kratom shots and some lean and hes barely breathing',
  'i cut again last night after 8 months clean. feel like such a failure and i want to do it again rn',
  'my boyfriend mixed kratom and alcohol and is barely breathing',
];

const NOT_IN_DANGER = ['thanks!!', 'my wifi keeps dropping', 'that meme killed me', 'I had too much coffee today', 'what is kratom?'];

describe('crisis replies', () => {
  it.each(IN_DANGER)('puts urgent guidance first for %j', (message) => {
    const reply = engine().answer(message);
    expect(reply.kind).toBe('crisis');
    expect(reply.risk).toBe('crisis');
    expect(reply.lead[0]).toBe(DEFAULT_CRISIS_TEXT);
  });

  it.each(NOT_IN_DANGER)('does not flag %j', (message) => {
    expect(engine().answer(message).risk).not.toBe('crisis');
  });

  it('gives emergency services, a crisis line with a link Discord makes clickable, and "stay with them"', () => {
    expect(DEFAULT_CRISIS_TEXT).toMatch(/emergency/);
    expect(DEFAULT_CRISIS_TEXT).toMatch(/https:\/\/\S+/);
    expect(DEFAULT_CRISIS_TEXT).toMatch(/stay with them/);
  });

  it('never says "not covered" to a person in crisis', () => {
    const reply = engine().answer(IN_DANGER[0]!);
    expect([...reply.lead, ...reply.after].join(' ')).not.toMatch(/does not cover/);
  });

  it('quotes no dosing, strain or consumption passage, and offers no other passages', () => {
    const reply = engine().answer('i took way too much kratom with my pills and my chest hurts and i cant breathe');
    expect(reply.kind).toBe('crisis');
    for (const quote of reply.passages) expect(quote.id).toMatch(/medications|consultation/);
    expect(reply.alternativeIds ?? []).toEqual([]);
  });

  it('keeps the urgent line first in a follow-up in the same conversation', () => {
    const first = engine().answer(IN_DANGER[1]!);
    const next = engine().answer('tell me more', first.context);
    expect(next.lead[0]).toBe(CRISIS_REMINDER);
    const other = engine().answer('can i take it with antidepressants?', first.context);
    expect(other.lead[0]).toBe(CRISIS_REMINDER);
  });

  it('uses configured crisis wording instead of the default', () => {
    const local = createEngine({ crisisText: 'Call 112 now.' });
    expect(local.answer(IN_DANGER[0]!).lead[0]).toBe('Call 112 now.');
  });

  it('uses a server’s own crisis text when the call gives one', () => {
    expect(engine().answer(IN_DANGER[0]!, undefined, { crisisText: 'Ruf 112 an.' }).lead[0]).toBe('Ruf 112 an.');
  });
});

describe('concern', () => {
  it('answers someone in distress normally, led by one line on where to get support', () => {
    const reply = engine().answer('everything feels pointless lately. does kratom help with low mood?');
    expect(reply.risk).toBe('concern');
    expect(reply.kind).toBe('answer');
    expect(reply.lead[0]).toMatch(/crisis line/);
    expect(reply.passages.length).toBeGreaterThan(0);
  });

  it('treats danger in the past as a concern, not a crisis', () => {
    expect(engine().answer('i was suicidal back in 2019 but ive been doing way better, is kratom ok for mood?').risk).toBe('concern');
  });
});

describe("the look-alike model's second opinion", () => {
  const models = loadModels();
  const detector = (lookAlikeThreshold: number, lookAlikes = models.riskLookAlikes): RiskDetector =>
    new RiskDetector(
      models.risk,
      loadCrisisPhrases(),
      loadRiskCues(),
      models.riskFeatures,
      { ...DEFAULT_RISK_OPTIONS, lookAlikeThreshold },
      models.riskCues,
      lookAlikes,
    );
  const message = 'found a bridge near my place that would work. sitting in my car by it rn';

  it('is shipped with the models', () => {
    expect(models.riskLookAlikes?.classes).toContain('crisis');
  });

  it('lets the risk model flag a crisis when it agrees', () => {
    expect(detector(DEFAULT_RISK_OPTIONS.lookAlikeThreshold).assess(message)).toMatchObject({ level: 'crisis', decidedBy: 'model' });
  });

  it('keeps the risk model from flagging a crisis when it disagrees', () => {
    const assessment = detector(1.01).assess(message);
    expect(assessment.decidedBy).toBe('model');
    expect(assessment.level).not.toBe('crisis');
  });

  it('never vetoes when there is no look-alike model', () => {
    expect(detector(1.01, null).assess(message).level).toBe('crisis');
  });
});

describe('the risk decision from scores', () => {
  const calm = { crisis: 0.05, concern: 0.05, none: 0.9 };
  const alarmed = { crisis: 0.9, concern: 0.05, none: 0.05 };

  it('makes a phrase a crisis even when the model is calm', () => {
    expect(decideRisk({ phrase: 'kill myself', probabilities: calm }, DEFAULT_RISK_OPTIONS)).toMatchObject({
      level: 'crisis',
      decidedBy: 'phrase',
    });
  });

  it('makes a phrase only a concern when the model reads it as concern', () => {
    const history = { crisis: 0.1, concern: DEFAULT_RISK_OPTIONS.phraseConcernOverride, none: 0.3 };
    expect(decideRisk({ phrase: 'suicidal', probabilities: history }, DEFAULT_RISK_OPTIONS).level).toBe('concern');
  });

  it('flags nothing without a risk cue, however alarmed the model', () => {
    expect(decideRisk({ probabilities: alarmed, lookAlike: 1 }, DEFAULT_RISK_OPTIONS)).toMatchObject({ level: 'none', decidedBy: 'gate' });
  });

  it('needs the look-alike model to agree before the risk model flags a crisis', () => {
    const below = DEFAULT_RISK_OPTIONS.lookAlikeThreshold - 0.01;
    expect(decideRisk({ cue: 'bridge', probabilities: alarmed, lookAlike: below }, DEFAULT_RISK_OPTIONS).level).toBe('concern');
    expect(
      decideRisk({ cue: 'bridge', probabilities: alarmed, lookAlike: DEFAULT_RISK_OPTIONS.lookAlikeThreshold }, DEFAULT_RISK_OPTIONS).level,
    ).toBe('crisis');
  });
});
