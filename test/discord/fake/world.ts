/**
 * The fake's "Discord side" state: one guild with roles, channels and members (and, for
 * sharding, other guilds with a #general each: @everyone, the bot's role, the same people), DM
 * channels, stored messages, pins and registered application commands, plus permission computation.
 */
import type {
  APIApplicationCommand,
  APIDMChannel,
  APIGuild,
  APIGuildMember,
  APIMessage,
  APIOverwrite,
  APIRole,
  APITextChannel,
  APIUser,
  GatewayGuildCreateDispatchData,
  GuildMemberFlags,
  RoleFlags,
} from 'discord-api-types/v10';
import {
  ChannelType,
  GuildDefaultMessageNotifications,
  GuildExplicitContentFilter,
  GuildMFALevel,
  GuildNSFWLevel,
  GuildPremiumTier,
  type GuildSystemChannelFlags,
  GuildVerificationLevel,
  Locale,
  OverwriteType,
  PermissionFlagsBits,
} from 'discord.js';
import {
  ALL_PERMISSIONS,
  DEFAULT_EVERYONE_PERMISSIONS,
  DEFAULT_MODERATOR_PERMISSIONS,
  DM_PERMISSIONS,
  channelPermissions,
  type GuildPermissionModel,
} from './permissions.js';
import { nextSnowflake } from './snowflake.js';

/** The scripted humans of the fake guild. */
export type UserKey = 'member' | 'moderator' | 'owner';

export interface FakeIds {
  application: string;
  botUser: string;
  guild: string;
  users: Record<UserKey, string>;
  roles: { everyone: string; moderator: string; bot: string };
  /** general: open; modOnly: only Moderator (and the bot role) can view; readOnly: @everyone cannot send; questions: open, for an ask channel; forum: a forum channel (posts are threads). */
  channels: { general: string; modOnly: string; readOnly: string; questions: string; forum: string };
  /** Further guilds (option `guilds`), each with an open #general; their ids follow the first's by 1 ms each, so shards split them. */
  otherGuilds: Array<{ guild: string; general: string; botRole: string }>;
}

interface MemberState {
  userId: string;
  roles: string[];
  joinedAt: string;
}

export interface PinRecord {
  messageId: string;
  pinnedAt: string;
}

export type ChannelLookup = { kind: 'guild'; channel: APITextChannel } | { kind: 'dm'; channel: APIDMChannel };

export interface WorldOptions {
  botUsername: string;
  botPermissions: bigint;
  guildName: string;
  /** How many guilds the bot is in (default 1). */
  guilds?: number;
}

const P = PermissionFlagsBits;

function makeUser(id: string, username: string, bot = false): APIUser {
  return { id, username, discriminator: bot ? '0001' : '0', global_name: bot ? null : username, avatar: null, bot };
}

function makeRole(id: string, name: string, position: number, permissions: bigint, extra: Partial<APIRole> = {}): APIRole {
  return {
    id,
    name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position,
    permissions: permissions.toString(),
    managed: false,
    mentionable: false,
    flags: 0 as RoleFlags,
    ...extra,
  };
}

function overwrite(id: string, type: OverwriteType, allow: bigint, deny: bigint): APIOverwrite {
  return { id, type, allow: allow.toString(), deny: deny.toString() };
}

export class FakeWorld implements GuildPermissionModel {
  readonly ids: FakeIds;
  readonly users = new Map<string, APIUser>();
  readonly roles = new Map<string, APIRole>();
  readonly channels = new Map<string, APITextChannel>();
  readonly dmChannels = new Map<string, APIDMChannel>();
  /** Active threads (forum posts), by id. */
  readonly threads = new Map<string, APITextChannel>();
  readonly globalCommands = new Map<string, APIApplicationCommand>();
  readonly guildCommands = new Map<string, Map<string, APIApplicationCommand>>();
  private readonly members = new Map<string, MemberState>();
  /** Member roles in the other guilds: guild id → user id → role ids. */
  private readonly otherMembers = new Map<string, Map<string, string[]>>();
  /** Roles of each guild, in position order. */
  private readonly guildRoles = new Map<string, string[]>();
  private readonly dmByUser = new Map<string, string>();
  private readonly channelMessages = new Map<string, APIMessage[]>();
  private readonly pinRecords = new Map<string, PinRecord[]>();
  private readonly guildName: string;

