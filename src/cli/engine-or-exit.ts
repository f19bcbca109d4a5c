/** Start-up of the console front ends: `.env`, then the engine, or one clear line and exit 1. */
import { loadDotEnv } from '../config/env.js';
import type { AnswerEngine } from '../engine/engine.js';
import { createEngineFromEnv } from '../engine/from-env.js';
import { exitWithError } from './fatal.js';

export function createEngineOrExit(): AnswerEngine {
  try {
    loadDotEnv();
    return createEngineFromEnv();
  } catch (error) {
    exitWithError(error);
  }
}
