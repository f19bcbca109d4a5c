/** The not-covered topics (`corpus/topics.json`): key → the phrase a reply names it by. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { CorpusError } from './markdown.js';

export type Topics = ReadonlyMap<string, string>;

const topicsSchema = z
  .object({ _about: z.string().optional() })
  .catchall(z.string().trim().min(1, 'a topic needs a phrase to name it by'));

export function loadTopics(directory: string): Topics {
  const path = join(directory, 'topics.json');
  if (!existsSync(path)) return new Map();
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new CorpusError(path, 1, `not valid JSON (${(error as Error).message})`);
  }
  const parsed = topicsSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new CorpusError(path, 1, `at "${issue.path.join('.')}": ${issue.message}`);
  }
  const { _about: _, ...topics } = parsed.data;
  return new Map(Object.entries(topics as Record<string, string>));
}
