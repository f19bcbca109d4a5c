/** /section name:<autocomplete>: a whole section or sub-section, verbatim. */
import type { AutocompleteInteraction, ChatInputCommandInteraction } from 'discord.js';
import type { SectionChoice } from '../../engine/engine.js';
import type { BotContext } from '../bot-context.js';
import { rememberAnswer } from '../remember.js';
import { respond } from '../respond.js';
import { readingCommand } from './everywhere.js';

export const data = readingCommand('section', 'Read a section of the article, word for word').addStringOption((option) =>
  option
    .setName('name')
    .setDescription('Section title (start typing for suggestions)')
    .setRequired(true)
    .setAutocomplete(true)
    .setMaxLength(200),
);

export async function execute(interaction: ChatInputCommandInteraction, bot: BotContext): Promise<void> {
  const reply = bot.engine.section(interaction.options.getString('name', true));
  const sent = await respond(interaction, reply, { ephemeral: reply.kind === 'notice', labels: bot.labels });
  rememberAnswer(bot, reply, sent);
  bot.logger.info({ event: 'section', found: reply.kind === 'section', quotes: reply.passages.length });
}

export async function autocomplete(interaction: AutocompleteInteraction, bot: BotContext): Promise<void> {
  await interaction.respond(withinDiscordLimits(bot.engine.sectionChoices(interaction.options.getFocused())));
}

/** Discord takes at most 25 choices, each name and value at most 100 characters. */
export const MAX_CHOICES = 25;
export const MAX_CHOICE_LENGTH = 100;

/** Choices cut to Discord's limits; a key too long for a value is replaced by the (cut) title, which the fuzzy lookup finds. */
export function withinDiscordLimits(choices: SectionChoice[]): SectionChoice[] {
  const cut = (text: string): string => (text.length <= MAX_CHOICE_LENGTH ? text : `${text.slice(0, MAX_CHOICE_LENGTH - 1)}…`);
  return choices
    .slice(0, MAX_CHOICES)
    .map((choice) => ({ name: cut(choice.name), value: choice.value.length <= MAX_CHOICE_LENGTH ? choice.value : cut(choice.name) }));
}
