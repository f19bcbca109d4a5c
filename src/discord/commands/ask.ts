/** /ask question:<text> [private:<bool>]: the engine's answer, with buttons to read on. */
import type { ChatInputCommandInteraction } from 'discord.js';
import { MAX_QUESTION_LENGTH } from '../../engine/engine.js';
import { afterAnswer } from '../after-answer.js';
import type { BotContext } from '../bot-context.js';
import { answerComponents } from '../feedback.js';
import { rememberAnswer } from '../remember.js';
import { respond } from '../respond.js';
import { crisisOptions, settingsFor } from '../server-settings.js';
import { readingCommand } from './everywhere.js';

export const data = readingCommand('ask', 'Ask a question; the answer is quoted from the article')
  .addStringOption((option) =>
    option.setName('question').setDescription('Your question about kratom and mental health').setRequired(true).setMaxLength(MAX_QUESTION_LENGTH),
  )
  .addBooleanOption((option) => option.setName('private').setDescription('Only you see the answer (default: as the server chose; public unless set)'));

export const cooldown = true;

export async function execute(interaction: ChatInputCommandInteraction, bot: BotContext): Promise<void> {
  const settings = await settingsFor(bot, interaction.guildId);
  const reply = bot.engine.answer(interaction.options.getString('question', true), undefined, crisisOptions(settings));
  const chosen = interaction.options.getBoolean('private');
  const ephemeral = chosen ?? settings.privateReplies;
  const sent = await respond(interaction, reply, { ephemeral, components: answerComponents(bot, reply) });
  rememberAnswer(bot, reply, sent);
  bot.logger.info({ event: 'answer', via: 'ask', kind: reply.kind, quotes: reply.passages.length, private: ephemeral });
  await afterAnswer(bot, {
    client: interaction.client,
    reply,
    via: 'ask',
    guildId: interaction.guildId,
    settings,
    channelId: interaction.channelId,
    userId: interaction.user.id,
    messageUrl: ephemeral ? null : (sent[0]?.url ?? null),
    privateByChoice: chosen === true,
  });
}
