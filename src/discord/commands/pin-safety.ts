/**
 * /pin-safety (moderators): posts and pins the safety summary here, replacing the bot's
 * earlier one. Defers first (privately), then checks the moderator's Pin Messages again, and
 * the bot's own permissions before doing anything, so nothing is left half done.
 */
import {
  ApplicationIntegrationType,
  InteractionContextType,
  MessageFlags,
  PermissionFlagsBits,
  type PermissionsBitField,
  SlashCommandBuilder,
  type ChatInputCommandInteraction,
} from 'discord.js';
import type { BotContext } from '../bot-context.js';
import { pinSummary } from '../pin-summary.js';
import { renderReply } from '../render.js';
import { respond } from '../respond.js';

export const data = new SlashCommandBuilder()
  .setName('pin-safety')
  .setDescription('Post and pin the safety summary in this channel (replaces the bot’s earlier one)')
  .setDefaultMemberPermissions(PermissionFlagsBits.PinMessages)
  .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
  .setContexts(InteractionContextType.Guild);

const P = PermissionFlagsBits;
/** What the bot needs, by the names Discord's settings use. */
const BOT_NEEDS: [bigint, string][] = [
  [P.ViewChannel, 'View Channel'],
  [P.SendMessages, 'Send Messages'],
  [P.EmbedLinks, 'Embed Links'],
  [P.ReadMessageHistory, 'Read Message History'],
  [P.PinMessages, 'Pin Messages'],
];

export async function execute(interaction: ChatInputCommandInteraction, bot: BotContext): Promise<void> {
  // Deferred first, privately: the checks below may call Discord (fetching the channel), and Discord
  // allows 3 s for the first response. Every notice then fills in the deferred reply.
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const notice = (text: string) => respond(interaction, bot.engine.notice(text), { ephemeral: true });
  if (!interaction.inGuild()) {
    await notice('/pin-safety works in a server channel.');
    return;
  }
  if (!interaction.memberPermissions?.has(P.PinMessages)) {
    await notice('Only members with the Pin Messages permission can use /pin-safety.');
    bot.logger.info({ event: 'pin_safety', outcome: 'member_lacks_permission' });
    return;
  }
  const channel = interaction.channel ?? (await interaction.client.channels.fetch(interaction.channelId));
  if (!channel?.isTextBased() || channel.isDMBased()) {
    await notice('/pin-safety works in a server text channel or thread.');
    return;
  }
  const missing = missingBotPermissions(interaction.appPermissions, channel.isThread());
  if (missing.length > 0) {
    await notice(
      `I can’t pin the safety summary here: I’m missing ${missing.join(', ')} in this channel. Ask an admin to grant ${missing.length === 1 ? 'it' : 'them'} to my role, then run /pin-safety again.`,
    );
    bot.logger.info({ event: 'pin_safety', outcome: 'bot_lacks_permission', missing });
    return;
  }

  const [summary, ...more] = renderReply(bot.engine.safetySummary(), [], bot.labels);
  if (!summary || more.length > 0) throw new Error('the safety summary must fit one message to be pinned');
  const outcome = await pinSummary(interaction.client, channel, summary);
  await notice(
    outcome === 'pinned' ? 'Pinned the safety summary in this channel.' : 'Updated the safety summary already pinned in this channel.',
  );
  bot.logger.info({ event: 'pin_safety', outcome });
}

export function missingBotPermissions(permissions: Readonly<PermissionsBitField>, inThread: boolean): string[] {
  return BOT_NEEDS.map(([flag, name]): [bigint, string] =>
    inThread && flag === P.SendMessages ? [P.SendMessagesInThreads, 'Send Messages in Threads'] : [flag, name],
  )
    .filter(([flag]) => !permissions.has(flag))
    .map(([, name]) => name);
}
