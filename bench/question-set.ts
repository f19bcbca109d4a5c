/** The labelled question set (test/fixtures/questions.json), validated with zod. */
import { readFileSync } from 'node:fs';
import { z } from 'zod';

export const labelledQuestionSchema = z.object({
  q: z.string(),
  kind: z.enum(['answer', 'no_match', 'crisis', 'help']),
  category: z.enum(['direct', 'paraphrase', 'slang', 'typo', 'off_topic', 'crisis', 'idiom', 'greeting']),
  expect: z.array(z.string()),
});

export type LabelledQuestion = z.infer<typeof labelledQuestionSchema>;

export function loadQuestionSet(file = new URL('../test/fixtures/questions.json', import.meta.url)): LabelledQuestion[] {
  return z.array(labelledQuestionSchema).parse(JSON.parse(readFileSync(file, 'utf8')));
}
