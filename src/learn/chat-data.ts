/**
 * Labelled messages that are not questions (`training/chat-messages.jsonl`): greetings and
 * questions about the bot itself ("help"), thanks and goodbyes ("thanks"). The answer ranker
 * learns them as classes of their own, beside the passages and the not-covered topics.
 *
 * ```jsonl
 * {"q": "what is this bot for", "label": "help"}
 * {"q": "ty that helped", "label": "thanks"}
 * ```
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { readJsonLines } from '../corpus/json-lines.js';

export interface ChatExample {
  question: string;
  label: 'help' | 'thanks';
  line: number;
}

export const DEFAULT_CHAT_MESSAGES_FILE = fileURLToPath(new URL('../../training/chat-messages.jsonl', import.meta.url));

const lineSchema = z.object({ q: z.string().trim().min(1, 'the message "q" is empty'), label: z.enum(['help', 'thanks']) }).passthrough();

export function loadChatExamples(file: string = DEFAULT_CHAT_MESSAGES_FILE): ChatExample[] {
  if (!existsSync(file)) return [];
  return readJsonLines(file, file, lineSchema).map(({ value, line }) => ({ question: value.q, label: value.label, line }));
}
