/** /help: what the bot does and where its answers come from. */
import type { ChatInputCommandInteraction } from 'discord.js';
import type { BotContext } from '../bot-context.js';
import { respond } from '../respond.js';
import { readingCommand } from './everywhere.js';

export const data = readingCommand('help', 'What this bot does and where its answers come from');

export async function execute(interaction: ChatInputCommandInteraction, bot: BotContext): Promise<void> {
  await respond(interaction, bot.engine.help(), { ephemeral: true });
}
