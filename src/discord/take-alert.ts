/**
 * "I'm on it" on a crisis alert: marks who took it, in the alert itself, and disables the
 * button so a second moderator sees it is handled. The first click wins.
 */
import { MessageFlags, type APIEmbed, type ButtonInteraction } from 'discord.js';
import type { BotContext } from './bot-context.js';
import { takeButton } from './crisis-alerts.js';
import { renderReply } from './render.js';

export async function takeAlert(interaction: ButtonInteraction, bot: BotContext): Promise<void> {
  const alreadyDisabled = interaction.message.components.some((row) => JSON.stringify(row.toJSON()).includes('"disabled":true'));
  if (alreadyDisabled || !bot.alertTakes.allow(interaction.message.id)) {
    const [notice] = renderReply(bot.engine.notice('Someone already took this alert.'));
    await interaction.reply({ ...notice!, flags: MessageFlags.Ephemeral });
    bot.logger.info({ event: 'alert_take', outcome: 'already_taken' });
    return;
  }
  const name = interaction.member && 'displayName' in interaction.member ? interaction.member.displayName : interaction.user.username;
  const unix = Math.floor(Date.now() / 1000);
  const [first, ...rest] = interaction.message.embeds.map((embed) => embed.toJSON());
  const marked: APIEmbed = {
    ...first,
    description: `${first?.description ?? ''}\n\n✋ <@${interaction.user.id}> is on it (since <t:${unix}:t>).`,
  };
  await interaction.update({ embeds: [marked, ...rest], components: [takeButton(name)], allowedMentions: { parse: [] } });
  bot.logger.info({ event: 'alert_take', outcome: 'taken' });
}
