/** The labels of not-covered topics (corpus/topics.json: key → phrase), when the corpus has them. */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const DEFAULT_PATH = fileURLToPath(new URL('../../corpus/topics.json', import.meta.url));
const topicsSchema = z.record(z.string(), z.string());

export function loadTopicLabels(path = DEFAULT_PATH): Map<string, string> {
  if (!existsSync(path)) return new Map();
  const parsed = topicsSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) return new Map();
  return new Map(Object.entries(parsed.data).filter(([key]) => !key.startsWith('_')));
}
