/** /ask question:<text> [private:<bool>]: the engine's answer, with buttons to read on. The one command the cooldown holds back. */
import type { ChatInputCommandInteraction } from 'discord.js';
import { MAX_QUESTION_LENGTH } from '../../engine/engine.js';
import { afterAnswer } from '../after-answer.js';
import type { BotContext } from '../bot-context.js';
import { cooldownText, countsAsQuestion } from '../cooldown.js';
import { answerComponents } from '../feedback.js';
import { conversationKey, rememberAnswer } from '../remember.js';
import { respond } from '../respond.js';
import { cooldownSeconds, crisisOptions, settingsFor } from '../server-settings.js';
import { readingCommand } from './everywhere.js';

export const data = readingCommand('ask', 'Ask a question; the answer is quoted from the article')
  .addStringOption((option) =>
    option
      .setName('question')
      .setDescription('Your question about kratom and mental health')
      .setRequired(true)
      .setMaxLength(MAX_QUESTION_LENGTH),
  )
  .addBooleanOption((option) =>
    option.setName('private').setDescription('Only you see the answer (default: as the server chose; public unless set)'),
  );

export async function execute(interaction: ChatInputCommandInteraction, bot: BotContext): Promise<void> {
  const settings = await settingsFor(bot, interaction.guildId);
  const reply = bot.engine.answer(interaction.options.getString('question', true), undefined, crisisOptions(settings));
  if (countsAsQuestion(reply)) {
    const wait = bot.cooldown.take(interaction.user.id, cooldownSeconds(settings));
    if (!wait.ok) {
      await respond(interaction, bot.engine.notice(cooldownText(wait.retryAfterMs)), { ephemeral: true });
      bot.logger.info({ event: 'cooldown', via: 'ask' });
      return;
    }
  }
  const chosen = interaction.options.getBoolean('private');
  const ephemeral = chosen ?? settings.privateReplies;
  // A public answer is also the person's last exchange in the channel, for "@bot tell me more"
  // (remembered first: their next message may arrive before the reply is confirmed).
  if (!ephemeral) rememberAnswer(bot, reply, [], conversationKey(interaction.channelId, interaction.user.id));
  const sent = await respond(interaction, reply, { ephemeral, components: answerComponents(bot, reply), labels: bot.labels });
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
