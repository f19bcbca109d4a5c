/**
 * /safety: the safety summary, verbatim sentences with their section titles, to the person who
 * asked only; /pin-safety is how a moderator posts it for everyone.
 */
import type { ChatInputCommandInteraction } from 'discord.js';
import type { BotContext } from '../bot-context.js';
import { respond } from '../respond.js';
import { readingCommand } from './everywhere.js';

export const data = readingCommand('safety', 'Safety summary: the article’s key cautions, word for word (only you see it)');

export async function execute(interaction: ChatInputCommandInteraction, bot: BotContext): Promise<void> {
  await respond(interaction, bot.engine.safetySummary(), { ephemeral: true, labels: bot.labels });
}
