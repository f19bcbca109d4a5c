/**
 * The labelled risk corpus, `training/risk-messages.jsonl`: one message a line with its level
 * (crisis, concern or none) and category ("plan", "third-person", "idiom-joke", …).
 *
 * ```jsonl
 * {"text": "found a bridge near my place that would work", "level": "crisis", "category": "plan"}
 * {"text": "that meme killed me 💀", "level": "none", "category": "idiom-joke"}
 * ```
 */
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { RiskLevel } from '../engine/risk.js';
import { questionKey } from '../corpus/examples.js';
import { readJsonLines } from '../corpus/json-lines.js';

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
  for (const { value, line } of readJsonLines(file, file, lineSchema)) {
    const key = questionKey(value.text);
    const before = seen.get(key);
    if (before && before.level !== value.level)
      throw new Error(`${file}:${line}: the same message is labelled differently at line ${before.line}`);
    if (before) continue;
    seen.set(key, { level: value.level, line });
    examples.push({ text: value.text, level: value.level, category: value.category, line });
  }
  return examples;
}