  constructor(options: WorldOptions) {
    const id = (): string => nextSnowflake();
    const botUser = id();
    // Guild k is created 1 ms after guild k-1, so (guild_id >> 22) counts up by one: any shard count spreads them.
    const guildsAt = Date.now();
    const guild = nextSnowflake(guildsAt);
    this.ids = {
      application: botUser, // modern apps: application id == bot user id
      botUser,
      guild,
      users: { owner: id(), moderator: id(), member: id() },
      roles: { everyone: guild, moderator: id(), bot: id() },
      channels: { general: id(), modOnly: id(), readOnly: id(), questions: id(), forum: id() },
      otherGuilds: Array.from({ length: Math.max(0, (options.guilds ?? 1) - 1) }, (_, k) => ({
        guild: nextSnowflake(guildsAt + k + 1),
        general: id(),
        botRole: id(),
      })),
    };
    this.guildName = options.guildName;
    this.seedUsers(options.botUsername);
    this.seedRoles(options.botPermissions);
    this.seedMembers();
    this.seedChannels();
    this.seedOtherGuilds(options.botPermissions);
  }

  get ownerId(): string {
    return this.ids.users.owner;
  }

  get everyoneRoleId(): string {
    return this.ids.roles.everyone;
  }

  rolePermissions(roleId: string): bigint {
    const role = this.roles.get(roleId);
    return role ? BigInt(role.permissions) : 0n;
  }

  // ---------------------------------------------------------------- seeding

  private seedUsers(botUsername: string): void {
    const bot = { ...makeUser(this.ids.botUser, botUsername, true), verified: true, mfa_enabled: false };
    this.users.set(bot.id, bot);
    this.users.set(this.ids.users.owner, makeUser(this.ids.users.owner, 'server-owner'));
    this.users.set(this.ids.users.moderator, makeUser(this.ids.users.moderator, 'mod-mia'));
    this.users.set(this.ids.users.member, makeUser(this.ids.users.member, 'member-max'));
  }

  private seedRoles(botPermissions: bigint): void {
    const { roles } = this.ids;
    this.roles.set(roles.everyone, makeRole(roles.everyone, '@everyone', 0, DEFAULT_EVERYONE_PERMISSIONS));
    this.roles.set(
      roles.moderator,
      makeRole(roles.moderator, 'Moderator', 1, DEFAULT_MODERATOR_PERMISSIONS, { hoist: true, mentionable: true }),
    );
    this.roles.set(
      roles.bot,
      makeRole(roles.bot, this.users.get(this.ids.botUser)?.username ?? 'bot', 2, botPermissions, {
        managed: true,
        tags: { bot_id: this.ids.botUser },
      }),
    );
  }

  private seedMembers(): void {
    const joinedAt = new Date(Date.now() - 86_400_000).toISOString();
    const add = (userId: string, roles: string[]): void => {
      this.members.set(userId, { userId, roles, joinedAt });
    };
    add(this.ids.users.owner, []);
    add(this.ids.users.moderator, [this.ids.roles.moderator]);
    add(this.ids.users.member, []);
    add(this.ids.botUser, [this.ids.roles.bot]);
  }

  private seedChannels(): void {
    const { channels, roles, guild } = this.ids;
    const text = (id: string, name: string, position: number, overwrites: APIOverwrite[]): APITextChannel => ({
      id,
      type: ChannelType.GuildText,
      guild_id: guild,
      name,
      position,
      permission_overwrites: overwrites,
      parent_id: null,
      topic: null,
      nsfw: false,
      rate_limit_per_user: 0,
      last_message_id: null,
      last_pin_timestamp: null,
    });
    this.channels.set(channels.general, text(channels.general, 'general', 0, []));
    this.channels.set(
      channels.modOnly,
      text(channels.modOnly, 'mod-only', 1, [
        overwrite(roles.everyone, OverwriteType.Role, 0n, P.ViewChannel),
        overwrite(roles.moderator, OverwriteType.Role, P.ViewChannel, 0n),
        overwrite(roles.bot, OverwriteType.Role, P.ViewChannel | P.SendMessages, 0n),
      ]),
    );
    this.channels.set(
      channels.readOnly,
      text(channels.readOnly, 'read-only', 2, [overwrite(roles.everyone, OverwriteType.Role, 0n, P.SendMessages)]),
    );
    this.channels.set(channels.questions, text(channels.questions, 'questions', 3, []));
    // A forum: no messages of its own; each post is a public thread whose opening message has the thread's id.
    this.channels.set(channels.forum, {
      ...text(channels.forum, 'ask-the-guide', 4, []),
      type: ChannelType.GuildForum,
      available_tags: [],
      default_reaction_emoji: null,
      default_thread_rate_limit_per_user: 0,
      default_sort_order: null,
      default_forum_layout: 0,
      flags: 0,
    } as unknown as APITextChannel);
  }

