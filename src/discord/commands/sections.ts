/** /sections: the article's table of contents. */
import type { ChatInputCommandInteraction } from 'discord.js';
import type { BotContext } from '../bot-context.js';
import { respond } from '../respond.js';
import { readingCommand } from './everywhere.js';

export const data = readingCommand('sections', 'The table of contents of the article');

export async function execute(interaction: ChatInputCommandInteraction, bot: BotContext): Promise<void> {
  await respond(interaction, bot.engine.contents(), { ephemeral: true });
}
