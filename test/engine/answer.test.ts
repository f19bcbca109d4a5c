import { describe, expect, it } from 'vitest';
import { withinDiscordLimits } from '../../src/discord/commands/section.js';
import { createEngine } from '../../src/engine/engine.js';
import { renderText } from '../../src/engine/render-text.js';
import { baseSafetyNote, DEFAULT_CRISIS_TEXT, MAX_SAFETY_NOTE_LENGTH } from '../../src/engine/safety.js';
import { loadCorpus } from '../../src/corpus/load.js';
import { engine, isVerbatim, topId } from '../helpers/engine.js';

const BASE_SAFETY_NOTE = baseSafetyNote('one article', loadCorpus().presentation.caution);

const DEPENDENCY = 'kratom-mental-health/potential-considerations/dependency-and-withdrawal/p1';
const MEDICATIONS = 'kratom-mental-health/potential-interaction-with-medications/p1';

describe('answers', () => {
  it('quotes the closest passage verbatim with its section and subsection', () => {
    const reply = engine().answer('Is kratom addictive?');
    expect(reply.kind).toBe('answer');
    expect(reply.passages[0]).toMatchObject({
      id: DEPENDENCY,
      section: 'Potential Considerations',
      subsection: 'Dependency and Withdrawal',
    });
    expect(reply.passages[0]!.text).toContain('Long-term or excessive use of kratom can lead to dependency');
  });

  it('gives at most three passages, best first', () => {
    const reply = engine().answer('What does the article say about stress, anxiety, mood and depression?');
    expect(reply.passages.length).toBeGreaterThanOrEqual(1);
    expect(reply.passages.length).toBeLessThanOrEqual(3);
  });

  it('answers a paraphrase that shares no word with the article', () => {
    expect(topId(engine().answer('is it ok to mix with my zoloft?'))).toBe(MEDICATIONS);
  });

  it('cuts a long passage to its best sentences, marking the gap with "…", every piece verbatim', () => {
    const reply = engine().answer('Are capsules a convenient way to take kratom?');
    const quote = reply.passages.find((q) => q.section === 'Forms of Kratom Consumption')!;
    expect(quote.text).toContain('…');
    expect(quote.text).toContain('Bali red kratom capsules');
    expect(isVerbatim(quote.text)).toBe(true);
  });
});

describe('not covered', () => {
  it('says plainly that the article does not cover a question about migraines', () => {
    const reply = engine().answer('Can kratom treat migraines?');
    expect(reply.kind).toBe('no_match');
    expect(reply.passages).toEqual([]);
    expect(reply.lead.join(' ')).toMatch(/does not cover/);
  });

  it('names the nearest sections to look at', () => {
    const reply = engine().answer('Can kratom treat migraines?');
    expect(reply.after.join(' ')).toMatch(/Nearest sections to look at: .+/);
  });

  it('points an unrelated question to what the bot answers, not to the article’s sections', () => {
    const reply = engine().answer('what time is it in tokyo rn');
    expect(reply.kind).toBe('no_match');
    expect(reply.topic).toBe('unrelated');
    const after = reply.after.join(' ');
    expect(after).not.toMatch(/Nearest sections/);
    expect(after).toMatch(/I only answer questions about kratom and mental health, such as "Is kratom addictive\?"/);
  });

  it('says that no answer is not a sign that something is safe', () => {
    const reply = engine().answer('Is kratom safe to take while pregnant?');
    expect(reply.kind).toBe('no_match');
    expect(renderText(reply)).toMatch(/not a sign that something is safe/);
  });

  it('says so, naming the topic, for a subject the article lacks', () => {
    const reply = engine().answer('kratom for weight loss');
    expect(reply.kind).toBe('no_match');
    expect(reply.topic).toBe('other-conditions');
    expect(reply.lead.join(' ')).toMatch(/does not cover other health conditions/);
  });

  it('answers a bare question about kratom itself with the article’s overview', () => {
    expect(topId(engine().answer('what is kratom?'))).toBe('kratom-mental-health/introduction/p1');
    expect(topId(engine().answer('what even is kratom? keep seeing it at the gas station'))).toBe('kratom-mental-health/introduction/p1');
  });

  it('does not take a question about an aspect of kratom for "what is kratom"', () => {
    expect(topId(engine().answer('what is kratom withdrawal like?'))).toBe(
      'kratom-mental-health/potential-considerations/dependency-and-withdrawal/p1',
    );
  });
});

