/** /ask question:<text> [private:<bool>]: the engine's answer, with buttons to read on. The one command the cooldown holds back. */
import type { ChatInputCommandInteraction } from 'discord.js';
import { MAX_QUESTION_LENGTH } from '../../engine/engine.js';
import type { BotContext } from '../bot-context.js';
import { cooldownText, countsAsQuestion } from '../cooldown.js';
import { conversationKey, rememberAnswer } from '../remember.js';
import { respond } from '../respond.js';
import { readingCommand } from './everywhere.js';

export const data = readingCommand('ask', 'Ask a question; the answer is quoted from the article')
  .addStringOption((option) =>
    option.setName('question').setDescription('Your question about kratom and mental health').setRequired(true).setMaxLength(MAX_QUESTION_LENGTH),
  )
  .addBooleanOption((option) => option.setName('private').setDescription('Only you see the answer (default: no)'));

export async function execute(interaction: ChatInputCommandInteraction, bot: BotContext): Promise<void> {
  const reply = bot.engine.answer(interaction.options.getString('question', true));
  if (countsAsQuestion(reply)) {
    const wait = bot.cooldown.take(interaction.user.id);
    if (!wait.ok) {
      await respond(interaction, bot.engine.notice(cooldownText(wait.retryAfterMs)), { ephemeral: true });
      bot.logger.info({ event: 'cooldown', via: 'ask' });
      return;
    }
  }
  const ephemeral = interaction.options.getBoolean('private') ?? false;
  // A public answer is also the person's last exchange in the channel, for "@bot tell me more"
  // (remembered first: their next message may arrive before the reply is confirmed).
  if (!ephemeral) rememberAnswer(bot, reply, [], conversationKey(interaction.channelId, interaction.user.id));
  const sent = await respond(interaction, reply, { ephemeral, components: bot.buttons.buttonsFor(reply), labels: bot.labels });
  rememberAnswer(bot, reply, sent);
  bot.logger.info({ event: 'answer', via: 'ask', kind: reply.kind, quotes: reply.passages.length, private: ephemeral });
}
