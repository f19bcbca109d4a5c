/** What the bot says around a corpus (`corpus/presentation.json`): subject, help examples, safety summary, crisis passages. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { CorpusError } from './markdown.js';

const presentationSchema = z.object({
  _about: z.string().optional(),
  subject: z.string().trim().min(1),
  helpExamples: z.array(z.string().trim().min(1)),
  safetySummary: z.array(z.object({ passage: z.string().min(1), startsWith: z.string().min(1) })),
  crisisPassages: z.array(z.string().min(1)),
});

export type Presentation = z.infer<typeof presentationSchema>;

/** A corpus without the file still works: a generic subject, no summary sentences. */
export const NO_PRESENTATION: Presentation = { subject: 'these documents', helpExamples: [], safetySummary: [], crisisPassages: [] };

export function loadPresentation(directory: string): Presentation {
  const path = join(directory, 'presentation.json');
  if (!existsSync(path)) return NO_PRESENTATION;
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new CorpusError(path, 1, `not valid JSON (${(error as Error).message})`);
  }
  const parsed = presentationSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new CorpusError(path, 1, `at "${issue.path.join('.')}": ${issue.message}`);
  }
  return parsed.data;
}
