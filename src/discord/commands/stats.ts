/**
 * /stats [days:7|30] (Manage Server, checked again when run): what this server asked in the
 * last days, as a chart image and the same figures as text (for screen readers). Private to
 * the moderator who asked.
 */
import {
  ApplicationIntegrationType,
  AttachmentBuilder,
  InteractionContextType,
  MessageFlags,
  PermissionFlagsBits,
  SlashCommandBuilder,
  type ChatInputCommandInteraction,
} from 'discord.js';
import { loadReport } from '../../stats/load-report.js';
import { REPORT_PERIODS, reportText } from '../../stats/report.js';
import { loadTopicLabels } from '../../stats/topic-labels.js';
import type { BotContext } from '../bot-context.js';
import { renderReply } from '../render.js';
import { respond } from '../respond.js';

export const CHART_FILE = 'kratom-guide-stats.png';
export const NOT_A_MODERATOR = 'Only members with the Manage Server permission can use /stats.';

export const data = new SlashCommandBuilder()
  .setName('stats')
  .setDescription('What this server asked lately, and what the article lacks (moderators)')
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
  .setContexts(InteractionContextType.Guild)
  .addIntegerOption((option) =>
    option
      .setName('days')
      .setDescription('How many days back (default 7)')
      .addChoices(...REPORT_PERIODS.map((days) => ({ name: `last ${days} days`, value: days }))),
  );

export const cooldown = false;

let topicLabels: Map<string, string> | undefined;

export async function execute(interaction: ChatInputCommandInteraction, bot: BotContext): Promise<void> {
  if (!interaction.inCachedGuild()) {
    await respond(interaction, bot.engine.notice('/stats works in a server.'), { ephemeral: true });
    return;
  }
  if (!interaction.memberPermissions.has(PermissionFlagsBits.ManageGuild)) {
    await respond(interaction, bot.engine.notice(NOT_A_MODERATOR), { ephemeral: true });
    bot.logger.info({ event: 'stats', outcome: 'member_lacks_permission' });
    return;
  }
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  await Promise.all([bot.stats.flush(), bot.usage.flush()]);
  topicLabels ??= loadTopicLabels();
  const report = await loadReport(bot.stats.database, {
    guildId: interaction.guildId,
    days: interaction.options.getInteger('days') ?? 7,
    scope: 'this server',
    engine: bot.engine,
    topicLabels,
  });
  // Vega and resvg load on the first /stats, not at every start-up.
  const { chartPng } = await import('../../stats/chart.js');
  const png = await chartPng(report);
  const [first, ...rest] = renderReply(bot.engine.notice(reportText(report)));
  await interaction.editReply({
    ...first!,
    files: [new AttachmentBuilder(png, { name: CHART_FILE, description: 'Bar charts of the figures written in this message' })],
  });
  for (const message of rest) await interaction.followUp({ ...message, flags: MessageFlags.Ephemeral });
  bot.logger.info({ event: 'stats', outcome: 'shown', days: report.days });
}
