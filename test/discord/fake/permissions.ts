import type { APIOverwrite } from 'discord-api-types/v10';
import { OverwriteType, PermissionFlagsBits } from 'discord.js';

export const ALL_PERMISSIONS: bigint = Object.values(PermissionFlagsBits).reduce((all, bit) => all | bit, 0n);

const P = PermissionFlagsBits;

/** Roughly Discord's default @everyone permissions for a new server. */
export const DEFAULT_EVERYONE_PERMISSIONS =
  P.ViewChannel |
  P.SendMessages |
  P.ReadMessageHistory |
  P.EmbedLinks |
  P.AttachFiles |
  P.AddReactions |
  P.UseExternalEmojis |
  P.UseApplicationCommands |
  P.CreatePublicThreads |
  P.SendMessagesInThreads |
  P.CreateInstantInvite |
  P.ChangeNickname |
  P.Connect |
  P.Speak;

export const DEFAULT_MODERATOR_PERMISSIONS =
  P.ManageGuild | P.ManageMessages | P.PinMessages | P.ManageThreads | P.KickMembers | P.ModerateMembers | P.MuteMembers;

/** The bot's own (managed) role. Pinning is included so the happy path works; tests revoke it. */
export const DEFAULT_BOT_PERMISSIONS =
  P.ViewChannel | P.SendMessages | P.ReadMessageHistory | P.EmbedLinks | P.AttachFiles | P.AddReactions | P.PinMessages;

/** What Discord reports as app_permissions in the bot's DM channel. */
export const DM_PERMISSIONS =
  P.ViewChannel |
  P.SendMessages |
  P.ReadMessageHistory |
  P.EmbedLinks |
  P.AttachFiles |
  P.AddReactions |
  P.UseExternalEmojis |
  P.UseApplicationCommands |
  P.MentionEveryone;

export interface PermissionSubject {
  userId: string;
  memberRoleIds: readonly string[];
}

export interface GuildPermissionModel {
  ownerId: string;
  everyoneRoleId: string;
  rolePermissions(roleId: string): bigint;
}

/** Discord's base permission algorithm: owner → all; @everyone | member roles; Administrator → all. */
export function basePermissions(guild: GuildPermissionModel, who: PermissionSubject): bigint {
  if (who.userId === guild.ownerId) return ALL_PERMISSIONS;
  let permissions = guild.rolePermissions(guild.everyoneRoleId);
  for (const roleId of who.memberRoleIds) permissions |= guild.rolePermissions(roleId);
  return permissions & P.Administrator ? ALL_PERMISSIONS : permissions;
}

/**
 * Discord's channel overwrite algorithm: @everyone overwrite, then all of the member's role
 * overwrites combined (deny first, then allow), then the member-specific overwrite.
 * Implicit rules: no ViewChannel → nothing; no SendMessages → no mention/tts/embeds/files.
 */
export function channelPermissions(guild: GuildPermissionModel, who: PermissionSubject, overwrites: readonly APIOverwrite[]): bigint {
  const base = basePermissions(guild, who);
  if (base & P.Administrator) return ALL_PERMISSIONS;

  const apply = (perms: bigint, allow: bigint, deny: bigint): bigint => (perms & ~deny) | allow;
  let perms = base;

  const everyone = overwrites.find((o) => o.id === guild.everyoneRoleId);
  if (everyone) perms = apply(perms, BigInt(everyone.allow), BigInt(everyone.deny));

  let roleAllow = 0n;
  let roleDeny = 0n;
  for (const overwrite of overwrites) {
    if (overwrite.type !== OverwriteType.Role || !who.memberRoleIds.includes(overwrite.id)) continue;
    roleAllow |= BigInt(overwrite.allow);
    roleDeny |= BigInt(overwrite.deny);
  }
  perms = apply(perms, roleAllow, roleDeny);

  const member = overwrites.find((o) => o.type === OverwriteType.Member && o.id === who.userId);
  if (member) perms = apply(perms, BigInt(member.allow), BigInt(member.deny));

  if (!(perms & P.ViewChannel)) return 0n;
  if (!(perms & P.SendMessages)) perms &= ~(P.MentionEveryone | P.SendTTSMessages | P.AttachFiles | P.EmbedLinks);
  return perms;
}

export const hasAll = (perms: bigint, required: bigint): boolean => (perms & required) === required;