  private seedOtherGuilds(botPermissions: bigint): void {
    this.guildRoles.set(this.ids.guild, [this.ids.roles.everyone, this.ids.roles.moderator, this.ids.roles.bot]);
    for (const other of this.ids.otherGuilds) {
      this.roles.set(other.guild, makeRole(other.guild, '@everyone', 0, DEFAULT_EVERYONE_PERMISSIONS));
      this.roles.set(
        other.botRole,
        makeRole(other.botRole, this.users.get(this.ids.botUser)?.username ?? 'bot', 1, botPermissions, {
          managed: true,
          tags: { bot_id: this.ids.botUser },
        }),
      );
      this.guildRoles.set(other.guild, [other.guild, other.botRole]);
      const members = new Map<string, string[]>([[this.ids.botUser, [other.botRole]]]);
      for (const userId of Object.values(this.ids.users)) members.set(userId, []);
      this.otherMembers.set(other.guild, members);
      this.channels.set(other.general, {
        id: other.general,
        type: ChannelType.GuildText,
        guild_id: other.guild,
        name: 'general',
        position: 0,
        permission_overwrites: [],
        parent_id: null,
        topic: null,
        nsfw: false,
        rate_limit_per_user: 0,
        last_message_id: null,
        last_pin_timestamp: null,
      });
    }
  }

  // ---------------------------------------------------------------- guilds

  /** Every guild the bot is in, the first one first. */
  guildIds(): string[] {
    return [this.ids.guild, ...this.ids.otherGuilds.map((other) => other.guild)];
  }

  hasGuild(guildId: string): boolean {
    return this.guildRoles.has(guildId);
  }

  /** The guild of a guild channel; undefined for a DM or an unknown channel. */
  guildOf(channelId: string): string | undefined {
    return this.channels.get(channelId)?.guild_id;
  }

  private memberRoles(userId: string, guildId: string): string[] | undefined {
    return guildId === this.ids.guild ? this.members.get(userId)?.roles : this.otherMembers.get(guildId)?.get(userId);
  }

  private permissionModel(guildId: string): GuildPermissionModel {
    return guildId === this.ids.guild
      ? this
      : { ownerId: this.ids.users.owner, everyoneRoleId: guildId, rolePermissions: (roleId) => this.rolePermissions(roleId) };
  }

  // ---------------------------------------------------------------- lookups

  user(key: UserKey): APIUser {
    return this.requireUser(this.ids.users[key]);
  }

  botUser(): APIUser {
    return this.requireUser(this.ids.botUser);
  }

  requireUser(id: string): APIUser {
    const user = this.users.get(id);
    if (!user) throw new Error(`Fake Discord: unknown user ${id}`);
    return user;
  }

  /** The text channels of one guild. */
  guildChannels(guildId: string = this.ids.guild): APITextChannel[] {
    return [...this.channels.values()].filter((channel) => channel.guild_id === guildId);
  }

  isMember(userId: string): boolean {
    return this.members.has(userId);
  }

  findChannel(id: string): ChannelLookup | undefined {
    const guildChannel = this.channels.get(id) ?? this.threads.get(id);
    if (guildChannel) return { kind: 'guild', channel: guildChannel };
    const dm = this.dmChannels.get(id);
    return dm ? { kind: 'dm', channel: dm } : undefined;
  }

  /** The DM channel between the bot and a user, created on first use (like POST /users/@me/channels). */
  dmChannelFor(userId: string): APIDMChannel {
    const existing = this.dmByUser.get(userId);
    const found = existing ? this.dmChannels.get(existing) : undefined;
    if (found) return found;
    const channel: APIDMChannel = {
      id: nextSnowflake(),
      type: ChannelType.DM,
      name: null,
      recipients: [this.requireUser(userId)],
      last_message_id: null,
    };
    this.dmChannels.set(channel.id, channel);
    this.dmByUser.set(userId, channel.id);
    return channel;
  }

