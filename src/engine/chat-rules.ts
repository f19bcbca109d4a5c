/**
 * What a message is, before it is a question: help, thanks, "tell me more", or a follow-up that
 * leans on the previous question. The phrases are data (`rules/chat-phrases.json`), each kind with
 * examples and counter-examples that the tests check.
 *
 * ```ts
 * const rules = loadChatRules();
 * rules.intent('hey bot');            // 'help'
 * rules.intent('thanks!!');           // 'thanks'
 * rules.intent('is it addictive?');   // 'question'
 * ```
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { normalizeText } from '../learn/features.js';

export type ChatIntent = 'help' | 'thanks' | 'more' | 'question';

const kindSchema = z.object({
  phrases: z.array(z.string().trim().min(1)).min(1, 'list at least one phrase'),
  examples: z.array(z.string()),
  counterExamples: z.array(z.string()),
});

const chatRulesSchema = z.object({
  _about: z.string().optional(),
  help: kindSchema.extend({ addressees: z.array(z.string().trim().min(1)) }),
  thanks: kindSchema.extend({ maxWords: z.number().int().positive() }),
  more: kindSchema,
  continuation: kindSchema,
});

export type ChatRulesData = z.infer<typeof chatRulesSchema>;

export const DEFAULT_CHAT_RULES_FILE = fileURLToPath(new URL('../../rules/chat-phrases.json', import.meta.url));

/** Lower case, no accents, apostrophes, mentions or punctuation; single spaces. */
export function plainText(message: string): string {
  return normalizeText(message)
    .replace(/[^\p{L}\p{N}\s]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export class ChatRules {
  private readonly help: Set<string>;
  private readonly addressees: string[];
  private readonly thanks: string[];
  private readonly more: Set<string>;
  private readonly continuation: string[];

  constructor(readonly data: ChatRulesData) {
    this.help = new Set(data.help.phrases.map(plainText));
    this.addressees = data.help.addressees.map(plainText);
    this.thanks = data.thanks.phrases.map(plainText);
    this.more = new Set(data.more.phrases.map(plainText));
    this.continuation = data.continuation.phrases.map(plainText);
  }

  intent(message: string): ChatIntent {
    const plain = plainText(message);
    if (plain === '' || this.isHelp(plain)) return 'help';
    if (this.more.has(plain)) return 'more';
    if (this.isThanks(plain, message)) return 'thanks';
    return 'question';
  }

  /** Every word of the greeting and thanks phrases: never risk cues on their own. */
  chatWords(): Set<string> {
    return new Set([...this.data.help.phrases, ...this.data.thanks.phrases].flatMap((phrase) => plainText(phrase).split(' ')));
  }

  /** "and with antidepressants?": a message that continues the previous question. */
  continues(message: string): boolean {
    const plain = plainText(message);
    return this.continuation.some((phrase) => plain === phrase || plain.startsWith(`${phrase} `));
  }

  private isHelp(plain: string): boolean {
    let rest = plain;
    // "hi there bot": strip addressees from the end until a phrase remains.
    for (;;) {
      if (this.help.has(rest)) return true;
      const addressee = this.addressees.find((a) => rest.endsWith(` ${a}`));
      if (!addressee) return false;
      rest = rest.slice(0, -addressee.length - 1);
    }
  }

  private isThanks(plain: string, message: string): boolean {
    if (message.includes('?')) return false;
    if (plain.split(' ').length > this.data.thanks.maxWords) return false;
    // Optional acknowledgement first: "ok thanks", "great, thank you".
    const start = plain.replace(/^(ok|okay|alright|great|cool|perfect|awesome|nice|k) /, '');
    return this.thanks.some((phrase) => start === phrase || start.startsWith(`${phrase} `));
  }
}

export function loadChatRules(file: string = DEFAULT_CHAT_RULES_FILE): ChatRules {
  return new ChatRules(readRules(file, chatRulesSchema));
}

/** Reads a rules file, naming the file, the place and the problem when it is malformed. */
export function readRules<T>(file: string, schema: z.ZodType<T>): T {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file}: cannot read the rules: ${(error as Error).message}`);
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${file}: at ${issue.path.join('.') || 'the top level'}: ${issue.message}`);
  }
  return parsed.data;
}
