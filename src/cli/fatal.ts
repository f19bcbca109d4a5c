/** Start-up failures end the process with one clear line on stderr and exit code 1, no stack trace. */
import { CorpusError } from '../corpus/markdown.js';
import { ConfigError } from '../config/env.js';

export function describeFatal(error: unknown): string {
  if (error instanceof CorpusError) return `corpus error: ${error.message}`;
  if (error instanceof ConfigError) return `configuration error: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}

export function exitWithError(error: unknown, hint?: string): never {
  process.stderr.write(`kratom-guide: ${describeFatal(error)}\n`);
  if (hint) process.stderr.write(`${hint}\n`);
  process.exit(1);
}