  /** Effective permissions of a user in a channel, as Discord computes them (DMs: fixed set). */
  permissionsIn(channelId: string, userId: string): bigint {
    const found = this.findChannel(channelId);
    if (!found) return 0n;
    if (found.kind === 'dm') return DM_PERMISSIONS;
    // A thread has its parent's guild and permissions.
    const parent = this.threadParent(channelId);
    const channel = parent ?? found.channel;
    const guildId = channel.guild_id ?? this.ids.guild;
    const roles = this.memberRoles(userId, guildId);
    if (!roles) return 0n;
    return channelPermissions(this.permissionModel(guildId), { userId, memberRoleIds: roles }, channel.permission_overwrites ?? []);
  }

  /** The channel a thread belongs to (undefined for anything that is not a thread). */
  threadParent(channelId: string): APITextChannel | undefined {
    const thread = this.threads.get(channelId);
    return thread?.parent_id ? this.channels.get(thread.parent_id) : undefined;
  }

  /** A new forum post: a public thread in the forum, whose id its opening message will share. */
  createThread(parentId: string, name: string, ownerId: string): APITextChannel {
    const parent = this.channels.get(parentId);
    if ((parent?.type as ChannelType | undefined) !== ChannelType.GuildForum)
      throw new Error(`Fake Discord: ${parentId} is not a forum channel`);
    const thread = {
      id: nextSnowflake(),
      type: ChannelType.PublicThread,
      guild_id: this.ids.guild,
      parent_id: parentId,
      name,
      owner_id: ownerId,
      last_message_id: null,
      rate_limit_per_user: 0,
      message_count: 0,
      member_count: 1,
      total_message_sent: 0,
      flags: 0,
      applied_tags: [],
      thread_metadata: { archived: false, auto_archive_duration: 1440, archive_timestamp: new Date().toISOString(), locked: false },
    } as unknown as APITextChannel;
    this.threads.set(thread.id, thread);
    return thread;
  }

  botPermissionsIn(channelId: string): bigint {
    return this.permissionsIn(channelId, this.ids.botUser);
  }

  // ---------------------------------------------------------------- mutation

  setRolePermissions(roleId: string, permissions: bigint): APIRole {
    const role = this.roles.get(roleId);
    if (!role) throw new Error(`Fake Discord: unknown role ${roleId}`);
    const updated = { ...role, permissions: permissions.toString() };
    this.roles.set(roleId, updated);
    return updated;
  }

  /**
   * Makes the bot's permissions in one channel exactly `permissions` via a member overwrite
   * (allow = permissions, deny = everything else); null removes that overwrite.
   */
  setBotChannelPermissions(channelId: string, permissions: bigint | null): APITextChannel {
    const channel = this.channels.get(channelId);
    if (!channel) throw new Error(`Fake Discord: ${channelId} is not a guild text channel`);
    const others = (channel.permission_overwrites ?? []).filter((o) => o.id !== this.ids.botUser);
    const botOverwrite =
      permissions === null ? [] : [overwrite(this.ids.botUser, OverwriteType.Member, permissions, ALL_PERMISSIONS & ~permissions)];
    const updated: APITextChannel = { ...channel, permission_overwrites: [...others, ...botOverwrite] };
    this.channels.set(channelId, updated);
    return updated;
  }

  // ---------------------------------------------------------------- messages & pins

  messagesIn(channelId: string): APIMessage[] {
    let list = this.channelMessages.get(channelId);
    if (!list) {
      list = [];
      this.channelMessages.set(channelId, list);
    }
    return list;
  }

  findMessage(channelId: string, messageId: string): APIMessage | undefined {
    return this.channelMessages.get(channelId)?.find((m) => m.id === messageId);
  }

  addMessage(message: APIMessage): void {
    this.messagesIn(message.channel_id).push(message);
    const channel = this.findChannel(message.channel_id)?.channel;
    if (channel) channel.last_message_id = message.id;
  }

  /** Replaces the stored copy (if any) of a message; returns whether it was stored. */
  replaceMessage(message: APIMessage): boolean {
    const list = this.channelMessages.get(message.channel_id);
    const index = list?.findIndex((m) => m.id === message.id) ?? -1;
    if (!list || index < 0) return false;
    list[index] = message;
    return true;
  }

