/** Builds the answer engine from the environment: the one start-up path of every front end. */
import { engineEnvSchema, parseEnv } from '../config/env.js';
import { createEngine, type AnswerEngine } from './engine.js';

export function createEngineFromEnv(env: NodeJS.ProcessEnv = process.env): AnswerEngine {
  const config = parseEnv(engineEnvSchema, env);
  return createEngine({
    corpusDir: config.CORPUS_DIR,
    safetyNoteExtra: config.SAFETY_NOTE_EXTRA,
    crisisText: config.CRISIS_TEXT,
  });
}
