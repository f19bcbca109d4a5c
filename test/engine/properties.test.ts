/** Any input at all: the engine never throws and always gives a bounded reply with the note. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderText } from '../../src/engine/render-text.js';
import { engine, isVerbatim } from '../helpers/engine.js';

const MAX_REPLY_CHARS = 6000;

const nastyPieces = fc.constantFrom(
  '@everyone',
  '@here',
  '<@123456789012345678>',
  '<@&987654321098765432>',
  '<#111>',
  '**bold**',
  '`code`',
  '```js\nx\n```',
  '> quote',
  '||spoiler||',
  '\u0000',
  '\u0007',
  '\u202e',
  '\r\n',
  '\t',
  '🙂',
  '👨‍👩‍👧',
  'ｋｒａｔｏｍ',
  'kratom',
  'withdrawal',
  'tell me more',
  'kill myself',
  'overdose',
  'zoloft',
  'ÆØÅ',
  'ß',
  'İ',
  '\ud800',
);

const anyMessage = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.array(fc.oneof(nastyPieces, fc.string({ maxLength: 12 })), { maxLength: 30 }).map((parts) => parts.join(' ')),
  fc.string({ minLength: 9000, maxLength: 10000 }),
);

describe('the engine under any input', () => {
  // 400 runs of the whole engine, some on 10,000-character messages: about 3 s alone, more on 2 busy cores.
  it('never throws, always carries the note, and stays within Discord-sized bounds', { timeout: 20_000 }, () => {
    fc.assert(
      fc.property(anyMessage, (message) => {
        const reply = engine().answer(message);
        const text = renderText(reply);
        expect(['answer', 'no_match', 'crisis', 'help']).toContain(reply.kind);
        expect(reply.safetyNote.length).toBeGreaterThan(0);
        expect(text.endsWith(reply.safetyNote)).toBe(true);
        expect(text.length).toBeLessThanOrEqual(MAX_REPLY_CHARS);
        expect(reply.passages.length).toBeLessThanOrEqual(3);
        expect(reply.passages.every((quote) => isVerbatim(quote.text))).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('never echoes a mention or @everyone back in its reply text', () => {
    fc.assert(
      fc.property(fc.array(nastyPieces, { minLength: 1, maxLength: 10 }), (parts) => {
        const text = renderText(engine().answer(parts.join(' ')));
        expect(text).not.toMatch(/@everyone|@here|<@[!&]?\d+>/);
      }),
      { numRuns: 200 },
    );
  });

  it('looks up any section name without throwing or echoing a mention', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          anyMessage,
          fc.array(nastyPieces, { maxLength: 6 }).map((p) => p.join('')),
        ),
        (name) => {
          const text = renderText(engine().section(name));
          expect(text.endsWith(engine().safety.safetyNote)).toBe(true);
          expect(text).not.toMatch(/(?<!\\)@everyone|(?<!\\)@here|(?<!\\)<@[!&]?\d+>/); // "\\@everyone" is Discord's escaped, plain-text form
          expect(engine().sectionChoices(name).length).toBeLessThanOrEqual(engine().sections.length);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('treats a follow-up with any context safely', () => {
    const ids = engine().passageIds();
    fc.assert(
      fc.property(
        fc.string({ maxLength: 100 }),
        fc.array(fc.oneof(fc.constantFrom(...ids), fc.string()), { maxLength: 5 }),
        fc.string({ maxLength: 300 }),
        (message, shownIds, previous) => {
          const reply = engine().answer(message, { question: previous, shownIds });
          expect(renderText(reply).endsWith(reply.safetyNote)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});
