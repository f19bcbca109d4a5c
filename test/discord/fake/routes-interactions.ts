/**
 * Interaction callbacks (POST /interactions/:id/:token/callback) and the interaction webhook
 * (follow-ups and edits of @original). discord.js 14.28 always appends ?with_response=true|false
 * to callbacks: false → 204 No Content; true → 200 { interaction, resource }.
 */
import type { APIMessage, APIMessageInteractionMetadata, APIUser } from 'discord-api-types/v10';
import { InteractionResponseType, InteractionType, MessageFlags, MessageType } from 'discord.js';
import type { FakeContext } from './context.js';
import { RestError, alreadyAcknowledged, invalidFormBody, unknownEntity } from './errors.js';
import { dispatchMessageCreate, dispatchMessageDelete, dispatchMessageUpdate } from './events.js';
import { noContent, ok, type ParsedRequest, type RestResult, type RouteDef, type RouteParams } from './http.js';
import type { InteractionRecord } from './interactions.js';
import { applyEdit, buildMessage, isEphemeral, isLoading, parseDraft, type MessageDraft } from './messages.js';

type Route = RouteDef<FakeContext>;
const R = InteractionResponseType;

const ALLOWED_CALLBACKS: Record<number, readonly number[]> = {
  [InteractionType.ApplicationCommand]: [R.ChannelMessageWithSource, R.DeferredChannelMessageWithSource, R.Modal, R.LaunchActivity],
  [InteractionType.MessageComponent]: [
    R.ChannelMessageWithSource,
    R.DeferredChannelMessageWithSource,
    R.DeferredMessageUpdate,
    R.UpdateMessage,
    R.Modal,
  ],
  [InteractionType.ApplicationCommandAutocomplete]: [R.ApplicationCommandAutocompleteResult],
  [InteractionType.ModalSubmit]: [R.ChannelMessageWithSource, R.DeferredChannelMessageWithSource, R.DeferredMessageUpdate, R.UpdateMessage],
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function invoker(record: InteractionRecord): APIUser {
  const user = record.payload.member?.user ?? record.payload.user;
  if (!user) throw new Error('interaction payload without user');
  return user;
}

/** The message the bot's response creates (type 4/5), shaped like Discord's interaction responses. */
function createResponseMessage(ctx: FakeContext, record: InteractionRecord, draft: MessageDraft, extraFlags = 0): APIMessage {
  const { payload } = record;
  const metadata = {
    id: record.id,
    type: payload.type,
    user: invoker(record),
    authorizing_integration_owners: payload.authorizing_integration_owners,
    ...(payload.message ? { interacted_message_id: payload.message.id } : {}),
  } as APIMessageInteractionMetadata;
  const message = buildMessage(ctx.world, {
    channelId: record.channelId,
    author: ctx.world.botUser(),
    draft,
    type: record.kind === 'slash' ? MessageType.ChatInputCommand : MessageType.Default,
    extraFlags,
    webhookId: ctx.world.ids.application,
    applicationId: ctx.world.ids.application,
    interactionMetadata: metadata,
  });
  if (!isEphemeral(message)) {
    ctx.world.addMessage(message);
    dispatchMessageCreate(ctx, message);
  }
  return message;
}

function componentMessage(ctx: FakeContext, record: InteractionRecord): APIMessage {
  const message = record.payload.message;
  if (!message) throw new Error('component interaction without message');
  return ctx.world.findMessage(message.channel_id, message.id) ?? message;
}

function storeUpdate(ctx: FakeContext, message: APIMessage): void {
  if (ctx.world.replaceMessage(message)) dispatchMessageUpdate(ctx, message);
}

function validateChoices(data: unknown): void {
  const choices = isRecord(data) ? data.choices : undefined;
  if (!Array.isArray(choices)) throw invalidFormBody('data.choices', 'BASE_TYPE_REQUIRED', 'This field is required');
  if (choices.length > 25) throw invalidFormBody('data.choices', 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
  choices.forEach((choice: unknown, i) => {
    const name = isRecord(choice) ? choice.name : undefined;
    if (typeof name !== 'string' || name.length < 1 || name.length > 100) {
      throw invalidFormBody(`data.choices.${i}.name`, 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
    }
    const value = isRecord(choice) ? choice.value : undefined;
    if (typeof value === 'string' ? value.length > 100 : typeof value !== 'number') {
      throw invalidFormBody(`data.choices.${i}.value`, 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
    }
  });
}

function validateModal(data: unknown): void {
  if (!isRecord(data) || typeof data.custom_id !== 'string')
    throw invalidFormBody('data.custom_id', 'BASE_TYPE_REQUIRED', 'This field is required');
  if (typeof data.title !== 'string' || data.title.length < 1 || data.title.length > 45) {
    throw invalidFormBody('data.title', 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 45 in length.');
  }
  if (!Array.isArray(data.components) || data.components.length < 1 || data.components.length > 5) {
    throw invalidFormBody('data.components', 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 5 in length.');
  }
}

/** Applies one callback to the record (original message, finalized flag). */
function applyCallback(ctx: FakeContext, record: InteractionRecord, type: number, data: unknown, req: ParsedRequest): void {
  switch (type) {
    case R.ChannelMessageWithSource:
      record.original = createResponseMessage(ctx, record, parseDraft(data, req.files, true));
      record.finalized = true;
      break;
    case R.DeferredChannelMessageWithSource: {
      // The user sees "<bot> is thinking…": an empty message flagged Loading (and maybe Ephemeral).
      const flags = (isRecord(data) && typeof data.flags === 'number' ? data.flags : 0) & MessageFlags.Ephemeral;
      record.original = createResponseMessage(ctx, record, { files: [], flags }, MessageFlags.Loading);
      break;
    }
    case R.DeferredMessageUpdate:
      record.original = componentMessage(ctx, record);
      break;
    case R.UpdateMessage: {
      const updated = applyEdit(ctx.world, componentMessage(ctx, record), parseDraft(data, req.files, false));
      storeUpdate(ctx, updated);
      record.original = updated;
      record.finalized = true;
      break;
    }
    case R.ApplicationCommandAutocompleteResult:
      validateChoices(data);
      break;
    case R.Modal:
      validateModal(data);
      break;
    default:
      break;
  }
}

function callbackResponse(record: InteractionRecord, type: number): unknown {
  const original = record.original;
  const withMessage = type === R.ChannelMessageWithSource || type === R.UpdateMessage;
  return {
    interaction: {
      id: record.id,
      type: record.payload.type,
      ...(original && type !== R.DeferredMessageUpdate
        ? {
            response_message_id: original.id,
            response_message_loading: isLoading(original),
            response_message_ephemeral: isEphemeral(original),
          }
        : {}),
    },
    resource: { type, ...(withMessage && original ? { message: original } : {}) },
  };
}

function acknowledge(ctx: FakeContext, record: InteractionRecord, req: ParsedRequest): RestResult {
  if (record.callback) throw alreadyAcknowledged();
  const receivedAt = performance.now();
  if (receivedAt - record.dispatchedAt > ctx.settings.interactionAckTimeoutMs) throw unknownEntity('interaction');
  const body = isRecord(req.body) ? req.body : {};
  const type = typeof body.type === 'number' ? body.type : -1;
  if (!ALLOWED_CALLBACKS[record.payload.type]?.includes(type)) {
    throw invalidFormBody('type', 'INTERACTION_RESPONSE_TYPE_INVALID', `Callback type ${type} is not valid for this interaction`);
  }
  applyCallback(ctx, record, type, body.data, req);
  const withResponse = req.query.get('with_response') === 'true';
  record.callback = { type, data: body.data, withResponse, receivedAt, latencyMs: receivedAt - record.dispatchedAt };
  return withResponse ? ok(callbackResponse(record, type)) : noContent();
}

function interactionCallback(ctx: FakeContext, req: ParsedRequest, params: RouteParams): RestResult {
  const record = ctx.interactions.byIdAndToken(params.get('interaction'), params.get('token'));
  if (!record) throw unknownEntity('interaction');
  try {
    return acknowledge(ctx, record, req);
  } catch (error) {
    if (error instanceof RestError) record.rejectedCallbacks.push({ status: error.status, code: error.code, at: performance.now() });
    throw error;
  }
}

// ------------------------------------------------------------------ interaction webhook

function webhookRecord(ctx: FakeContext, params: RouteParams): InteractionRecord {
  const record = ctx.interactions.get(params.get('token'));
  if (params.get('app') !== ctx.world.ids.application || !record) throw unknownEntity('Webhook');
  return record;
}

function webhookTarget(record: InteractionRecord, messageId: string): APIMessage {
  const original = record.callback && !record.originalDeleted ? record.original : undefined;
  if (messageId === '@original' || messageId === original?.id) {
    if (!original) throw unknownEntity('Message');
    return original;
  }
  const followUp = record.followUps.find((m) => m.id === messageId);
  if (!followUp) throw unknownEntity('Message');
  return followUp;
}

function replaceFollowUp(record: InteractionRecord, message: APIMessage): void {
  const index = record.followUps.findIndex((m) => m.id === message.id);
  if (index >= 0) record.followUps[index] = message;
}

function isEmptyMessage(message: APIMessage): boolean {
  return (
    !message.content.trim() && message.embeds.length === 0 && (message.components?.length ?? 0) === 0 && message.attachments.length === 0
  );
}

function editWebhookMessage(ctx: FakeContext, req: ParsedRequest, params: RouteParams): RestResult {
  const record = webhookRecord(ctx, params);
  const target = webhookTarget(record, params.get('message'));
  const isOriginal = target.id === record.original?.id;
  const updated = applyEdit(ctx.world, target, parseDraft(req.body, req.files, false), isOriginal ? MessageFlags.Loading : 0);
  if (isEmptyMessage(updated)) throw new RestError(400, 50006, 'Cannot send an empty message');
  record.edits.push({ messageId: target.id, body: req.body, at: performance.now() });
  if (isOriginal) {
    record.original = updated;
    record.finalized = true;
  }
  replaceFollowUp(record, updated);
  storeUpdate(ctx, updated);
  return ok(updated);
}

function createFollowUp(ctx: FakeContext, req: ParsedRequest, params: RouteParams): RestResult {
  const record = webhookRecord(ctx, params);
  const acked = record.callback && record.callback.type !== R.ApplicationCommandAutocompleteResult && record.callback.type !== R.Modal;
  if (!acked) throw unknownEntity('Webhook');
  const draft = parseDraft(req.body, req.files, true);
  let message: APIMessage;
  if (record.original && !record.finalized && isLoading(record.original)) {
    // Discord: the first follow-up after a deferred reply replaces the "thinking…" message.
    message = applyEdit(ctx.world, record.original, draft, MessageFlags.Loading);
    record.original = message;
    record.finalized = true;
    storeUpdate(ctx, message);
  } else {
    message = createResponseMessage(ctx, record, draft);
  }
  record.followUps.push(message);
  return req.query.get('wait') === 'true' ? ok(message) : noContent();
}

function deleteWebhookMessage(ctx: FakeContext, _req: ParsedRequest, params: RouteParams): RestResult {
  const record = webhookRecord(ctx, params);
  const target = webhookTarget(record, params.get('message'));
  if (target.id === record.original?.id) record.originalDeleted = true;
  if (ctx.world.removeMessage(target.channel_id, target.id)) dispatchMessageDelete(ctx, target.channel_id, target.id);
  return noContent();
}

export const interactionRoutes: Route[] = [
  { method: 'POST', path: '/interactions/:interaction/:token/callback', auth: false, handler: interactionCallback },
  { method: 'POST', path: '/webhooks/:app/:token', auth: false, handler: createFollowUp },
  {
    method: 'GET',
    path: '/webhooks/:app/:token/messages/:message',
    auth: false,
    handler: (ctx, _req, p) => ok(webhookTarget(webhookRecord(ctx, p), p.get('message'))),
  },
  { method: 'PATCH', path: '/webhooks/:app/:token/messages/:message', auth: false, handler: editWebhookMessage },
  { method: 'DELETE', path: '/webhooks/:app/:token/messages/:message', auth: false, handler: deleteWebhookMessage },
];