describe('crisis', () => {
  it('puts urgent guidance first for self-harm language', () => {
    const reply = engine().answer('I want to kill myself');
    expect(reply.kind).toBe('crisis');
    expect(reply.lead[0]).toBe(DEFAULT_CRISIS_TEXT);
    expect(renderText(reply).indexOf('emergency number')).toBeLessThan(renderText(reply).indexOf(reply.safetyNote));
  });

  it('adds relevant passages after the guidance for an overdose on kratom with antidepressants', () => {
    const reply = engine().answer('I took too much kratom with my antidepressants and I feel like I am dying');
    expect(reply.kind).toBe('crisis');
    expect(reply.passages.map((q) => q.id)).toContain(MEDICATIONS);
  });

  it('does not treat idioms as crises', () => {
    for (const idiom of ['that meme killed me', 'my commute is killing me', 'I’m dying to try red vein', 'im dying lol']) {
      expect(engine().answer(idiom).kind, idiom).not.toBe('crisis');
    }
  });

  it('uses configured crisis wording instead of the default', () => {
    const custom = createEngine({ crisisText: 'Call 000 (Australia) or Lifeline 13 11 14 now.' });
    expect(custom.answer('thinking about suicide').lead[0]).toBe('Call 000 (Australia) or Lifeline 13 11 14 now.');
  });
});

describe('long messages', () => {
  it('answers the question a story ends with, however long the story', () => {
    const story =
      'My husband has been taking kratom every day for about two years. Last week he ran out for a few days and he was irritable, sweating and could not sleep. ' +
      'He says it is nothing. Is this what the article means by withdrawal?';
    expect(topId(engine().answer(story))).toBe('kratom-mental-health/potential-considerations/dependency-and-withdrawal/p1');
  });

  it('does not let a side topic in the story block the question', () => {
    // The blind set's "… called kratom jungle coffee" is now refused: since the ninth round of data the
    // model reads its coffee as another substance, a topic the article does not cover.
    const story = 'I nearly died laughing when my uncle called kratom a magic leaf. Seriously though, what compounds are actually in it?';
    expect(topId(engine().answer(story))).toBe('kratom-mental-health/understanding-kratoms-mechanism/p1');
  });
});

describe('help', () => {
  it.each([
    'hi',
    'Hello there!',
    'help',
    'what can you do?',
    '',
    '   ',
    '?!...',
    '<@123456789012345678>',
    'ok thank u bye',
    'Could you please explain what kinds of questions you are able to answer?',
  ])('answers %j with what the bot does', (input) => {
    const reply = engine().answer(input);
    expect(reply.kind).toBe('help');
    expect(renderText(reply)).toMatch(/Is kratom addictive\?/);
  });
});

describe('the safety note', () => {
  const e = engine();
  const replies = {
    answer: e.answer('Is kratom addictive?'),
    noMatch: e.answer('best kratom vendor?'),
    crisis: e.answer('overdose'),
    help: e.answer('hi'),
    section: e.section('Dependency and Withdrawal'),
    unknownSection: e.section('zzzz'),
    contents: e.contents(),
    safety: e.safetySummary(),
    notice: e.notice('Slow down a little.'),
    more: e.more({ question: 'x', shownIds: [DEPENDENCY] }),
  };

  it.each(Object.entries(replies))('is on the %s reply and ends its text', (_, reply) => {
    expect(reply.safetyNote).toContain(BASE_SAFETY_NOTE);
    expect(renderText(reply).endsWith(reply.safetyNote)).toBe(true);
  });

  it('covers dependency, medication interactions and seeing a healthcare professional', () => {
    expect(BASE_SAFETY_NOTE).toMatch(/not medical advice/);
    expect(BASE_SAFETY_NOTE).toMatch(/dependency/);
    expect(BASE_SAFETY_NOTE).toMatch(/medications such as antidepressants/);
    expect(BASE_SAFETY_NOTE).toMatch(/healthcare professional/);
  });

  it('is at most 300 characters and ends with a line for someone in danger now', () => {
    expect(BASE_SAFETY_NOTE.length).toBeLessThanOrEqual(MAX_SAFETY_NOTE_LENGTH);
    expect(BASE_SAFETY_NOTE.split('\n').at(-1)).toMatch(/danger now.*emergency.*crisis line/i);
  });

  it('can be added to by configuration, never replaced', () => {
    const extended = createEngine({ safetyNoteExtra: 'Local help: call 1-800-662-4357.' });
    expect(extended.answer('hi').safetyNote).toBe(`${BASE_SAFETY_NOTE} Local help: call 1-800-662-4357.`);
  });
});

