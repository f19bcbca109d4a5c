/**
 * /setup crisis-resources shows the text as crisis replies will show it, with Save and Cancel.
 * The text travels in the preview itself (its embed), so saving needs no memory and works after
 * a restart; it is checked again, with the moderator's permission, when saved.
 */
import { ButtonStyle, ComponentType, MessageFlags, PermissionFlagsBits, type APIEmbed, type ButtonInteraction } from 'discord.js';
import type { BotContext } from '../bot-context.js';
import { renderReply, type ActionRow, type OutgoingMessage } from '../render.js';
import { checkCrisisText } from './crisis-resources-text.js';
import { describeChange, type Describing } from './describe.js';

export const PREVIEW_TITLE = 'Preview: crisis replies in this server will open with';
export const SAVE_CRISIS_TEXT_ID = 'kg-setup:crisis:save';
export const CANCEL_CRISIS_TEXT_ID = 'kg-setup:crisis:cancel';
const CRISIS_RED = 0xd83c3e;

export function isSetupButton(customId: string): boolean {
  return customId === SAVE_CRISIS_TEXT_ID || customId === CANCEL_CRISIS_TEXT_ID;
}

export function previewMessage(bot: BotContext, text: string): OutgoingMessage {
  const buttons: ActionRow = {
    type: ComponentType.ActionRow,
    components: [
      { type: ComponentType.Button, style: ButtonStyle.Success, custom_id: SAVE_CRISIS_TEXT_ID, label: 'Save' },
      { type: ComponentType.Button, style: ButtonStyle.Secondary, custom_id: CANCEL_CRISIS_TEXT_ID, label: 'Cancel' },
    ],
  };
  const preview: APIEmbed = { title: PREVIEW_TITLE, description: text, color: CRISIS_RED };
  const [notice] = renderReply(bot.engine.notice('Check the numbers and links, then **Save**. Nothing changes until you do.'), [buttons]);
  return { embeds: [preview, ...notice!.embeds], components: notice!.components };
}

export async function handleSetupButton(interaction: ButtonInteraction, bot: BotContext, describing: Describing): Promise<void> {
  const finish = (text: string) => {
    const [message] = renderReply(bot.engine.notice(text));
    return interaction.update({ embeds: message!.embeds, components: [] });
  };
  if (!interaction.inGuild() || !interaction.memberPermissions.has(PermissionFlagsBits.ManageGuild)) {
    await interaction.reply({
      ...renderReply(bot.engine.notice('Only members with the Manage Server permission can change my settings.'))[0]!,
      flags: MessageFlags.Ephemeral,
    });
    return;
  }
  if (interaction.customId === CANCEL_CRISIS_TEXT_ID) {
    await finish('Cancelled: the crisis resources are unchanged.');
    bot.logger.info({ event: 'setup', subcommand: 'crisis-resources', outcome: 'cancelled' });
    return;
  }
  const previewed = interaction.message.embeds.find((embed) => embed.title === PREVIEW_TITLE)?.description ?? '';
  const checked = checkCrisisText(previewed);
  if (!checked.ok) {
    await finish(`Not saved: ${checked.problems.join(' ')}`);
    return;
  }
  const { before, after } = await bot.settings.update(interaction.guildId, { crisisText: checked.text });
  await finish(describeChange(before, after, describing));
  bot.logger.info({ event: 'setup', subcommand: 'crisis-resources', outcome: 'saved' });
}
