/** A corpus folder's optional JSON settings files (`topics.json`, `presentation.json`), validated with zod. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { CorpusError } from './markdown.js';

/** The file's validated content, or undefined when the corpus has no such file; errors name the file and what is wrong. */
export function readCorpusJson<T>(directory: string, name: string, schema: z.ZodType<T>): T | undefined {
  const path = join(directory, name);
  if (!existsSync(path)) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new CorpusError(path, 1, `not valid JSON (${(error as Error).message})`);
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new CorpusError(path, 1, `at "${issue.path.join('.')}": ${issue.message}`);
  }
  return parsed.data;
}
