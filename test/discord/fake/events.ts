/**
 * Gateway dispatches that mirror REST-side changes (Discord echoes the bot's own actions back),
 * filtered by the session's intents like Discord does.
 */
import type { APIMessage, APIRole, APITextChannel, GatewayMessageCreateDispatchData } from 'discord-api-types/v10';
import { GatewayDispatchEvents, GatewayIntentBits } from 'discord.js';
import type { FakeContext } from './context.js';
import { shardReceives, type SessionView } from './gateway.js';
import type { FakeWorld } from './world.js';

const { Guilds, GuildMessages, DirectMessages, MessageContent } = GatewayIntentBits;

function memberNoUser(world: FakeWorld, userId: string, guildId: string): GatewayMessageCreateDispatchData['member'] {
  const member = world.apiMember(userId, guildId);
  if (!member) return undefined;
  const { user: _user, ...rest } = member;
  return rest;
}

/**
 * MESSAGE_CREATE/UPDATE data for one session, or undefined if it did not subscribe.
 * Without the privileged MessageContent intent, Discord blanks content/embeds/attachments/
 * components of guild messages unless the bot wrote them or is mentioned in them.
 */
export function gatewayMessage(world: FakeWorld, message: APIMessage, session: SessionView): GatewayMessageCreateDispatchData | undefined {
  const found = world.findChannel(message.channel_id);
  if (!found) return undefined;
  const inGuild = found.kind === 'guild';
  const guildId = world.guildOf(message.channel_id);
  if (!(session.intents & (inGuild ? GuildMessages : DirectMessages))) return undefined;
  if (!shardReceives(session.shard, guildId)) return undefined;

  const botId = world.ids.botUser;
  const contentVisible =
    !inGuild || (session.intents & MessageContent) !== 0 || message.author.id === botId || message.mentions.some((u) => u.id === botId);
  const data: GatewayMessageCreateDispatchData = {
    ...message,
    channel_type: found.channel.type,
    mentions: message.mentions.map((u) => (guildId ? { ...u, member: memberNoUser(world, u.id, guildId) } : u)),
  };
  if (guildId) {
    data.guild_id = guildId;
    const member = memberNoUser(world, message.author.id, guildId);
    if (member) data.member = member;
  }
  if (!contentVisible) Object.assign(data, { content: '', embeds: [], attachments: [], components: [], poll: undefined });
  return data;
}

export function dispatchMessageCreate(ctx: FakeContext, message: APIMessage): number {
  return ctx.gateway.dispatch(GatewayDispatchEvents.MessageCreate, (s) => gatewayMessage(ctx.world, message, s));
}

export function dispatchMessageUpdate(ctx: FakeContext, message: APIMessage): number {
  return ctx.gateway.dispatch(GatewayDispatchEvents.MessageUpdate, (s) => gatewayMessage(ctx.world, message, s));
}

export function dispatchMessageDelete(ctx: FakeContext, channelId: string, messageId: string): number {
  const guildId = ctx.world.guildOf(channelId);
  return ctx.gateway.dispatch(GatewayDispatchEvents.MessageDelete, (s) =>
    s.intents & (guildId ? GuildMessages : DirectMessages) && shardReceives(s.shard, guildId)
      ? { id: messageId, channel_id: channelId, ...(guildId ? { guild_id: guildId } : {}) }
      : undefined,
  );
}

export function dispatchChannelPinsUpdate(ctx: FakeContext, channelId: string, lastPinTimestamp: string | null): number {
  const guildId = ctx.world.guildOf(channelId);
  return ctx.gateway.dispatch(GatewayDispatchEvents.ChannelPinsUpdate, (s) =>
    s.intents & (guildId ? Guilds : DirectMessages) && shardReceives(s.shard, guildId)
      ? { channel_id: channelId, last_pin_timestamp: lastPinTimestamp, ...(guildId ? { guild_id: guildId } : {}) }
      : undefined,
  );
}

export function dispatchChannelUpdate(ctx: FakeContext, channel: APITextChannel): number {
  return ctx.gateway.dispatch(GatewayDispatchEvents.ChannelUpdate, (s) =>
    s.intents & Guilds && shardReceives(s.shard, channel.guild_id) ? channel : undefined,
  );
}

/** A role of the first guild changed (the only guild whose roles tests change). */
export function dispatchRoleUpdate(ctx: FakeContext, role: APIRole): number {
  const guildId = ctx.world.ids.guild;
  return ctx.gateway.dispatch(GatewayDispatchEvents.GuildRoleUpdate, (s) =>
    s.intents & Guilds && shardReceives(s.shard, guildId) ? { guild_id: guildId, role } : undefined,
  );
}
