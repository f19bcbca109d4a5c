/** /help: what the bot does, where its answers come from, and what it stores. */
import type { ChatInputCommandInteraction } from 'discord.js';
import type { BotContext } from '../bot-context.js';
import { STORAGE_STATEMENT } from '../privacy.js';
import { respond } from '../respond.js';
import { readingCommand } from './everywhere.js';

export const data = readingCommand('help', 'What this bot does, where its answers come from, and what it stores');

export const MODERATORS_TEXT =
  'Moderators (Manage Server): /setup sets this server’s crisis lines, moderator alerts, an ask channel, and reply defaults.';

export async function execute(interaction: ChatInputCommandInteraction, bot: BotContext): Promise<void> {
  const help = bot.engine.help();
  await respond(
    interaction,
    { ...help, after: [...help.after, MODERATORS_TEXT, STORAGE_STATEMENT] },
    { ephemeral: true, labels: bot.labels },
  );
}
