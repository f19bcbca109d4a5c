/**
 * What the bot says around a corpus (`corpus/presentation.json`): subject, help examples, the
 * caution in every reply's safety note, safety summary, crisis passages, and the words too common
 * in it to search by.
 */
import { z } from 'zod';
import { readCorpusJson } from './corpus-json.js';

const presentationSchema = z.object({
  _about: z.string().optional(),
  subject: z.string().trim().min(1),
  helpExamples: z.array(z.string().trim().min(1)),
  /** The corpus's own caution, the middle of every reply's safety note; grounded in its text. */
  caution: z.string().trim().min(1),
  safetySummary: z.array(z.object({ passage: z.string().min(1), startsWith: z.string().min(1) })),
  crisisPassages: z.array(z.string().min(1)),
  /** Words that nearly every question and passage of this corpus share (its subject's name). */
  searchStopWords: z.array(z.string().trim().toLowerCase().min(1)).default([]),
});

export type Presentation = z.infer<typeof presentationSchema>;

/** A corpus without the file still works: a generic subject, no summary sentences. */
export const NO_PRESENTATION: Presentation = {
  subject: 'these documents',
  helpExamples: [],
  caution: 'Talk to a healthcare professional before acting on it.',
  safetySummary: [],
  crisisPassages: [],
  searchStopWords: [],
};

export function loadPresentation(directory: string): Presentation {
  return readCorpusJson(directory, 'presentation.json', presentationSchema) ?? NO_PRESENTATION;
}
