/**
 * /setup (Manage Server): each server configures the bot for itself. Subcommands:
 * crisis-resources (previewed, then saved), alerts, ask-channel, replies, show. The
 * moderator's permission is checked again when run; every change answers with what changed.
 */
import {
  ApplicationIntegrationType,
  ChannelType,
  InteractionContextType,
  MessageFlags,
  PermissionFlagsBits,
  SlashCommandBuilder,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type GuildBasedChannel,
} from 'discord.js';
import type { BotContext } from '../bot-context.js';
import { TURN_ON_MESSAGE_CONTENT } from '../message-content.js';
import { STORAGE_STATEMENT } from '../privacy.js';
import { respond } from '../respond.js';
import { CRISIS_TEXT_MAX, CRISIS_TEXT_SUGGESTIONS, checkCrisisText } from '../setup/crisis-resources-text.js';
import { previewMessage } from '../setup/crisis-preview.js';
import { describeChange, describeSettings, type Describing } from '../setup/describe.js';

const P = PermissionFlagsBits;
export const MAX_COOLDOWN_SECONDS = 3600;

export const data = new SlashCommandBuilder()
  .setName('setup')
  .setDescription('Set the bot up for this server (moderators)')
  .setDefaultMemberPermissions(P.ManageGuild)
  .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
  .setContexts(InteractionContextType.Guild)
  .addSubcommand((sub) =>
    sub
      .setName('crisis-resources')
      .setDescription('The text crisis replies here open with: your country’s emergency number and crisis lines')
      .addStringOption((option) =>
        option
          .setName('text')
          .setDescription('Emergency number, crisis lines (a phone number or https link); you see a preview first')
          .setMaxLength(CRISIS_TEXT_MAX)
          .setAutocomplete(true),
      )
      .addBooleanOption((option) => option.setName('reset').setDescription('Go back to the built-in default text')),
  )
  .addSubcommand((sub) =>
    sub
      .setName('alerts')
      .setDescription('Where moderators are told when a message here looks like a crisis')
      .addChannelOption((option) =>
        option
          .setName('channel')
          .setDescription('The alert channel (moderators only, ideally)')
          .addChannelTypes(ChannelType.GuildText, ChannelType.GuildAnnouncement),
      )
      .addRoleOption((option) => option.setName('role').setDescription('The one role an alert pings (optional)'))
      .addBooleanOption((option) => option.setName('off').setDescription('Turn alerts off')),
  )
  .addSubcommand((sub) =>
    sub
      .setName('ask-channel')
      .setDescription('A channel (text or forum) where every new message or post is answered without a mention')
      .addChannelOption((option) =>
        option.setName('channel').setDescription('The ask channel').addChannelTypes(ChannelType.GuildText, ChannelType.GuildForum),
      )
      .addBooleanOption((option) => option.setName('off').setDescription('No ask channel: answer only mentions, replies and /ask')),
  )
  .addSubcommand((sub) =>
    sub
      .setName('replies')
      .setDescription('Whether /ask answers are public or private by default, and the wait between questions')
      .addStringOption((option) =>
        option
          .setName('visibility')
          .setDescription('Default for /ask (people can still choose)')
          .addChoices({ name: 'public', value: 'public' }, { name: 'private', value: 'private' }),
      )
      .addIntegerOption((option) =>
        option
          .setName('cooldown')
          .setDescription('Seconds each person waits between questions (0 = off)')
          .setMinValue(0)
          .setMaxValue(MAX_COOLDOWN_SECONDS),
      ),
  )
  .addSubcommand((sub) => sub.setName('show').setDescription('The current settings'));

