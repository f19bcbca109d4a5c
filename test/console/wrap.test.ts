/** Console word wrap: within the width, at spaces, continuation lines under the first word. */
import { describe, expect, it } from 'vitest';
import { MIN_WIDTH, terminalWidth, wrapText } from '../../src/console/wrap.js';

describe('wrapText', () => {
  it('hangs a quote’s continuation lines under its first word', () => {
    expect(wrapText('  “one two three four five six”', 22)).toBe('  “one two three four\n   five six”');
  });

  it('hangs a bullet’s continuation lines under its text', () => {
    expect(wrapText('    ◦ Dependency and Withdrawal', 24)).toBe('    ◦ Dependency and\n      Withdrawal');
  });

  it('cuts a word longer than a line where it must, and nothing else', () => {
    expect(wrapText('x'.repeat(45), MIN_WIDTH)).toBe(`${'x'.repeat(20)}\n${'x'.repeat(20)}\n${'x'.repeat(5)}`);
  });

  it('leaves short lines and blank lines as they are', () => {
    expect(wrapText('Title\n\n  “Short.”', 80)).toBe('Title\n\n  “Short.”');
  });
});

describe('terminalWidth', () => {
  it('is the terminal’s width, or 80 when the output is not a terminal', () => {
    expect([terminalWidth({ columns: 63 }), terminalWidth({})]).toEqual([63, 80]);
  });
});
