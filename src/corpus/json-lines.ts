/** JSON Lines files: one JSON object a line, blank lines skipped, every error naming file and line. */
import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { CorpusError } from './markdown.js';

/**
 * Reads a JSON Lines file and validates each line with `schema`; `describe` may word a schema
 * error better for its file. Throws a {@link CorpusError} (`file:line: reason`).
 */
export function readJsonLines<T>(
  path: string,
  shown: string,
  schema: z.ZodType<T>,
  describe: (issue: z.core.$ZodIssue) => string = (issue) => `${issue.path.join('.') || 'the line'}: ${issue.message}`,
): { value: T; line: number }[] {
  const rows: { value: T; line: number }[] = [];
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((text, index) => {
      const line = index + 1;
      if (text.trim() === '') return;
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (error) {
        throw new CorpusError(shown, line, `not a JSON object (${(error as Error).message})`);
      }
      const parsed = schema.safeParse(json);
      if (!parsed.success) throw new CorpusError(shown, line, describe(parsed.error.issues[0]!));
      rows.push({ value: parsed.data, line });
    });
  return rows;
}
