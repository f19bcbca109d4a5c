/**
 * "Ask Kratom Guide" (a message context-menu command): answers the message's text as /ask
 * would, privately to whoever used it, with a button to post the answer publicly as a reply
 * to that message. Discord sends the message's text with the interaction, so this needs no
 * Message Content intent.
 */
import {
  ApplicationCommandType,
  ApplicationIntegrationType,
  ButtonStyle,
  ComponentType,
  ContextMenuCommandBuilder,
  InteractionContextType,
  PermissionFlagsBits,
  type ButtonInteraction,
  type MessageContextMenuCommandInteraction,
} from 'discord.js';
import { MAX_QUESTION_LENGTH } from '../../engine/engine.js';
import { afterAnswer } from '../after-answer.js';
import type { BotContext } from '../bot-context.js';
import { answerComponents } from '../feedback.js';
import type { ActionRow } from '../render.js';
import { rememberAnswer } from '../remember.js';
import { replyToMessage, respond } from '../respond.js';
import { crisisOptions, settingsFor } from '../server-settings.js';

export const NAME = 'Ask Kratom Guide';
export const POST_PUBLICLY_LABEL = 'Post publicly as a reply';
export const NO_TEXT = 'That message has no text I can answer. Try /ask with your own words.';
export const EXPIRED = 'I no longer hold that answer (it was posted already, or I restarted). Use “Ask Kratom Guide” on the message again.';
export const CANNOT_SEND = 'You can’t send messages in this channel, so I won’t post there for you. The answer stays private to you.';
export const BOT_CANNOT_POST =
  'I couldn’t post in that channel (I may lack permission to send or read messages there). The answer stays private to you.';

export const data = new ContextMenuCommandBuilder()
  .setName(NAME)
  .setType(ApplicationCommandType.Message)
  .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM);

export async function execute(interaction: MessageContextMenuCommandInteraction, bot: BotContext): Promise<void> {
  const target = interaction.targetMessage;
  const question = target.content
    .replaceAll(/<@!?\d+>/g, ' ')
    .trim()
    .slice(0, MAX_QUESTION_LENGTH);
  if (question === '') {
    await respond(interaction, bot.engine.notice(NO_TEXT), { ephemeral: true });
    bot.logger.info({ event: 'answer', via: 'context_menu', kind: 'no_text' });
    return;
  }
  const settings = await settingsFor(bot, interaction.guildId);
  const reply = bot.engine.answer(question, undefined, crisisOptions(settings));
  const postId = bot.publicPosts.hold(interaction.id, { reply, channelId: interaction.channelId, targetMessageId: target.id });
  const sent = await respond(interaction, reply, { ephemeral: true, components: [postRow(postId), ...answerComponents(bot, reply)] });
  rememberAnswer(bot, reply, sent);
  bot.logger.info({ event: 'answer', via: 'context_menu', kind: reply.kind, quotes: reply.passages.length, private: true });
  // The message is public where it was written: a crisis in it alerts moderators about its author, linking to it.
  await afterAnswer(bot, {
    client: interaction.client,
    reply,
    via: 'context_menu',
    guildId: interaction.guildId,
    settings,
    channelId: interaction.channelId,
    userId: target.author.id,
    messageUrl: target.url,
    privateByChoice: false,
  });
}

/** "Post publicly": the held answer as a reply to the message, then a private confirmation with its link. */
export async function postPublicly(interaction: ButtonInteraction, bot: BotContext): Promise<void> {
  if (interaction.inGuild() && !interaction.memberPermissions.has(PermissionFlagsBits.SendMessages)) {
    await respond(interaction, bot.engine.notice(CANNOT_SEND), { ephemeral: true });
    return;
  }
  const held = bot.publicPosts.take(interaction.customId);
  if (!held) {
    await respond(interaction, bot.engine.notice(EXPIRED), { ephemeral: true });
    bot.logger.info({ event: 'public_post', outcome: 'expired' });
    return;
  }
  let sent;
  try {
    const channel = await interaction.client.channels.fetch(held.channelId);
    if (!channel?.isTextBased()) throw new Error('not a text channel');
    const target = await channel.messages.fetch(held.targetMessageId);
    sent = await replyToMessage(target, held.reply, answerComponents(bot, held.reply));
  } catch (error) {
    bot.logger.warn({ err: error, event: 'public_post', outcome: 'failed' });
    await respond(interaction, bot.engine.notice(BOT_CANNOT_POST), { ephemeral: true });
    return;
  }
  rememberAnswer(bot, held.reply, sent);
  await respond(interaction, bot.engine.notice(`Posted: ${sent[0]?.url ?? 'in the channel'}`), { ephemeral: true });
  bot.logger.info({ event: 'public_post', outcome: 'posted' });
}

function postRow(customId: string): ActionRow {
  return {
    type: ComponentType.ActionRow,
    components: [{ type: ComponentType.Button, style: ButtonStyle.Primary, custom_id: customId, label: POST_PUBLICLY_LABEL }],
  };
}
