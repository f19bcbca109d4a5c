/** What /setup crisis-resources accepts: somewhere real to turn to, in a size that fits a reply. */
import { describe, expect, it } from 'vitest';
import { CRISIS_TEXT_SUGGESTIONS, checkCrisisText } from '../../src/discord/setup/crisis-resources-text.js';

describe('crisis resources text', () => {
  it.each([
    'Call or text 988, any time, day or night.',
    'Samaritans: call 116 123 for free, any time.',
    'TelefonSeelsorge: 0800 111 0 111, free and anonymous.',
    'Lifeline Australia: 13 11 14, available 24/7.',
    'International: +44 20 7946 0000, or your local line.',
    'Find your country’s line at https://findahelpline.com now.',
  ])('accepts a phone number or an https link: %s', (text) => {
    expect(checkCrisisText(text)).toEqual({ ok: true, text });
  });

  it.each([
    ['no number or https link', 'Please talk to a friend or family member you trust.'],
    ['a plain http link only', 'See http://example.org/help for local crisis lines.'],
    ['two digits only', 'Call the 24 hour line your doctor gave you.'],
  ])('refuses %s', (_what, text) => {
    expect(checkCrisisText(text)).toMatchObject({ ok: false, problems: [expect.stringContaining('phone number')] });
  });

  it('trims the text before checking and saving it', () => {
    expect(checkCrisisText('   Call or text 988, any time.  \n')).toEqual({ ok: true, text: 'Call or text 988, any time.' });
  });

  it('offers suggestions that are themselves valid and fit an autocomplete choice (100 characters)', () => {
    for (const suggestion of CRISIS_TEXT_SUGGESTIONS) {
      expect(checkCrisisText(suggestion).ok).toBe(true);
      expect(suggestion.length).toBeLessThanOrEqual(100);
    }
  });
});
