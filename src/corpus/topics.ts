/** The not-covered topics (`corpus/topics.json`): key → the phrase a reply names it by. */
import { z } from 'zod';
import { readCorpusJson } from './corpus-json.js';

export type Topics = ReadonlyMap<string, string>;

const topicsSchema = z
  .object({ _about: z.string().optional() })
  .catchall(z.string().trim().min(1, 'a topic needs a phrase to name it by'));

export function loadTopics(directory: string): Topics {
  const data = readCorpusJson(directory, 'topics.json', topicsSchema);
  if (!data) return new Map();
  const { _about: _, ...topics } = data;
  return new Map(Object.entries(topics as Record<string, string>));
}