export async function execute(interaction: ChatInputCommandInteraction, bot: BotContext): Promise<void> {
  const tell = (text: string) => respond(interaction, bot.engine.notice(text), { ephemeral: true });
  if (!interaction.inCachedGuild()) {
    await tell('/setup works in a server.');
    return;
  }
  if (!interaction.memberPermissions.has(P.ManageGuild)) {
    await tell('Only members with the Manage Server permission can use /setup.');
    bot.logger.info({ event: 'setup', outcome: 'member_lacks_permission' });
    return;
  }
  const subcommand = interaction.options.getSubcommand(true);
  const describing: Describing = { defaultCooldownSeconds: bot.cooldown.seconds, messageContent: bot.messageContent };
  const change = async (patch: Parameters<BotContext['settings']['update']>[1], extra: string[] = []) => {
    const { before, after } = await bot.settings.update(interaction.guildId, patch);
    await tell([describeChange(before, after, describing), ...extra].join('\n\n'));
    bot.logger.info({ event: 'setup', subcommand, outcome: 'changed' });
  };

  switch (subcommand) {
    case 'crisis-resources': {
      const text = interaction.options.getString('text');
      if (interaction.options.getBoolean('reset')) {
        await change({ crisisText: null });
        return;
      }
      if (text === null) {
        await tell(
          'Give the text with `text:` (you will see a preview before anything is saved), or `reset:True` to go back to the default.',
        );
        return;
      }
      const checked = checkCrisisText(text);
      if (!checked.ok) {
        await tell(`Not saved: ${checked.problems.join(' ')}`);
        return;
      }
      await interaction.reply({ ...previewMessage(bot, checked.text), flags: MessageFlags.Ephemeral });
      return;
    }
    case 'alerts': {
      if (interaction.options.getBoolean('off')) {
        await change({ alertChannelId: null, alertRoleId: null });
        return;
      }
      const channel: GuildBasedChannel | null = interaction.options.getChannel('channel');
      if (!channel) {
        await tell('Choose the alert channel with `channel:` (and optionally `role:`), or `off:True`.');
        return;
      }
      const missing = missingBotPermissions(channel, [
        [P.ViewChannel, 'View Channel'],
        [P.SendMessages, 'Send Messages'],
        [P.EmbedLinks, 'Embed Links'],
      ]);
      if (missing.length > 0) {
        await tell(`Not changed: I’m missing ${missing.join(', ')} in <#${channel.id}>, so I could not post alerts there.`);
        return;
      }
      const role = interaction.options.getRole('role');
      if (role?.id === interaction.guildId) {
        await tell('Not changed: alerts never ping @everyone. Choose a moderator role, or none.');
        return;
      }
      const extra =
        role && !role.mentionable && missingBotPermissions(channel, [[P.MentionEveryone, 'Mention All Roles']]).length > 0
          ? [
              `Note: <@&${role.id}> is not mentionable and I lack “Mention @everyone, @here and All Roles” there, so alerts will name it without pinging. Make the role mentionable, or grant me that permission in <#${channel.id}>.`,
            ]
          : [];
      await change({ alertChannelId: channel.id, alertRoleId: role?.id ?? null }, extra);
      return;
    }
    case 'ask-channel': {
      if (interaction.options.getBoolean('off')) {
        await change({ askChannelId: null });
        return;
      }
      const channel: GuildBasedChannel | null = interaction.options.getChannel('channel');
      if (!channel) {
        await tell('Choose the ask channel with `channel:` (a text or forum channel), or `off:True`.');
        return;
      }
      const forum = channel.type === ChannelType.GuildForum;
      const missing = missingBotPermissions(channel, [
        [P.ViewChannel, 'View Channel'],
        forum ? [P.SendMessagesInThreads, 'Send Messages in Posts'] : [P.SendMessages, 'Send Messages'],
        [P.EmbedLinks, 'Embed Links'],
        [P.ReadMessageHistory, 'Read Message History'],
      ]);
      if (missing.length > 0) {
        await tell(`Not changed: I’m missing ${missing.join(', ')} in <#${channel.id}>, so I could not answer there.`);
        return;
      }
      await change({ askChannelId: channel.id }, bot.messageContent ? [] : [`⚠️ ${TURN_ON_MESSAGE_CONTENT}`]);
      return;
    }
    case 'replies': {
      const visibility = interaction.options.getString('visibility');
      const seconds = interaction.options.getInteger('cooldown');
      if (visibility === null && seconds === null) {
        await tell('Give `visibility:` (public or private) and/or `cooldown:` (seconds, 0 = off).');
        return;
      }
      await change({
        ...(visibility !== null && { privateReplies: visibility === 'private' }),
        ...(seconds !== null && { cooldownSeconds: seconds }),
      });
      return;
    }
    case 'show': {
      const settings = await bot.settings.get(interaction.guildId);
      const since = new Date(Date.now() - 6 * 86_400_000).toISOString().slice(0, 10);
      await bot.usage.flush().catch(() => undefined);
      const counts = await bot.usage.totals(interaction.guildId, since);
      const warning = settings.askChannelId && !bot.messageContent ? [`⚠️ ${TURN_ON_MESSAGE_CONTENT}`] : [];
      const reply = bot.engine.notice('Settings for this server:');
      await respond(
        interaction,
        { ...reply, after: [...describeSettings(settings, describing, counts), ...warning, STORAGE_STATEMENT] },
        { ephemeral: true },
      );
      bot.logger.info({ event: 'setup', subcommand, outcome: 'shown' });
      return;
    }
    default:
      await tell('I don’t know that part of /setup. Try /setup show.');
  }
}

export async function autocomplete(interaction: AutocompleteInteraction): Promise<void> {
  const typed = interaction.options.getFocused().trim().toLowerCase();
  const matching = CRISIS_TEXT_SUGGESTIONS.filter((text) => typed === '' || text.toLowerCase().includes(typed));
  await interaction.respond(matching.slice(0, 25).map((text) => ({ name: text.slice(0, 100), value: text.slice(0, 100) })));
}

function missingBotPermissions(channel: GuildBasedChannel, needed: [bigint, string][]): string[] {
  const me = channel.guild.members.me;
  const permissions = me ? channel.permissionsFor(me) : null;
  return needed.filter(([flag]) => !permissions?.has(flag)).map(([, name]) => name);
}
