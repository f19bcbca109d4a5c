/** The record `npm run ask -- --json` writes for each question: a contract whose fields are only ever added. */
import { describe, expect, it } from 'vitest';
import { toJsonRecord } from '../../src/console/json-record.js';
import { engine } from '../helpers/engine.js';

describe('the JSON record of a question', () => {
  it('has the documented fields, in order, with the note inside the reply text', () => {
    const question = 'Is kratom addictive?';
    const record = toJsonRecord(question, engine().answer(question));
    expect(Object.keys(record)).toEqual(['question', 'kind', 'passages', 'safetyNote', 'reply', 'coverage', 'risk']);
    expect(record.question).toBe(question);
    expect(record.kind).toBe('answer');
    expect(record.passages[0]).toEqual({
      id: 'kratom-mental-health/potential-considerations/dependency-and-withdrawal/p1',
      section: 'Potential Considerations',
      subsection: 'Dependency and Withdrawal',
      text: expect.stringContaining('Long-term or excessive use of kratom'),
      score: expect.any(Number),
    });
    expect(record.reply).toContain(record.safetyNote);
    expect(record.reply).toContain(record.passages[0]!.text);
  });

  it('is refused for a reply that does not answer a question (a lookup)', () => {
    expect(() => toJsonRecord('/sections', engine().contents())).toThrow(/does not have/);
  });
});
