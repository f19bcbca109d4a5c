/**
 * Moderator alerts: when a message in a server looks like a crisis, the server's alert
 * channel learns that a member may need support, where (channel and jump link) and when,
 * pinging only the configured role. The person's words are never copied, and nothing is sent
 * for DMs or private questions. At most one alert per person per 10 minutes: remembered in
 * this process's memory only (a restart forgets it; nothing about the person is stored).
 */
import { ButtonStyle, ComponentType, type APIButtonComponentWithCustomId, type Client, type MessageCreateOptions } from 'discord.js';
import type { AnswerEngine } from '../engine/engine.js';
import type { GuildSettings } from '../storage/guild-settings.js';
import type { OncePerWindow } from './once-per-window.js';
import { renderReply, type ActionRow } from './render.js';

export const ALERT_WINDOW_MS = 10 * 60_000;
export const TAKE_ALERT_ID = 'kg-alert:take';

export interface CrisisSeen {
  guildId: string;
  channelId: string;
  userId: string;
  /** A link to the message (the person's, or the bot's public answer); null when there is none to link. */
  messageUrl: string | null;
  at: Date;
}

export type AlertOutcome = 'sent' | 'no_alert_channel' | 'rate_limited' | 'channel_unusable';

export function alertText(seen: CrisisSeen): string {
  const unix = Math.floor(seen.at.getTime() / 1000);
  const where = seen.messageUrl
    ? `<#${seen.channelId}> ([jump to the message](${seen.messageUrl}))`
    : `<#${seen.channelId}> (the reply was private)`;
  return [
    '**A member may need support.** A message in this server looked like a crisis; I answered them with the crisis resources.',
    `Where: ${where}`,
    `When: <t:${unix}:f> (<t:${unix}:R>)`,
    'Their words are not copied here. Press **I’m on it** before reaching out, so two of you do not both.',
  ].join('\n');
}

export function takeButton(takenBy?: string): ActionRow {
  const button: APIButtonComponentWithCustomId = {
    type: ComponentType.Button,
    style: takenBy ? ButtonStyle.Secondary : ButtonStyle.Primary,
    custom_id: TAKE_ALERT_ID,
    label: takenBy ? `Taken by ${takenBy}`.slice(0, 80) : 'I’m on it',
    disabled: takenBy !== undefined,
  };
  return { type: ComponentType.ActionRow, components: [button] };
}

/** The alert message: the role's mention (the only ping) in the content, the alert and the note as embeds, the button. */
export function alertMessage(engine: AnswerEngine, seen: CrisisSeen, roleId: string | null): MessageCreateOptions {
  const [message] = renderReply(engine.notice(alertText(seen)), [takeButton()]);
  return {
    ...(roleId ? { content: `<@&${roleId}>` } : {}),
    embeds: message!.embeds,
    components: message!.components,
    allowedMentions: { parse: [], roles: roleId ? [roleId] : [] },
  };
}

export async function sendCrisisAlert(
  client: Client<true>,
  engine: AnswerEngine,
  limiter: OncePerWindow,
  settings: GuildSettings,
  seen: CrisisSeen,
): Promise<AlertOutcome> {
  if (!settings.alertChannelId) return 'no_alert_channel';
  const channel =
    client.channels.cache.get(settings.alertChannelId) ?? (await client.channels.fetch(settings.alertChannelId).catch(() => null));
  if (!channel?.isSendable() || channel.isDMBased()) return 'channel_unusable';
  if (!limiter.allow(`${seen.guildId}:${seen.userId}`)) return 'rate_limited';
  await channel.send(alertMessage(engine, seen, settings.alertRoleId));
  return 'sent';
}
