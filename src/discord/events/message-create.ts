/**
 * Conversation: a message that mentions the bot, replies to one of its answers, comes in a
 * DM, or is posted in the server's ask channel (a forum's new posts) is answered like /ask, as a reply. Follow-ups use the previous exchange: the answer
 * replied to (from memory, or from its own "more" button after a restart), or the person's
 * last exchange in that channel, thread or DM ("@bot tell me more" as a new message). A
 * question held back by the cooldown gets a ⏳ reaction. The question itself is never logged.
 */
import { Events, type Message } from 'discord.js';
import type { ConversationContext } from '../../engine/reply.js';
import { DEFAULT_GUILD_SETTINGS } from '../../storage/guild-settings.js';
import { afterAnswer } from '../after-answer.js';
import { answerComponents } from '../feedback.js';
import type { BotContext } from '../bot-context.js';
import { COOLDOWN_REACTION, countsAsQuestion } from '../cooldown.js';
import { describeFailure } from '../failure.js';
import { ASK_CHANNEL_UNREADABLE } from '../message-content.js';
import { cooldownSeconds, crisisOptions } from '../server-settings.js';
import { conversationKey, rememberAnswer } from '../remember.js';
import { react, replyToMessage, tellPrivately } from '../respond.js';
import type { WorkTracker } from '../work-tracker.js';
import { ERROR_TEXT } from './interaction-create.js';

export const name = Events.MessageCreate;

export const CANNOT_POST_TEXT =
  'I can’t post my answer in that channel: I’m missing a permission there (Send Messages, or Embed Links). Ask a moderator, or use /ask, which works anywhere.';

export function handler(bot: BotContext, work: WorkTracker): (message: Message) => void {
  return (message) => {
    if (!work.accepting || message.author.bot || message.system) return;
    void work.run(() => handleMessage(message, bot));
  };
}

async function handleMessage(message: Message, bot: BotContext): Promise<void> {
  const client = message.client;
  const me = client.user.id;
  const inDm = !message.inGuild();
  const mentioned = message.mentions.users.has(me);
  const repliedToMe = message.reference?.messageId !== undefined && message.mentions.repliedUser?.id === me;
  const settings = message.guildId ? await bot.settings.get(message.guildId) : DEFAULT_GUILD_SETTINGS;
  const inAskChannel = !inDm && isInAskChannel(message, settings.askChannelId);
  if (!inDm && !mentioned && !repliedToMe && !inAskChannel) return;
  const via = inDm ? 'dm' : mentioned ? 'mention' : repliedToMe ? 'reply' : 'ask_channel';

  try {
    if (!inDm && !mentioned && arrivedWithoutContent(message)) {
      if (via === 'reply') {
        // A reply with the ping switched off arrives without its text (no Message Content
        // intent): it may well be meant for the people in the channel, so it is left alone.
        bot.logger.info({ event: 'unreadable_reply' });
      } else {
        if (bot.unreadableNotices.allow(message.channelId)) await replyToMessage(message, bot.engine.notice(ASK_CHANNEL_UNREADABLE));
        bot.logger.warn({ event: 'message_without_content', via, messageContentIntent: bot.messageContent });
      }
      return;
    }
    const question = message.content.replaceAll(new RegExp(`<@!?${me}>`, 'g'), ' ').trim();
    const key = conversationKey(message.channelId, message.author.id);
    const previous = previousExchange(message, bot, key);
    const reply = bot.engine.answer(question, previous, crisisOptions(settings));
    if (countsAsQuestion(reply, previous) && !bot.cooldown.take(message.author.id, cooldownSeconds(settings)).ok) {
      // Quietly: a reaction on the message, rather than a reply in the channel or a DM.
      const reacted = await react(message, COOLDOWN_REACTION);
      bot.logger.info({ event: 'cooldown', via, reacted });
      return;
    }
    // The conversation's memory first: the person's next message may arrive before the reply is confirmed.
    rememberAnswer(bot, reply, [], key);
    const sent = await replyToMessage(message, reply, answerComponents(bot, reply), bot.labels);
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
    // One line per failure: what went wrong, why, and whether the person was told.
    const failure = describeFailure(error);
    const text = failure.kind === 'missing_permissions' ? CANNOT_POST_TEXT : ERROR_TEXT;
    const notice = await tellPrivately(message, bot.engine.notice(text)).catch(
      (noticeError: unknown) => `not sent: ${describeFailure(noticeError).reason}`,
    );
    bot.logger[failure.level]({
      event: 'handler_failed',
      via,
      failure: failure.kind,
      reason: failure.reason,
      notice,
      ...(failure.kind === 'unexpected' && { err: error }),
    });
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
