/** Keeps an answer's context for follow-ups: under the id of the message that ends it (for replies to it), and the conversation's key. */
import type { Message } from 'discord.js';
import type { Reply } from '../engine/reply.js';
import type { BotContext } from './bot-context.js';

export function rememberAnswer(bot: BotContext, reply: Reply, sent: Message[], conversationKey?: string): void {
  if (!reply.context) return;
  const last = sent[sent.length - 1];
  if (last) bot.memory.set(last.id, reply.context);
  if (conversationKey) bot.memory.set(conversationKey, reply.context);
}

/** A thread's or DM's running conversation with one person. */
export function conversationKey(channelId: string, userId: string): string {
  return `${channelId}:${userId}`;
}
