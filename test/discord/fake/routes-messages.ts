/** Channel messages and pins (both the current /messages/pins routes and the deprecated /pins ones). */
import type { APIMessage } from 'discord-api-types/v10';
import { ChannelType, MessageType, PermissionFlagsBits } from 'discord.js';
import type { FakeContext } from './context.js';
import { RestError, invalidFormBody, missingAccess, missingPermissions, unknownEntity } from './errors.js';
import { dispatchChannelPinsUpdate, dispatchMessageCreate, dispatchMessageDelete, dispatchMessageUpdate } from './events.js';
import { noContent, ok, type ParsedRequest, type RestResult, type RouteDef, type RouteParams } from './http.js';
import { applyEdit, buildMessage, emptyDraft, parseDraft, type MessageReferenceInput } from './messages.js';
import type { ChannelLookup } from './world.js';

type Route = RouteDef<FakeContext>;
const P = PermissionFlagsBits;
const MAX_PINS = 50; // the long-documented per-channel limit (newer limits may be higher)

function channelOf(ctx: FakeContext, params: RouteParams): ChannelLookup {
  const found = ctx.world.findChannel(params.get('channel'));
  if (!found) throw unknownEntity('Channel');
  return found;
}

/** Guild channels: no ViewChannel → 50001 Missing Access; other missing bits → 50013. DMs: allowed. */
function requireBotPermissions(ctx: FakeContext, found: ChannelLookup, required: bigint): void {
  if (found.kind === 'dm') return;
  const perms = ctx.world.botPermissionsIn(found.channel.id);
  if (!(perms & P.ViewChannel)) throw missingAccess();
  if ((perms & required) !== required) throw missingPermissions();
}

const botCan = (ctx: FakeContext, found: ChannelLookup, bits: bigint): boolean =>
  found.kind === 'dm' || (ctx.world.botPermissionsIn(found.channel.id) & bits) === bits;

function messageOf(ctx: FakeContext, found: ChannelLookup, params: RouteParams): APIMessage {
  const message = ctx.world.findMessage(found.channel.id, params.get('message'));
  if (!message) throw unknownEntity('Message');
  return message;
}

/** A reply's target must exist in the channel unless fail_if_not_exists is false. */
function resolveReference(ctx: FakeContext, found: ChannelLookup, ref: MessageReferenceInput | undefined): APIMessage | undefined {
  if (!ref?.message_id) return undefined;
  if (ref.type === 1) throw invalidFormBody('message_reference.type', 'BASE_TYPE_CHOICES', 'Fake Discord does not support forwards');
  const target = ctx.world.findMessage(found.channel.id, ref.message_id);
  if (!target) {
    if (ref.fail_if_not_exists === false) return undefined;
    throw invalidFormBody('message_reference', 'MESSAGE_REFERENCE_UNKNOWN_MESSAGE', 'Unknown message');
  }
  if (!botCan(ctx, found, P.ReadMessageHistory)) {
    throw new RestError(403, 160002, 'Cannot reply without permission to read message history');
  }
  return target;
}

function createMessage(ctx: FakeContext, req: ParsedRequest, params: RouteParams): RestResult {
  const found = channelOf(ctx, params);
  if (found.kind === 'guild' && (found.channel.type as ChannelType) === ChannelType.GuildForum)
    throw new RestError(400, 50008, 'Cannot send messages in a non-text channel');
  const inThread = ctx.world.threadParent(found.channel.id) !== undefined;
  requireBotPermissions(ctx, found, P.ViewChannel | (inThread ? P.SendMessagesInThreads : P.SendMessages));
  const draft = parseDraft(req.body, req.files, true);
  const referenced = resolveReference(ctx, found, draft.message_reference);
  const message = buildMessage(ctx.world, {
    channelId: found.channel.id,
    author: ctx.world.botUser(),
    draft,
    ...(referenced ? { referenced } : {}),
  });
  ctx.world.addMessage(message);
  dispatchMessageCreate(ctx, message);
  return ok(message);
}

function listMessages(ctx: FakeContext, req: ParsedRequest, params: RouteParams): RestResult {
  const found = channelOf(ctx, params);
  requireBotPermissions(ctx, found, P.ViewChannel);
  if (!botCan(ctx, found, P.ReadMessageHistory)) return ok([]);
  const limit = Math.min(Math.max(Number(req.query.get('limit') ?? 50) || 50, 1), 100);
  const before = req.query.get('before');
  const after = req.query.get('after');
  let list = [...ctx.world.messagesIn(found.channel.id)].reverse(); // newest first
  if (before) list = list.filter((m) => BigInt(m.id) < BigInt(before));
  if (after) list = list.filter((m) => BigInt(m.id) > BigInt(after));
  return ok(list.slice(0, limit));
}

