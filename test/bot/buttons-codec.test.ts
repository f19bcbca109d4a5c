import { NO_PRESENTATION } from '../../src/corpus/presentation.js';
import { loadCorpus } from '../../src/corpus/load.js';
/** Button custom ids: the state of "more" and "other passages", within Discord's 100 characters. */
import { describe, expect, it } from 'vitest';
import { ButtonCodec, CUSTOM_ID_MAX } from '../../src/discord/buttons.js';
import { createEngine } from '../../src/engine/engine.js';
import { testEngine } from './harness.js';

describe('ButtonCodec', () => {
  const engine = testEngine();
  const codec = new ButtonCodec(engine);
  const ids = engine.passageIds();

  it('decodes what it encodes', () => {
    const shown = ids.slice(3, 6);
    expect(codec.decode(codec.encode({ action: 'more', ids: shown }))).toEqual({ action: 'more', ids: shown });
    expect(codec.decode(codec.encode({ action: 'other', ids: shown }))).toEqual({ action: 'other', ids: shown });
  });

  it('stays within 100 characters however many passages were shown, keeping the latest for "more"', () => {
    const many = [...ids, ...ids, ...ids, ...ids, ...ids];
    const customId = codec.encode({ action: 'more', ids: many });
    expect(customId.length).toBeLessThanOrEqual(CUSTOM_ID_MAX);
    const decoded = codec.decode(customId);
    expect(decoded.action === 'more' && decoded.ids.at(-1)).toBe(many.at(-1));
  });

  it('calls a button from another corpus stale', () => {
    const other = new ButtonCodec(
      createEngine({
        corpus: {
          ...loadCorpus(),
          presentation: NO_PRESENTATION,
          passages: engine
            .passageIds()
            .slice(0, 5)
            .map((id) => engine.passage(id)!),
        },
      }),
    );
    expect(other.fingerprint).not.toBe(codec.fingerprint);
    expect(codec.decode(other.encode({ action: 'more', ids: ids.slice(0, 1) }))).toEqual({ action: 'stale' });
  });

  it('calls a custom id it did not make unknown', () => {
    expect(codec.decode('something-else')).toEqual({ action: 'unknown' });
  });

  it('carries an answer’s context for a follow-up after a restart', () => {
    const reply = engine.answer('Is kratom addictive?');
    const [row] = codec.buttonsFor(reply);
    const customIds = row!.components.map((button) => ('custom_id' in button ? button.custom_id : ''));
    expect(codec.contextFromCustomIds(customIds)?.shownIds).toEqual(reply.context?.shownIds);
  });

  it('give each quoted section with more to read its own "More from <section>" button, which continues that section', () => {
    const stress = 'kratom-mental-health/effects-on-mental-health/stress-and-anxiety-relief/p1';
    const dependency = 'kratom-mental-health/potential-considerations/dependency-and-withdrawal/p1';
    const [row] = codec.buttonsFor(engine.showPassages([stress, dependency]), []);
    const buttons = (row?.components ?? []) as { label: string; custom_id: string }[];
    expect(buttons.map((button) => button.label)).toEqual(['More from Effects on Mental Health', 'More from Potential Considerations']);
    const continued = buttons.map((button) => {
      const decoded = codec.decode(button.custom_id);
      if (decoded.action !== 'more') throw new Error('not a "more" button');
      return new Set(engine.more({ question: '', shownIds: decoded.ids }).passages.map((quote) => quote.section));
    });
    expect(continued).toEqual([new Set(['Effects on Mental Health']), new Set(['Potential Considerations'])]);
  });

  it('offer no "more" for a section shown whole (it would move on to another section)', () => {
    const medications = 'kratom-mental-health/potential-interaction-with-medications/p1';
    expect(codec.buttonsFor(engine.showPassages([medications]), [])).toEqual([]);
  });
});
