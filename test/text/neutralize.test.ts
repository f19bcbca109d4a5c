/** Someone's text quoted back shows as what they typed, and nothing more. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_LENGTH, neutralize } from '../../src/text/neutralize.js';

/** What Discord shows for an escaped text: every backslash escape becomes the character itself. */
const shown = (escaped: string): string => escaped.replace(/\\(.)/gu, '$1');

describe('neutralize', () => {
  it('leaves ordinary text as it is', () => {
    expect(neutralize('Dependency and Withdrawal')).toBe('Dependency and Withdrawal');
  });

  it('escapes emphasis, code, spoilers and strike-through', () => {
    expect(neutralize('**bold** _it_ `code` ||spoiler|| ~~gone~~')).toBe(
      '\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\|\\|spoiler\\|\\| \\~\\~gone\\~\\~',
    );
  });

  it('escapes a masked link, and a bare URL so it is not turned into a link', () => {
    expect(neutralize('[click](https://evil.example)')).toBe('\\[click\\]\\(https\\://evil.example\\)');
  });

  it('escapes mentions, channel links, custom emoji and timestamps', () => {
    for (const markup of [
      '<@123456789012345678>',
      '<@&123456789012345678>',
      '<#123456789012345678>',
      '<:pog:123456789012345678>',
      '<t:1700000000:R>',
      '@everyone',
    ]) {
      const neutral = neutralize(markup);
      expect(neutral).not.toMatch(/(^|[^\\])[<@]/);
      expect(shown(neutral)).toBe(markup);
    }
  });

  it('escapes a heading or a quote that would start the line', () => {
    expect(neutralize('# Big')).toBe('\\# Big');
    expect(neutralize('> quoted')).toBe('\\> quoted');
  });

  it('removes control characters and invisible formatting, and makes line breaks spaces', () => {
    expect(neutralize('a\u0000b\u0007c\u001bd')).toBe('a b c d');
    expect(neutralize('first\nsecond\r\n\tthird')).toBe('first second third');
    expect(neutralize('safe\u202Etxt.exe\u200B\uFEFF')).toBe('safe txt.exe');
    expect(neutralize('line\u2028para\u2029end\u0085')).toBe('line para end');
  });

  it('bounds the length, marking the cut with "…"', () => {
    const neutral = neutralize('x'.repeat(500));
    expect(Array.from(neutral)).toHaveLength(DEFAULT_MAX_LENGTH);
    expect(neutral.endsWith('…')).toBe(true);
    expect(neutralize('abcdef', 4)).toBe('abc…');
  });

  it('never cuts an escape or a character in half', () => {
    expect(neutralize('ab*cd', 3)).toBe('ab…');
    expect(neutralize('😀😀😀😀', 3)).toBe('😀😀…');
  });

  it('for any text: shows what was typed (visible, one line, bounded), never an unescaped markup character', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        const neutral = neutralize(text);
        expect(neutral).not.toMatch(/[\p{Cc}\p{Cf}\n\u2028\u2029]/u);
        expect(neutral).not.toMatch(/(^|[^\\])(\\\\)*[*_~`|[\]()<>@#:]/);
        expect(Array.from(shown(neutral)).length).toBeLessThanOrEqual(DEFAULT_MAX_LENGTH);
        const visible = text
          .replace(/[\p{Cc}\p{Cf}\u2028\u2029]+/gu, ' ')
          .replace(/\s+/g, ' ')
          .trim();
        if (Array.from(visible).length <= DEFAULT_MAX_LENGTH) expect(shown(neutral)).toBe(visible);
      }),
    );
  });
});
