/**
 * Reading configuration from the environment (and `.env` when present), validated with zod.
 * A bad value becomes one line naming the variable and what is wrong, never a stack trace,
 * and never the value itself (it may be a secret).
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseEnv as parseDotEnv } from 'node:util';
import { z } from 'zod';

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Loads `.env` from the working directory into the environment (process.env), without overriding what is set. */
export function loadDotEnv(path = '.env', env: NodeJS.ProcessEnv = process.env): void {
  if (!existsSync(path)) return;
  let values: NodeJS.Dict<string>;
  try {
    values = parseDotEnv(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(`${path}: cannot be read as KEY=value lines (${(error as Error).message})`);
  }
  for (const [name, value] of Object.entries(values)) {
    if (env[name] === undefined) env[name] = value;
  }
}

/** Parses the environment with a schema; on failure, one line per bad variable. */
export function parseEnv<T extends z.ZodTypeAny>(schema: T, env: NodeJS.ProcessEnv = process.env): z.infer<T> {
  // Treat empty values as unset, as `.env.example` copies leave them.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = schema.safeParse(present);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => {
    const name = issue.path.join('.') || 'environment';
    // zod does not echo the value (it may be a secret), so ask the environment whether it was set.
    const unset = issue.code === 'invalid_type' && !Object.hasOwn(present, String(issue.path[0]));
    return `${name} ${unset ? 'is required but not set' : issue.message}`;
  });
  throw new ConfigError(lines.join('\n'));
}

/** Settings the answer engine reads: wording a deployment may add or localise. */
export const engineEnvSchema = z.object({
  SAFETY_NOTE_EXTRA: z
    .string()
    .max(500, 'must be at most 500 characters (it is added to every reply)')
    .optional()
    .describe('Text added after the safety note on every reply, e.g. a local helpline.'),
  CRISIS_TEXT: z
    .string()
    .min(20, 'must be at least 20 characters: it replaces the urgent crisis guidance')
    .max(1000, 'must be at most 1000 characters')
    .optional()
    .describe('Replaces the urgent guidance shown first on crisis replies (local emergency numbers).'),
  CORPUS_DIR: z.string().optional().describe('Folder of *.md documents to answer from (default: corpus/).'),
});

export type EngineEnv = z.infer<typeof engineEnvSchema>;