function getMessage(ctx: FakeContext, _req: ParsedRequest, params: RouteParams): RestResult {
  const found = channelOf(ctx, params);
  requireBotPermissions(ctx, found, P.ViewChannel | P.ReadMessageHistory);
  return ok(messageOf(ctx, found, params));
}

function editMessage(ctx: FakeContext, req: ParsedRequest, params: RouteParams): RestResult {
  const found = channelOf(ctx, params);
  requireBotPermissions(ctx, found, P.ViewChannel);
  const message = messageOf(ctx, found, params);
  if (message.author.id !== ctx.world.ids.botUser) throw new RestError(403, 50005, 'Cannot edit a message authored by another user');
  const updated = applyEdit(ctx.world, message, parseDraft(req.body, req.files, false));
  if (
    !updated.content.trim() &&
    updated.embeds.length === 0 &&
    (updated.components?.length ?? 0) === 0 &&
    updated.attachments.length === 0
  ) {
    throw new RestError(400, 50006, 'Cannot send an empty message');
  }
  ctx.world.replaceMessage(updated);
  dispatchMessageUpdate(ctx, updated);
  return ok(updated);
}

function deleteMessage(ctx: FakeContext, _req: ParsedRequest, params: RouteParams): RestResult {
  const found = channelOf(ctx, params);
  requireBotPermissions(ctx, found, P.ViewChannel);
  const message = messageOf(ctx, found, params);
  if (message.author.id !== ctx.world.ids.botUser && !botCan(ctx, found, P.ManageMessages)) throw missingPermissions();
  ctx.world.removeMessage(found.channel.id, message.id);
  dispatchMessageDelete(ctx, found.channel.id, message.id);
  return noContent();
}

// ------------------------------------------------------------------ pins

function setPinned(ctx: FakeContext, message: APIMessage, pinned: boolean): void {
  const updated = { ...message, pinned };
  ctx.world.replaceMessage(updated);
  dispatchMessageUpdate(ctx, updated);
}

/** Discord posts a CHANNEL_PINNED_MESSAGE system message (type 6) authored by whoever pinned. */
function postPinSystemMessage(ctx: FakeContext, found: ChannelLookup, pinned: APIMessage): void {
  const system = buildMessage(ctx.world, {
    channelId: found.channel.id,
    author: ctx.world.botUser(),
    draft: emptyDraft(),
    type: MessageType.ChannelPinnedMessage,
  });
  system.message_reference = {
    type: 0,
    message_id: pinned.id,
    channel_id: found.channel.id,
    ...(found.kind === 'guild' && found.channel.guild_id ? { guild_id: found.channel.guild_id } : {}),
  };
  ctx.world.addMessage(system);
  dispatchMessageCreate(ctx, system);
}

function pinMessage(ctx: FakeContext, _req: ParsedRequest, params: RouteParams): RestResult {
  const found = channelOf(ctx, params);
  requireBotPermissions(ctx, found, P.ViewChannel | P.PinMessages);
  const message = messageOf(ctx, found, params);
  const pins = ctx.world.pinsIn(found.channel.id);
  if (pins.some((pin) => pin.messageId === message.id)) return noContent();
  if (pins.length >= MAX_PINS) throw new RestError(400, 30003, `Maximum number of pins reached (${MAX_PINS})`);
  const pinnedAt = new Date().toISOString();
  ctx.world.pin(found.channel.id, message.id, pinnedAt);
  setPinned(ctx, message, true);
  postPinSystemMessage(ctx, found, message);
  dispatchChannelPinsUpdate(ctx, found.channel.id, pinnedAt);
  return noContent();
}

function unpinMessage(ctx: FakeContext, _req: ParsedRequest, params: RouteParams): RestResult {
  const found = channelOf(ctx, params);
  requireBotPermissions(ctx, found, P.ViewChannel | P.PinMessages);
  const message = messageOf(ctx, found, params);
  if (ctx.world.unpin(found.channel.id, message.id)) {
    setPinned(ctx, message, false);
    dispatchChannelPinsUpdate(ctx, found.channel.id, ctx.world.pinsIn(found.channel.id)[0]?.pinnedAt ?? null);
  }
  return noContent();
}

function pinnedMessages(ctx: FakeContext, found: ChannelLookup): Array<{ pinned_at: string; message: APIMessage }> {
  return ctx.world.pinsIn(found.channel.id).flatMap((pin) => {
    const message = ctx.world.findMessage(found.channel.id, pin.messageId);
    return message ? [{ pinned_at: pin.pinnedAt, message }] : [];
  });
}

