/** Server settings in words: for /setup show, and for "what changed" after each change. */
import type { GuildSettings } from '../../storage/guild-settings.js';

export interface Describing {
  /** The deployment's cooldown (COOLDOWN_SECONDS), used when the server has none of its own. */
  defaultCooldownSeconds: number;
  messageContent: boolean;
}

const seconds = (n: number): string => `${n} second${n === 1 ? '' : 's'}`;

export function crisisTextLabel(settings: GuildSettings): string {
  return settings.crisisText === null ? 'the built-in default' : 'this server’s own text';
}

export function alertsLabel(settings: GuildSettings): string {
  if (!settings.alertChannelId) return 'off';
  return `in <#${settings.alertChannelId}>, ${settings.alertRoleId ? `pinging <@&${settings.alertRoleId}>` : 'pinging no one'}`;
}

export function askChannelLabel(settings: GuildSettings): string {
  return settings.askChannelId ? `<#${settings.askChannelId}>` : 'none (mention me or use /ask)';
}

export function visibilityLabel(settings: GuildSettings): string {
  return settings.privateReplies ? 'private (only the person who asked sees /ask answers)' : 'public';
}

export function cooldownLabel(settings: GuildSettings, describing: Describing): string {
  return settings.cooldownSeconds === null
    ? `${seconds(describing.defaultCooldownSeconds)} (the bot’s default)`
    : settings.cooldownSeconds === 0
      ? 'off'
      : seconds(settings.cooldownSeconds);
}

/** One line per setting that differs between before and after: "X: now A (was B)". */
export function describeChange(before: GuildSettings, after: GuildSettings, describing: Describing): string {
  const labels: [string, (s: GuildSettings) => string][] = [
    ['Crisis resources', crisisTextLabel],
    ['Alerts', alertsLabel],
    ['Ask channel', askChannelLabel],
    ['Answers', visibilityLabel],
    ['Cooldown', (s) => cooldownLabel(s, describing)],
  ];
  const lines = labels
    .filter(([, label]) => label(before) !== label(after))
    .map(([name, label]) => `**${name}**: now ${label(after)} (was ${label(before)}).`);
  if (before.crisisText !== null && after.crisisText !== null && before.crisisText !== after.crisisText) {
    lines.unshift('**Crisis resources**: now the new text (was this server’s earlier text).');
  }
  return lines.length > 0 ? `Changed:\n${lines.join('\n')}` : 'Nothing changed: that is already the setting.';
}

export function describeSettings(settings: GuildSettings, describing: Describing, counts: Record<string, number>): string[] {
  const intent = describing.messageContent
    ? ''
    : ' ⚠️ The Message Content intent is off, so I cannot read messages there that do not mention me: see below.';
  const countLine =
    Object.keys(counts).length === 0
      ? 'Last 7 days: nothing counted yet.'
      : `Last 7 days: ${Object.entries(counts)
          .sort()
          .map(([kind, n]) => `${n} ${kind.replace('_', ' ')}`)
          .join(', ')}.`;
  return [
    [
      `**Crisis resources**: ${crisisTextLabel(settings)}${settings.crisisText ? `\n> ${settings.crisisText.replaceAll('\n', '\n> ')}` : ''}`,
      `**Alerts**: ${alertsLabel(settings)}`,
      `**Ask channel**: ${askChannelLabel(settings)}${settings.askChannelId ? intent : ''}`,
      `**Answers**: ${visibilityLabel(settings)}`,
      `**Cooldown**: ${cooldownLabel(settings, describing)}`,
    ].join('\n'),
    countLine,
  ];
}
