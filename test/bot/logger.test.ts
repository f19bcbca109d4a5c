/** Logs hold no secrets and no one's words. */
import { describe, expect, it } from 'vitest';
import { createLogger, serializeError } from '../../src/discord/logger.js';

function capture(secrets: string[]): { lines: string[]; logger: ReturnType<typeof createLogger> } {
  const lines: string[] = [];
  return { lines, logger: createLogger({ level: 'info', secrets, destination: { write: (line: string) => void lines.push(line) } }) };
}

describe('logger', () => {
  it('replaces the token wherever it appears in a line', () => {
    const token = 'MTIz.abcdef.secret-token-value';
    const { lines, logger } = capture([token]);
    logger.error({ err: new Error(`failed with ${token}`), note: token }, `message ${token}`);
    expect(lines.join('')).not.toContain(token);
    expect(lines.join('')).toContain('[redacted]');
  });

  it('drops a REST error’s request body and hides the interaction token in its URL', () => {
    const error = Object.assign(new Error('Invalid Form Body'), {
      status: 400,
      method: 'POST',
      url: 'http://127.0.0.1/api/v10/interactions/123/aW50ZXJhY3Rpb24secret/callback',
      requestBody: { json: { data: { content: 'what someone asked' } } },
    });
    const serialized = JSON.stringify(serializeError(error));
    expect(serialized).not.toContain('what someone asked');
    expect(serialized).not.toContain('aW50ZXJhY3Rpb24secret');
    expect(serialized).toContain('/interactions/123/[token]/callback');
  });
});
