/** /section name:<autocomplete>: a whole section or sub-section, verbatim. */
import type { AutocompleteInteraction, ChatInputCommandInteraction } from 'discord.js';
import type { BotContext } from '../bot-context.js';
import { rememberAnswer } from '../remember.js';
import { respond } from '../respond.js';
import { readingCommand } from './everywhere.js';

export const data = readingCommand('section', 'Read a section of the article, word for word').addStringOption((option) =>
  option.setName('name').setDescription('Section title (start typing for suggestions)').setRequired(true).setAutocomplete(true).setMaxLength(200),
);

export async function execute(interaction: ChatInputCommandInteraction, bot: BotContext): Promise<void> {
  const reply = bot.engine.section(interaction.options.getString('name', true));
  const sent = await respond(interaction, reply, { ephemeral: reply.kind === 'notice', labels: bot.labels });
  rememberAnswer(bot, reply, sent);
  bot.logger.info({ event: 'section', found: reply.kind === 'section', quotes: reply.passages.length });
}

export async function autocomplete(interaction: AutocompleteInteraction, bot: BotContext): Promise<void> {
  await interaction.respond(bot.engine.sectionChoices(interaction.options.getFocused()));
}
