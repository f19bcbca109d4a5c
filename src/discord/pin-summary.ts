/**
 * Posts the safety summary in a channel and pins it, or, where the bot pinned one before,
 * edits that one in place, so a channel never holds two. Runs one at a time per channel.
 */
import type { Client, GuildTextBasedChannel, Message } from 'discord.js';
import { SAFETY_SUMMARY_TITLE, type OutgoingMessage } from './render.js';

export type PinOutcome = 'pinned' | 'updated';

const running = new Map<string, Promise<unknown>>();

export async function pinSummary(client: Client<true>, channel: GuildTextBasedChannel, summary: OutgoingMessage): Promise<PinOutcome> {
  const previous = running.get(channel.id) ?? Promise.resolve();
  const task = previous.catch(() => undefined).then(() => replaceOrPin(client, channel, summary));
  running.set(channel.id, task);
  try {
    return await task;
  } finally {
    if (running.get(channel.id) === task) running.delete(channel.id);
  }
}

async function replaceOrPin(client: Client<true>, channel: GuildTextBasedChannel, summary: OutgoingMessage): Promise<PinOutcome> {
  const [kept, ...extra] = await ownPinnedSummaries(client, channel);
  if (kept) {
    await kept.edit({ ...summary, content: summary.content ?? null });
    for (const message of extra) await message.unpin();
    return 'updated';
  }
  const posted = await channel.send(summary);
  try {
    await posted.pin();
  } catch (error) {
    // Nothing left half done: a summary that could not be pinned is taken down again.
    await posted.delete().catch(() => undefined);
    throw error;
  }
  return 'pinned';
}

async function ownPinnedSummaries(client: Client<true>, channel: GuildTextBasedChannel): Promise<Message[]> {
  const found: Message[] = [];
  let before: Date | undefined;
  for (;;) {
    const page = await channel.messages.fetchPins({ limit: 50, ...(before && { before }) });
    for (const { message } of page.items) {
      if (message.author.id === client.user.id && message.embeds.some((embed) => embed.title === SAFETY_SUMMARY_TITLE)) found.push(message);
    }
    const last = page.items[page.items.length - 1];
    if (!page.hasMore || !last) return found;
    before = last.pinnedAt;
  }
}