/** GET /channels/:id/messages/pins → { items: [{ pinned_at, message }], has_more } (newest first). */
function listPins(ctx: FakeContext, req: ParsedRequest, params: RouteParams): RestResult {
  const found = channelOf(ctx, params);
  requireBotPermissions(ctx, found, P.ViewChannel);
  if (!botCan(ctx, found, P.ReadMessageHistory)) return ok({ items: [], has_more: false });
  const limit = Number(req.query.get('limit') ?? 50);
  if (!Number.isInteger(limit) || limit < 1 || limit > 50) {
    throw invalidFormBody('limit', 'NUMBER_TYPE_MAX', 'int value should be between 1 and 50.');
  }
  const before = req.query.get('before');
  const items = pinnedMessages(ctx, found).filter((item) => !before || item.pinned_at < before);
  return ok({ items: items.slice(0, limit), has_more: items.length > limit });
}

/** Deprecated GET /channels/:id/pins → APIMessage[] (newest pin first, at most 50). */
function listPinsLegacy(ctx: FakeContext, _req: ParsedRequest, params: RouteParams): RestResult {
  const found = channelOf(ctx, params);
  requireBotPermissions(ctx, found, P.ViewChannel);
  if (!botCan(ctx, found, P.ReadMessageHistory)) return ok([]);
  return ok(
    pinnedMessages(ctx, found)
      .slice(0, 50)
      .map((item) => item.message),
  );
}

// ------------------------------------------------------------------ reactions

/**
 * PUT /channels/:id/messages/:id/reactions/:emoji/@me: the bot reacts with a Unicode emoji.
 * Discord asks for Read Message History, and Add Reactions for a reaction no one has added yet.
 * The reaction is kept on the message (`reactions`); no gateway event, as the bot has no
 * reaction intents.
 */
function addOwnReaction(ctx: FakeContext, _req: ParsedRequest, params: RouteParams): RestResult {
  const found = channelOf(ctx, params);
  requireBotPermissions(ctx, found, P.ViewChannel | P.ReadMessageHistory);
  const message = messageOf(ctx, found, params);
  let name: string;
  try {
    name = decodeURIComponent(params.get('emoji'));
  } catch {
    throw new RestError(400, 10014, 'Unknown Emoji');
  }
  if (name === '' || /^[\w:]+$/.test(name)) throw new RestError(400, 10014, 'Unknown Emoji'); // only Unicode emoji here
  const reactions = [...(message.reactions ?? [])];
  const existing = reactions.findIndex((reaction) => reaction.emoji.name === name);
  if (existing === -1 && !botCan(ctx, found, P.AddReactions)) throw missingPermissions();
  if (existing !== -1 && reactions[existing]!.me) return noContent();
  const before = existing === -1 ? undefined : reactions[existing];
  const updated = {
    count: (before?.count ?? 0) + 1,
    count_details: { burst: 0, normal: (before?.count ?? 0) + 1 },
    me: true,
    me_burst: false,
    burst_colors: [],
    emoji: { id: null, name },
  };
  if (existing === -1) reactions.push(updated);
  else reactions[existing] = updated;
  ctx.world.replaceMessage({ ...message, reactions });
  return noContent();
}

export const messageRoutes: Route[] = [
  { method: 'PUT', path: '/channels/:channel/messages/:message/reactions/:emoji/@me', auth: true, handler: addOwnReaction },
  { method: 'GET', path: '/channels/:channel/messages', auth: true, handler: listMessages },
  { method: 'POST', path: '/channels/:channel/messages', auth: true, handler: createMessage },
  // The pins list must precede /messages/:message, which would otherwise match "pins".
  { method: 'GET', path: '/channels/:channel/messages/pins', auth: true, handler: listPins },
  { method: 'PUT', path: '/channels/:channel/messages/pins/:message', auth: true, handler: pinMessage },
  { method: 'DELETE', path: '/channels/:channel/messages/pins/:message', auth: true, handler: unpinMessage },
  { method: 'GET', path: '/channels/:channel/pins', auth: true, handler: listPinsLegacy },
  { method: 'PUT', path: '/channels/:channel/pins/:message', auth: true, handler: pinMessage },
  { method: 'DELETE', path: '/channels/:channel/pins/:message', auth: true, handler: unpinMessage },
  { method: 'GET', path: '/channels/:channel/messages/:message', auth: true, handler: getMessage },
  { method: 'PATCH', path: '/channels/:channel/messages/:message', auth: true, handler: editMessage },
  { method: 'DELETE', path: '/channels/:channel/messages/:message', auth: true, handler: deleteMessage },
];
