/**
 * The labelled risk corpus, `training/risk-messages.jsonl`: one message a line with its level
 * (crisis, concern or none) and category ("plan", "third-person", "idiom-joke", …).
 *
 * ```jsonl
 * {"text": "found a bridge near my place that would work", "level": "crisis", "category": "plan"}
 * {"text": "that meme killed me 💀", "level": "none", "category": "idiom-joke"}
 * ```
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { RiskLevel } from '../engine/risk.js';
import { questionKey } from '../corpus/examples.js';

export interface RiskExample {
  text: string;
  level: RiskLevel;
  category: string;
  line: number;
}

export const DEFAULT_RISK_MESSAGES_FILE = fileURLToPath(new URL('../../training/risk-messages.jsonl', import.meta.url));

const lineSchema = z
  .object({
    text: z.string().trim().min(1, 'the message "text" is empty'),
    level: z.enum(['crisis', 'concern', 'none']),
    category: z.string().trim().min(1, 'a category is needed'),
  })
  .passthrough();

export function loadRiskExamples(file: string = DEFAULT_RISK_MESSAGES_FILE): RiskExample[] {
  const seen = new Map<string, { level: string; line: number }>();
  const examples: RiskExample[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((text, index) => {
      const line = index + 1;
      if (text.trim() === '') return;
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (error) {
        throw new Error(`${file}:${line}: not a JSON object (${(error as Error).message})`);
      }
      const parsed = lineSchema.safeParse(json);
      if (!parsed.success)
        throw new Error(`${file}:${line}: ${parsed.error.issues[0]!.path.join('.')}: ${parsed.error.issues[0]!.message}`);
      const key = questionKey(parsed.data.text);
      const before = seen.get(key);
      if (before && before.level !== parsed.data.level)
        throw new Error(`${file}:${line}: the same message is labelled differently at line ${before.line}`);
      if (before) return;
      seen.set(key, { level: parsed.data.level, line });
      examples.push({ text: parsed.data.text, level: parsed.data.level, category: parsed.data.category, line });
    });
  return examples;
}
