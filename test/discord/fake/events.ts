/**
 * Gateway dispatches that mirror REST-side changes (Discord echoes the bot's own actions back),
 * filtered by the session's intents like Discord does.
 */
import type { APIMessage, APIRole, APITextChannel, GatewayMessageCreateDispatchData } from 'discord-api-types/v10';
import { GatewayDispatchEvents, GatewayIntentBits } from 'discord.js';
import type { FakeContext } from './context.js';
import type { SessionView } from './gateway.js';
import type { FakeWorld } from './world.js';

const { Guilds, GuildMessages, DirectMessages, MessageContent } = GatewayIntentBits;

function memberNoUser(world: FakeWorld, userId: string): GatewayMessageCreateDispatchData['member'] {
  const member = world.apiMember(userId);
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
  if (!(session.intents & (inGuild ? GuildMessages : DirectMessages))) return undefined;

  const botId = world.ids.botUser;
  const contentVisible =
    !inGuild ||
    (session.intents & MessageContent) !== 0 ||
    message.author.id === botId ||
    message.mentions.some((u) => u.id === botId);
  const data: GatewayMessageCreateDispatchData = {
    ...message,
    channel_type: found.channel.type,
    mentions: message.mentions.map((u) => (inGuild ? { ...u, member: memberNoUser(world, u.id) } : u)),
  };
  if (inGuild) {
    data.guild_id = world.ids.guild;
    const member = memberNoUser(world, message.author.id);
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
  const inGuild = ctx.world.findChannel(channelId)?.kind === 'guild';
  return ctx.gateway.dispatch(GatewayDispatchEvents.MessageDelete, (s) =>
    s.intents & (inGuild ? GuildMessages : DirectMessages)
      ? { id: messageId, channel_id: channelId, ...(inGuild ? { guild_id: ctx.world.ids.guild } : {}) }
      : undefined,
  );
}

export function dispatchChannelPinsUpdate(ctx: FakeContext, channelId: string, lastPinTimestamp: string | null): number {
  const inGuild = ctx.world.findChannel(channelId)?.kind === 'guild';
  return ctx.gateway.dispatch(GatewayDispatchEvents.ChannelPinsUpdate, (s) =>
    s.intents & (inGuild ? Guilds : DirectMessages)
      ? { channel_id: channelId, last_pin_timestamp: lastPinTimestamp, ...(inGuild ? { guild_id: ctx.world.ids.guild } : {}) }
      : undefined,
  );
}

export function dispatchChannelUpdate(ctx: FakeContext, channel: APITextChannel): number {
  return ctx.gateway.dispatch(GatewayDispatchEvents.ChannelUpdate, (s) => (s.intents & Guilds ? channel : undefined));
}

export function dispatchRoleUpdate(ctx: FakeContext, role: APIRole): number {
  return ctx.gateway.dispatch(GatewayDispatchEvents.GuildRoleUpdate, (s) =>
    s.intents & Guilds ? { guild_id: ctx.world.ids.guild, role } : undefined,
  );
}