describe('follow-ups', () => {
  it('"tell me more" gives the rest of the section last shown', () => {
    const first = engine().answer('Is kratom addictive?');
    const more = engine().answer('tell me more', first.context);
    expect(more.passages.length).toBeGreaterThan(0);
    expect(more.passages.every((q) => q.section === 'Potential Considerations')).toBe(true);
    expect(more.passages.map((q) => q.id)).not.toContain(DEPENDENCY);
  });

  it('"tell me more" moves on to the next passages once a section is exhausted', () => {
    const last = engine().answer('tell me more', { question: 'q', shownIds: ['kratom-mental-health/understanding-kratoms-mechanism/p1'] });
    expect(topId(last)).toBe('kratom-mental-health/types-of-kratom-and-mental-health-response/p1');
  });

  it('combines a short follow-up with the previous topic', () => {
    const first = engine().answer('Is kratom addictive?');
    const follow = engine().answer('and with antidepressants?', first.context);
    expect(topId(follow)).toBe(MEDICATIONS);
  });

  it('does not let the previous topic answer an unrelated follow-up', () => {
    const first = engine().answer('Is kratom addictive?');
    expect(engine().answer('and migraines?', first.context).kind).toBe('no_match');
  });

  it('names the uncovered topic a short follow-up asks about, not the previous one', () => {
    const first = engine().answer('Is kratom addictive?');
    const follow = engine().answer('and with alcohol?', first.context);
    expect(follow.kind).toBe('no_match');
    expect(follow.topic).toBe('other-substances');
  });

  it('still lets a short follow-up that names no topic of its own lean on the previous question', () => {
    const first = engine().answer('Is kratom legal?');
    const follow = engine().answer('and why is that?', first.context);
    expect(follow.kind).toBe('answer');
    expect(topId(follow)).toBe('kratom-mental-health/potential-considerations/lack-of-regulation-and-research/p1');
  });

  it('names the law in a particular place when a follow-up names a place', () => {
    const first = engine().answer('Is kratom legal?');
    const follow = engine().answer('and in texas?', first.context);
    expect(follow.kind).toBe('no_match');
    expect(follow.topic).toBe('law-in-a-place');
  });

  it('without context, "tell me more" is not an answer from nowhere', () => {
    expect(engine().answer('tell me more').kind).not.toBe('answer');
  });
});

describe('sections', () => {
  it('looks a section up by an inexact title', () => {
    const reply = engine().section('withdrawl');
    expect(reply.kind).toBe('section');
    expect(reply.passages.map((q) => q.subsection)).toEqual(['Dependency and Withdrawal']);
  });

  it('returns a whole section with its subsections', () => {
    const reply = engine().section('Potential Considerations');
    expect(reply.passages.map((q) => q.subsection)).toEqual([
      'Variability in Effects',
      'Dependency and Withdrawal',
      'Lack of Regulation and Research',
    ]);
    expect(reply.passages.every((q) => !q.text.includes('…'))).toBe(true);
  });

  it('suggests the closest titles for an unknown name', () => {
    const reply = engine().section('weather forecast');
    expect(reply.kind).toBe('notice');
    expect(reply.after.join(' ')).toMatch(/Closest: .+/);
  });

  it('offers every section for an empty autocomplete box, within Discord’s limits once the Discord layer cuts them', () => {
    const choices = engine().sectionChoices('');
    expect(choices).toHaveLength(engine().sections.length);
    const cut = withinDiscordLimits(choices);
    expect(cut.length).toBeLessThanOrEqual(25);
    expect(cut.every((c) => c.name.length <= 100 && c.value.length <= 100)).toBe(true);
  });

  it('cuts more than 25 choices and names over 100 characters to Discord’s limits', () => {
    const many = Array.from({ length: 30 }, (_, i) => ({ name: `${'x'.repeat(120)}${i}`, value: `key/${i}` }));
    const cut = withinDiscordLimits(many);
    expect(cut).toHaveLength(25);
    expect(cut[0]).toEqual({ name: `${'x'.repeat(99)}…`, value: 'key/0' });
  });

  it('ranks fuzzy autocomplete matches first', () => {
    expect(engine().sectionChoices('medica')[0]!.name).toBe('Potential Interaction with Medications');
    expect(engine().sectionChoices('mood')[0]!.name).toBe('Effects on Mental Health › Mood Enhancement');
  });

  it('finds a section by the key an autocomplete choice carries', () => {
    const choice = engine().sectionChoices('regulation')[0]!;
    expect(engine().section(choice.value).passages[0]!.subsection).toBe('Lack of Regulation and Research');
  });

  it('lists the table of contents with every section and subsection', () => {
    const text = renderText(engine().contents());
    for (const entry of engine().sections)
      expect(text).toContain(entry.subsection ?? (entry.section === entry.documentTitle ? 'Introduction' : entry.section));
  });
});

describe('the safety summary', () => {
  const summary = engine().safetySummary();

  it('quotes key sentences verbatim from the safety-relevant sections', () => {
    expect(summary.passages.map((q) => q.subsection ?? q.section)).toEqual([
      'Dependency and Withdrawal',
      'Potential Interaction with Medications',
      'Variability in Effects',
      'Lack of Regulation and Research',
      'Consultation with a Healthcare Provider',
      'Exploration and Responsible Use',
    ]);
    expect(summary.passages.every((q) => isVerbatim(q.text) && !q.text.includes('…'))).toBe(true);
  });
});
