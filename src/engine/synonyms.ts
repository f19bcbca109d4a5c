/** The synonym table: everyday, slang and drug-class words mapped to the article's own words. */
import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** Article phrase → the everyday phrases that mean it, e.g. `"withdrawal": ["cold turkey", "quit"]`. */
export type SynonymTable = Record<string, string[]>;

const synonymTableSchema = z.record(
  z.string().trim().min(1, 'an article phrase must not be empty'),
  z.array(z.string().trim().min(1, 'a synonym must not be empty')).min(1, 'list at least one synonym'),
);

/** Topics the article does not cover, grouped for reading: `{"substances": ["alcohol", "kava"]}`. */
export type UncoveredTopics = string[];

const uncoveredTopicsSchema = z
  .object({ _about: z.string().optional() })
  .catchall(z.array(z.string().trim().min(1, 'a topic must not be empty')));

export const DEFAULT_SYNONYMS_FILE = new URL('../../corpus/synonyms.json', import.meta.url);
export const DEFAULT_UNCOVERED_TOPICS_FILE = new URL('../../corpus/uncovered-topics.json', import.meta.url);

export function loadSynonyms(file: URL | string = DEFAULT_SYNONYMS_FILE): SynonymTable {
  return readJson(file, 'the synonym table', synonymTableSchema);
}

export function loadUncoveredTopics(file: URL | string = DEFAULT_UNCOVERED_TOPICS_FILE): UncoveredTopics {
  const { _about: _, ...groups } = readJson(file, 'the uncovered-topics list', uncoveredTopicsSchema);
  return Object.values(groups).flat<string[][]>();
}

function readJson<T>(file: URL | string, what: string, schema: z.ZodType<T>): T {
  const shown = typeof file === 'string' ? file : file.pathname;
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${shown}: cannot read ${what}: ${(error as Error).message}`);
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${shown}: ${what}, at ${issue.path.join('.') || 'the top level'}: ${issue.message}`);
  }
  return parsed.data;
}
