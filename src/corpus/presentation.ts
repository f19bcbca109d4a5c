/** What the bot says around a corpus (`corpus/presentation.json`): subject, help examples, safety summary, crisis passages. */
import { z } from 'zod';
import { readCorpusJson } from './corpus-json.js';

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
  return readCorpusJson(directory, 'presentation.json', presentationSchema) ?? NO_PRESENTATION;
}
