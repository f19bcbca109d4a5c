/** Finding the first invalid UTF-8 byte of a document: exactly where the standard says, in one pass. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CorpusError, decodeUtf8, firstInvalidUtf8Offset } from '../../src/corpus/load.js';

const strict = new TextDecoder('utf-8', { fatal: true });
const decodes = (bytes: Uint8Array): boolean => {
  try {
    strict.decode(bytes);
    return true;
  } catch {
    return false;
  }
};

/** A 1 MB document whose last line has an invalid byte; built here so that the test's time is the search alone. */
const BIG = (() => {
  const line = 'Kratom is a tropical tree native to Southeast Asia, and this line fills the document.\n';
  const lines = Math.ceil(1_000_000 / line.length);
  const bytes = Buffer.concat([Buffer.from(line.repeat(lines)), Buffer.from('bad '), Buffer.from([0xc3, 0x28]), Buffer.from(' byte\n')]);
  return { bytes, badLine: lines + 1 };
})();

describe('the first invalid UTF-8 byte', () => {
  it('is none in valid text of every width', () => {
    const bytes = Buffer.from('a é € 😀 \u{10FFFF}');
    expect(firstInvalidUtf8Offset(bytes)).toBe(bytes.length);
  });

  it.each([
    ['a stray continuation byte', [0x61, 0x80], 1],
    ['a byte never used in UTF-8', [0x61, 0xff], 1],
    ['an overlong two-byte form', [0xc0, 0xaf], 0],
    ['an overlong three-byte form', [0xe0, 0x80, 0xaf], 0],
    ['a surrogate', [0x61, 0xed, 0xa0, 0x80], 1],
    ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 0],
    ['a sequence cut short by the end', [0x61, 0x62, 0xe2, 0x82], 2],
    ['a sequence cut short by a line break', [0xe2, 0x82, 0x0a], 0],
  ])('is found in %s', (_what, bytes, offset) => {
    expect(firstInvalidUtf8Offset(Uint8Array.from(bytes))).toBe(offset);
  });

  it('agrees with the strict decoder on any bytes: the prefix before it decodes, and it is invalid there', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        const offset = firstInvalidUtf8Offset(bytes);
        expect(decodes(bytes.subarray(0, offset))).toBe(true);
        expect(decodes(bytes)).toBe(offset === bytes.length);
      }),
      { numRuns: 2000 },
    );
  });

  // The one time limit here is 1 s for a 1 MB document; searching the old way (decoding ever longer
  // prefixes) took 59 s for 200 KB, so this can only fail if finding the byte stops being linear.
  it('in a 1 MB document with a bad byte near its end: reported with its line', { timeout: 1_000 }, () => {
    expect(BIG.bytes.length).toBeGreaterThan(1_000_000);
    expect(() => decodeUtf8('big.md', BIG.bytes)).toThrow(new CorpusError('big.md', BIG.badLine, 'the file is not valid UTF-8'));
  });
});