  removeMessage(channelId: string, messageId: string): boolean {
    const list = this.channelMessages.get(channelId);
    const index = list?.findIndex((m) => m.id === messageId) ?? -1;
    if (!list || index < 0) return false;
    list.splice(index, 1);
    this.unpin(channelId, messageId);
    return true;
  }

  /** Pin records, newest pin first. */
  pinsIn(channelId: string): PinRecord[] {
    return [...(this.pinRecords.get(channelId) ?? [])].sort((a, b) => b.pinnedAt.localeCompare(a.pinnedAt));
  }

  pin(channelId: string, messageId: string, pinnedAt: string): void {
    const records = this.pinRecords.get(channelId) ?? [];
    records.push({ messageId, pinnedAt });
    this.pinRecords.set(channelId, records);
  }

  unpin(channelId: string, messageId: string): boolean {
    const records = this.pinRecords.get(channelId) ?? [];
    const kept = records.filter((r) => r.messageId !== messageId);
    this.pinRecords.set(channelId, kept);
    return kept.length !== records.length;
  }

  // ---------------------------------------------------------------- API shapes

  apiMember(userId: string, guildId: string = this.ids.guild): APIGuildMember | undefined {
    const roles = this.memberRoles(userId, guildId);
    if (!roles) return undefined;
    return {
      user: this.requireUser(userId),
      nick: null,
      avatar: null,
      banner: null,
      roles: [...roles],
      joined_at: this.members.get(userId)?.joinedAt ?? new Date().toISOString(),
      premium_since: null,
      deaf: false,
      mute: false,
      flags: 0 as GuildMemberFlags,
      pending: false,
      communication_disabled_until: null,
    };
  }

  guildPayload(guildId: string = this.ids.guild): APIGuild {
    const other = this.ids.otherGuilds.findIndex((g) => g.guild === guildId);
    return {
      id: guildId,
      name: other < 0 ? this.guildName : `${this.guildName} ${other + 2}`,
      icon: null,
      splash: null,
      discovery_splash: null,
      banner: null,
      description: null,
      owner_id: this.ids.users.owner,
      region: 'us-east',
      afk_channel_id: null,
      afk_timeout: 300,
      widget_enabled: false,
      widget_channel_id: null,
      verification_level: GuildVerificationLevel.None,
      default_message_notifications: GuildDefaultMessageNotifications.OnlyMentions,
      explicit_content_filter: GuildExplicitContentFilter.Disabled,
      roles: (this.guildRoles.get(guildId) ?? []).flatMap((roleId) => this.roles.get(roleId) ?? []),
      emojis: [],
      stickers: [],
      features: [],
      mfa_level: GuildMFALevel.None,
      application_id: null,
      system_channel_id: null,
      system_channel_flags: 0 as GuildSystemChannelFlags,
      rules_channel_id: null,
      vanity_url_code: null,
      premium_tier: GuildPremiumTier.None,
      premium_subscription_count: 0,
      preferred_locale: Locale.EnglishUS,
      public_updates_channel_id: null,
      nsfw_level: GuildNSFWLevel.Default,
      premium_progress_bar_enabled: false,
      safety_alerts_channel_id: null,
      hub_type: null,
      incidents_data: null,
      max_members: 500_000,
      max_video_channel_users: 25,
      max_stage_video_channel_users: 50,
    };
  }

  /**
   * GUILD_CREATE as Discord sends it. Without the privileged GuildPresences intent Discord only
   * includes the bot's own member (plus members in voice), so the scripted humans are omitted then.
   */
  guildCreatePayload(includeAllMembers: boolean, guildId: string = this.ids.guild): GatewayGuildCreateDispatchData {
    const memberIds = includeAllMembers ? [...this.members.keys()] : [this.ids.botUser];
    return {
      ...this.guildPayload(guildId),
      joined_at: this.members.get(this.ids.botUser)?.joinedAt ?? new Date().toISOString(),
      large: false,
      unavailable: false,
      member_count: this.members.size,
      voice_states: [],
      members: memberIds.flatMap((id) => this.apiMember(id, guildId) ?? []),
      channels: this.guildChannels(guildId),
      threads: [...this.threads.values()].filter(
        (thread) => thread.guild_id === guildId,
      ) as unknown as GatewayGuildCreateDispatchData['threads'],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }
}
