/**
 * The rules that remain are data with examples: every example and counter-example in the rule
 * files is a test here, and no rule may be copied from a held-out question.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.js';
import { loadChatRules, plainText } from '../../src/engine/chat-rules.js';
import { loadCrisisPhrases, loadRiskCues } from '../../src/engine/risk.js';
import { frozenTestPart } from '../../src/learn/models.js';
import { loadRiskExamples } from '../../src/learn/risk-data.js';
import { isFrozenTest } from '../../src/learn/split.js';
import { engine } from '../helpers/engine.js';

const chat = loadChatRules();
const phrases = loadCrisisPhrases();
const cues = loadRiskCues();

describe('chat phrases (rules/chat-phrases.json)', () => {
  for (const kind of ['help', 'thanks', 'more'] as const) {
    it.each(chat.data[kind].examples)(`reads %j as ${kind}`, (message) => {
      expect(chat.intent(message)).toBe(kind);
    });
    it.each(chat.data[kind].counterExamples)(`does not read %j as ${kind}`, (message) => {
      expect(chat.intent(message)).not.toBe(kind);
    });
  }
  it.each(chat.data.continuation.examples)('reads %j as continuing the previous question', (message) => {
    expect(chat.continues(message)).toBe(true);
  });
  it.each(chat.data.continuation.counterExamples)('does not read %j as continuing', (message) => {
    expect(chat.continues(message)).toBe(false);
  });
});

describe('crisis phrases (rules/crisis-phrases.json)', () => {
  for (const entry of phrases.phrases) {
    it.each(entry.examples)(`finds "${entry.phrase}" in %j`, (message) => {
      expect(engine().assessRisk(message).phrase).toBe(entry.phrase);
    });
    it.each(entry.counterExamples)(`finds no phrase in %j`, (message) => {
      expect(engine().assessRisk(message).phrase).toBeUndefined();
    });
  }
});

describe('the gate of risk cues (rules/risk-cues.json)', () => {
  it.each(cues.examples)('lets %j through to the model', (message) => {
    expect(engine().assessRisk(message).decidedBy).not.toBe('gate');
  });
  it.each(cues.counterExamples)('never flags %j, which has no cue', (message) => {
    const risk = engine().assessRisk(message);
    expect(risk.decidedBy).toBe('gate');
    expect(risk.level).toBe('none');
  });
  it('lets through at least 95% of the crisis messages in the training data', () => {
    const crisis = loadRiskExamples().filter((r) => r.level === 'crisis' && !isFrozenTest(r.text));
    const through = crisis.filter((r) => engine().assessRisk(r.text).decidedBy !== 'gate');
    expect(through.length / crisis.length).toBeGreaterThanOrEqual(0.95);
  });
});

describe('no rule is copied from a held-out question', () => {
  const heldOut = [
    ...frozenTestPart(loadCorpus().examples).map((e) => e.question),
    ...loadRiskExamples()
      .filter((r) => isFrozenTest(r.text))
      .map((r) => r.text),
    ...['holdout.json', 'blind.json'].flatMap((file) =>
      (JSON.parse(readFileSync(new URL(`../fixtures/${file}`, import.meta.url), 'utf8')) as { q: string }[]).map((q) => q.q),
    ),
  ].map((text) => ` ${plainText(text)} `);
  const longEnough = (list: string[]): string[] =>
    list.map((phrase) => plainText(phrase.replace(/\*/g, ''))).filter((phrase) => phrase.split(' ').length >= 3);
  // Help and "more" phrases match a whole message, so a copied one would be a whole held-out
  // message; the others match inside a message ("what do you do if someone faints…" is no copy).
  const wholeMessagePhrases = longEnough((['help', 'more'] as const).flatMap((kind) => chat.data[kind].phrases));
  const insidePhrases = longEnough([
    ...(['thanks', 'continuation'] as const).flatMap((kind) => chat.data[kind].phrases),
    ...phrases.phrases.map((p) => p.phrase),
    ...cues.cues,
  ]);

  it.each(wholeMessagePhrases)('no held-out message is %j', (phrase) => {
    expect(heldOut.filter((text) => text === ` ${phrase} `)).toEqual([]);
  });

  it.each(insidePhrases)('no held-out message contains %j verbatim', (phrase) => {
    expect(heldOut.filter((text) => text.includes(` ${phrase} `))).toEqual([]);
  });
});
