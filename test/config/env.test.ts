import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, engineEnvSchema, parseEnv } from '../../src/config/env.js';

function parseError(schema: z.ZodTypeAny, env: NodeJS.ProcessEnv): string {
  try {
    parseEnv(schema, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('expected a configuration error');
}

describe('reading the environment', () => {
  const schema = z.object({ TOKEN: z.string(), PORT: z.coerce.number().int() });

  it('names a variable that is not set', () => {
    expect(parseError(schema, { PORT: '1' })).toBe('TOKEN is required but not set');
  });

  it('says what is wrong with a value that is set, without echoing it', () => {
    const message = parseError(schema, { TOKEN: 'secret-value', PORT: 'eighty' });
    expect(message).toMatch(/^PORT /);
    expect(message).not.toMatch(/required but not set/);
    expect(message).not.toContain('eighty');
  });

  it('treats an empty value as unset, as copies of .env.example leave them', () => {
    expect(parseEnv(engineEnvSchema, { SAFETY_NOTE_EXTRA: '' }).SAFETY_NOTE_EXTRA).toBeUndefined();
  });

  it('gives one line per bad variable', () => {
    expect(parseError(schema, {}).split('\n')).toEqual(['TOKEN is required but not set', 'PORT is required but not set']);
  });

  it('rejects a crisis text too short to be guidance', () => {
    expect(parseError(engineEnvSchema, { CRISIS_TEXT: 'call' })).toMatch(/^CRISIS_TEXT must be at least 20 characters/);
  });
});
