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
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export interface ChatExample {
  question: string;
  label: 'help' | 'thanks';
  line: number;
}

export const DEFAULT_CHAT_MESSAGES_FILE = fileURLToPath(new URL('../../training/chat-messages.jsonl', import.meta.url));

const lineSchema = z.object({ q: z.string().trim().min(1, 'the message "q" is empty'), label: z.enum(['help', 'thanks']) }).passthrough();

export function loadChatExamples(file: string = DEFAULT_CHAT_MESSAGES_FILE): ChatExample[] {
  if (!existsSync(file)) return [];
  const examples: ChatExample[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((text, index) => {
      if (text.trim() === '') return;
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (error) {
        throw new Error(`${file}:${index + 1}: not a JSON object (${(error as Error).message})`);
      }
      const parsed = lineSchema.safeParse(json);
      if (!parsed.success)
        throw new Error(`${file}:${index + 1}: ${parsed.error.issues[0]!.path.join('.')}: ${parsed.error.issues[0]!.message}`);
      examples.push({ question: parsed.data.q, label: parsed.data.label, line: index + 1 });
    });
  return examples;
}
