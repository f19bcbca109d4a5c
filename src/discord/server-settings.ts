/** A server's settings where a handler needs them; DMs get the defaults. */
import { DEFAULT_GUILD_SETTINGS, type GuildSettings } from '../storage/guild-settings.js';
import type { BotContext } from './bot-context.js';

export function settingsFor(bot: BotContext, guildId: string | null): Promise<GuildSettings> {
  return guildId ? bot.settings.get(guildId) : Promise.resolve(DEFAULT_GUILD_SETTINGS);
}

/** The engine's option for this server's crisis text, when it has its own. */
export function crisisOptions(settings: GuildSettings): { crisisText: string } | undefined {
  return settings.crisisText ? { crisisText: settings.crisisText } : undefined;
}

/** This server's cooldown, or undefined for the deployment's. */
export function cooldownSeconds(settings: GuildSettings): number | undefined {
  return settings.cooldownSeconds ?? undefined;
}
