/**
 * Conversation: a message that mentions the bot, replies to one of its answers, comes in a
 * DM, or is posted in the server's ask channel (a forum's new posts) is answered like /ask, as a reply. Follow-ups use the previous exchange: the answer
 * replied to (from memory, or from its own "more" button after a restart), or the person's
 * last exchange in the thread or DM. The question itself is never logged.
 */
import { DiscordAPIError, Events, RESTJSONErrorCodes, type Client, type Message } from 'discord.js';
import type { ConversationContext } from '../../engine/reply.js';
import { DEFAULT_GUILD_SETTINGS } from '../../storage/guild-settings.js';
import { afterAnswer } from '../after-answer.js';
import { answerComponents } from '../feedback.js';
import type { BotContext } from '../bot-context.js';
import { cooldownText } from '../cooldown.js';
import { ASK_CHANNEL_UNREADABLE } from '../message-content.js';
import { cooldownSeconds, crisisOptions } from '../server-settings.js';
import { conversationKey, rememberAnswer } from '../remember.js';
import { replyToMessage, tellPrivately } from '../respond.js';
import type { WorkTracker } from '../work-tracker.js';
import { ERROR_TEXT } from './interaction-create.js';

export const name = Events.MessageCreate;

/** Without the privileged Message Content intent, a reply that does not ping the bot arrives empty. */
export const UNREADABLE_TEXT =
  'I can only read replies that mention me. Reply again with the mention switched on (@ ON), mention me, or use /ask.';

export const CANNOT_POST_TEXT =
  'I can’t post my answer in that channel: I’m missing a permission there (Send Messages, or Embed Links). Ask a moderator, or use /ask, which works anywhere.';

export function handler(bot: BotContext, work: WorkTracker): (message: Message) => void {
  return (message) => {
    if (!work.accepting || message.author.bot || message.system) return;
    void work.run(() => handleMessage(message, bot));
  };
}

async function handleMessage(message: Message, bot: BotContext): Promise<void> {
  const client = message.client as Client<true>;
  const me = client.user.id;
  const inDm = !message.inGuild();
  const mentioned = message.mentions.users.has(me);
  const repliedToMe = message.reference?.messageId !== undefined && message.mentions.repliedUser?.id === me;
  const settings = message.guildId ? await bot.settings.get(message.guildId) : DEFAULT_GUILD_SETTINGS;
  const inAskChannel = !inDm && isInAskChannel(message, settings.askChannelId);
  if (!inDm && !mentioned && !repliedToMe && !inAskChannel) return;
  const via = inDm ? 'dm' : mentioned ? 'mention' : repliedToMe ? 'reply' : 'ask_channel';

  try {
    const wait = bot.cooldown.take(message.author.id, cooldownSeconds(settings));
    if (!wait.ok) {
      if (wait.firstRefusal) await tellPrivately(message, bot.engine.notice(cooldownText(wait.retryAfterMs)));
      bot.logger.info({ event: 'cooldown', via });
      return;
    }
    if (!inDm && !mentioned && arrivedWithoutContent(message)) {
      if (via === 'reply') await replyToMessage(message, bot.engine.notice(UNREADABLE_TEXT));
      else if (bot.unreadableNotices.allow(message.channelId)) await replyToMessage(message, bot.engine.notice(ASK_CHANNEL_UNREADABLE));
      bot.logger.warn({ event: 'message_without_content', via, messageContentIntent: bot.messageContent });
      return;
    }
    const question = message.content.replaceAll(new RegExp(`<@!?${me}>`, 'g'), ' ').trim();
    const key = inDm || inAskChannel || message.channel.isThread() ? conversationKey(message.channelId, message.author.id) : undefined;
    const reply = bot.engine.answer(question, previousExchange(message, bot, key), crisisOptions(settings));
    // The conversation's memory first: the person's next message may arrive before the reply is confirmed.
    rememberAnswer(bot, reply, [], key);
    const sent = await replyToMessage(message, reply, answerComponents(bot, reply));
    rememberAnswer(bot, reply, sent);
    bot.logger.info({ event: 'answer', via, kind: reply.kind, quotes: reply.passages.length });
    await afterAnswer(bot, {
      client,
      reply,
      via,
      guildId: message.guildId,
      settings,
      channelId: message.channelId,
      userId: message.author.id,
      messageUrl: message.url,
      privateByChoice: false,
    });
  } catch (error) {
    bot.logger.error({ err: error, event: 'handler_failed', via });
    const text = isMissingPermissions(error) ? CANNOT_POST_TEXT : ERROR_TEXT;
    const told = await tellPrivately(message, bot.engine.notice(text)).catch(() => false);
    if (!told) bot.logger.warn({ event: 'failure_notice_failed', via });
  }
}

/** The ask channel itself (a text channel), or a new post in it (a forum: the post's opening message). */
function isInAskChannel(message: Message, askChannelId: string | null): boolean {
  if (!askChannelId) return false;
  if (message.channelId === askChannelId) return true;
  return message.channel.isThread() && message.channel.parentId === askChannelId && message.id === message.channelId;
}

/**
 * Without the privileged Message Content intent Discord sends messages that do not mention
 * the bot with their text, attachments and embeds blanked.
 */
function arrivedWithoutContent(message: Message): boolean {
  return message.content === '' && message.attachments.size === 0 && message.embeds.length === 0 && message.stickers.size === 0;
}

function previousExchange(message: Message, bot: BotContext, key: string | undefined): ConversationContext | undefined {
  const repliedTo = message.reference?.messageId;
  if (repliedTo) {
    const remembered = bot.memory.get(repliedTo);
    if (remembered) return remembered;
    // After a restart: the answer replied to carries its passages in its "more" button.
    const answer = message.channel.messages.cache.get(repliedTo);
    if (answer?.author.id === message.client.user.id) {
      const carried = bot.buttons.contextFromCustomIds(customIdsIn(answer.components.map((row) => row.toJSON())));
      if (carried) return carried;
    }
  }
  return key ? bot.memory.get(key) : undefined;
}

/** The custom ids of a message's buttons, however its components nest. */
function customIdsIn(components: unknown): string[] {
  if (Array.isArray(components)) return components.flatMap(customIdsIn);
  if (typeof components !== 'object' || components === null) return [];
  const { custom_id: customId, components: inner } = components as { custom_id?: unknown; components?: unknown };
  return [...(typeof customId === 'string' ? [customId] : []), ...customIdsIn(inner)];
}

function isMissingPermissions(error: unknown): boolean {
  return error instanceof DiscordAPIError && (error.code === RESTJSONErrorCodes.MissingPermissions || error.code === RESTJSONErrorCodes.MissingAccess);
}
