/**
 * Conversation: a message that mentions the bot, replies to one of its answers, or comes in a
 * DM is answered like /ask, as a reply. Follow-ups use the previous exchange: the answer
 * replied to (from memory, or from its own "more" button after a restart), or the person's
 * last exchange in the thread or DM. The question itself is never logged.
 */
import { Events, type Message } from 'discord.js';
import type { ConversationContext } from '../../engine/reply.js';
import type { BotContext } from '../bot-context.js';
import { cooldownText } from '../cooldown.js';
import { describeFailure } from '../failure.js';
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
  const client = message.client;
  const me = client.user.id;
  const inDm = !message.inGuild();
  const mentioned = message.mentions.users.has(me);
  const repliedToMe = message.reference?.messageId !== undefined && message.mentions.repliedUser?.id === me;
  if (!inDm && !mentioned && !repliedToMe) return;
  const via = inDm ? 'dm' : mentioned ? 'mention' : 'reply';

  try {
    const wait = bot.cooldown.take(message.author.id);
    if (!wait.ok) {
      const notice = wait.firstRefusal
        ? await tellPrivately(message, bot.engine.notice(cooldownText(wait.retryAfterMs))).catch((error: unknown) => `not sent: ${describeFailure(error).reason}`)
        : 'told already';
      bot.logger.info({ event: 'cooldown', via, notice });
      return;
    }
    if (!inDm && !mentioned && message.content === '') {
      await replyToMessage(message, bot.engine.notice(UNREADABLE_TEXT));
      return;
    }
    const question = message.content.replaceAll(new RegExp(`<@!?${me}>`, 'g'), ' ').trim();
    const key = inDm || message.channel.isThread() ? conversationKey(message.channelId, message.author.id) : undefined;
    const reply = bot.engine.answer(question, previousExchange(message, bot, key));
    // The conversation's memory first: the person's next message may arrive before the reply is confirmed.
    rememberAnswer(bot, reply, [], key);
    const sent = await replyToMessage(message, reply, bot.buttons.buttonsFor(reply));
    rememberAnswer(bot, reply, sent);
    bot.logger.info({ event: 'answer', via, kind: reply.kind, quotes: reply.passages.length });
  } catch (error) {
    // One line per failure: what went wrong, why, and whether the person was told.
    const failure = describeFailure(error);
    const text = failure.kind === 'missing_permissions' ? CANNOT_POST_TEXT : ERROR_TEXT;
    const notice = await tellPrivately(message, bot.engine.notice(text)).catch((noticeError: unknown) => `not sent: ${describeFailure(noticeError).reason}`);
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
