/**
 * Message bodies as Discord validates them (lengths, emptiness, allowed_mentions), mention
 * resolution, and the message objects the fake stores and returns.
 */
import type {
  APIAllowedMentions,
  APIAttachment,
  APIEmbed,
  APIMessage,
  APIMessageInteractionMetadata,
  APIMessageTopLevelComponent,
  APIUser,
} from 'discord-api-types/v10';
import { AllowedMentionsTypes, MessageFlags, MessageType, PermissionFlagsBits } from 'discord.js';
import { RestError, invalidFormBody } from './errors.js';
import { nextSnowflake } from './snowflake.js';
import type { FakeWorld } from './world.js';

export interface UploadedFile {
  key: string;
  filename: string;
  size: number;
  contentType: string;
}

export interface MessageReferenceInput {
  message_id?: string;
  channel_id?: string;
  guild_id?: string;
  fail_if_not_exists?: boolean;
  type?: number;
}

/** The message-ish fields of a create/edit body; `null` clears a field on edit. */
export interface MessageDraft {
  content?: string | null;
  embeds?: APIEmbed[] | null;
  components?: APIMessageTopLevelComponent[] | null;
  allowed_mentions?: APIAllowedMentions | null;
  flags?: number | null;
  tts?: boolean;
  nonce?: string | number;
  message_reference?: MessageReferenceInput;
  sticker_ids?: string[];
  poll?: unknown;
  files: UploadedFile[];
}

const MAX_CONTENT = 2000;
const MAX_EMBEDS = 10;
const MAX_EMBED_TOTAL = 6000;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function tooLong(path: string, max: number): RestError {
  return invalidFormBody(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
}

function checkLength(path: string, value: unknown, max: number): number {
  if (value === undefined || value === null) return 0;
  if (typeof value !== 'string') throw invalidFormBody(path, 'STRING_TYPE_CONVERT', 'Could not interpret value as string.');
  if (value.length > max) throw tooLong(path, max);
  return value.length;
}

/** Validates one embed's field lengths and returns its character count (for the 6000 total). */
function validateEmbed(embed: APIEmbed, index: number): number {
  const at = (field: string): string => `embeds.${index}.${field}`;
  let size = checkLength(at('title'), embed.title, 256) + checkLength(at('description'), embed.description, 4096);
  size += checkLength(at('footer.text'), embed.footer?.text, 2048) + checkLength(at('author.name'), embed.author?.name, 256);
  const fields = embed.fields ?? [];
  if (fields.length > 25) throw tooLong(at('fields'), 25);
  fields.forEach((field, i) => {
    if (!field.name) throw invalidFormBody(at(`fields.${i}.name`), 'BASE_TYPE_REQUIRED', 'This field is required');
    size += checkLength(at(`fields.${i}.name`), field.name, 256) + checkLength(at(`fields.${i}.value`), field.value, 1024);
  });
  return size;
}

function validateEmbeds(embeds: unknown): void {
  if (embeds === undefined || embeds === null) return;
  if (!Array.isArray(embeds)) throw invalidFormBody('embeds', 'LIST_TYPE_CONVERT', 'Only iterables may be used in a ListType');
  if (embeds.length > MAX_EMBEDS) throw tooLong('embeds', MAX_EMBEDS);
  const total = (embeds as APIEmbed[]).reduce((sum, embed, i) => sum + validateEmbed(embed, i), 0);
  if (total > MAX_EMBED_TOTAL) {
    throw invalidFormBody('embeds', 'MAX_EMBED_SIZE_EXCEEDED', `Embed size exceeds maximum size of ${MAX_EMBED_TOTAL}`);
  }
}

/** Discord rejects `parse: ["users"]` together with an explicit `users` list (same for roles). */
function validateAllowedMentions(allowed: unknown): void {
  if (allowed === undefined || allowed === null) return;
  if (!isRecord(allowed)) throw invalidFormBody('allowed_mentions', 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
  const parse = Array.isArray(allowed.parse) ? (allowed.parse as string[]) : [];
  for (const kind of ['users', 'roles'] as const) {
    const list = allowed[kind];
    if (parse.includes(kind) && Array.isArray(list) && list.length > 0) {
      throw invalidFormBody(
        'allowed_mentions',
        'MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE',
        `parse:["${kind}"] and ${kind}: [ids...] are mutually exclusive.`,
      );
    }
  }
}

function hasVisibleContent(draft: MessageDraft): boolean {
  return Boolean(
    (draft.content ?? '').trim() ||
    (draft.embeds?.length ?? 0) > 0 ||
    (draft.components?.length ?? 0) > 0 ||
    (draft.sticker_ids?.length ?? 0) > 0 ||
    draft.poll ||
    draft.files.length > 0,
  );
}

/** Parses and validates a message create/edit body. `requireContent` for creates (50006). */
export function parseDraft(body: unknown, files: UploadedFile[], requireContent: boolean): MessageDraft {
  if (!isRecord(body)) {
    if (requireContent) throw new RestError(400, 50006, 'Cannot send an empty message');
    return { files };
  }
  if (body.content !== undefined && body.content !== null) checkLength('content', body.content, MAX_CONTENT);
  validateEmbeds(body.embeds);
  validateAllowedMentions(body.allowed_mentions);
  const draft = { ...(body as Omit<MessageDraft, 'files'>), files };
  if (requireContent && !hasVisibleContent(draft)) throw new RestError(400, 50006, 'Cannot send an empty message');
  return draft;
}

export const emptyDraft = (): MessageDraft => ({ files: [] });

// ------------------------------------------------------------------ mentions

interface MentionResult {
  mentions: APIUser[];
  mention_roles: string[];
  mention_everyone: boolean;
}

function allows(allowed: APIAllowedMentions | null | undefined, kind: AllowedMentionsTypes, id?: string): boolean {
  if (!allowed) return true; // no allowed_mentions → Discord parses everything in the content
  if (allowed.parse?.includes(kind)) return true;
  if (!id) return false;
  const list = kind === AllowedMentionsTypes.User ? allowed.users : kind === AllowedMentionsTypes.Role ? allowed.roles : undefined;
  return list?.includes(id) ?? false;
}

/**
 * Which users/roles/@everyone a message actually pings, honouring allowed_mentions like Discord:
 * the replied-to author is pinged unless allowed_mentions is given without replied_user: true.
 */
export function resolveMentions(
  world: FakeWorld,
  input: { content: string; allowed?: APIAllowedMentions | null; channelId: string; author: APIUser; repliedTo?: APIMessage },
): MentionResult {
  const users = new Map<string, APIUser>();
  for (const match of input.content.matchAll(/<@!?(\d{17,20})>/g)) {
    const id = match[1] ?? '';
    const user = world.users.get(id);
    if (user && allows(input.allowed, AllowedMentionsTypes.User, id)) users.set(id, user);
  }
  const replied = input.repliedTo?.author;
  if (replied && replied.id !== input.author.id && (!input.allowed || input.allowed.replied_user === true)) {
    users.set(replied.id, replied);
  }
  const roles = [...input.content.matchAll(/<@&(\d{17,20})>/g)]
    .map((m) => m[1] ?? '')
    .filter((id) => world.roles.has(id) && allows(input.allowed, AllowedMentionsTypes.Role, id));
  const wantsEveryone = /@(everyone|here)\b/.test(input.content) && allows(input.allowed, AllowedMentionsTypes.Everyone);
  const canEveryone =
    world.findChannel(input.channelId)?.kind === 'guild' &&
    (world.permissionsIn(input.channelId, input.author.id) & PermissionFlagsBits.MentionEveryone) !== 0n;
  return { mentions: [...users.values()], mention_roles: [...new Set(roles)], mention_everyone: wantsEveryone && canEveryone };
}

// ------------------------------------------------------------------ message objects

export interface MessageInit {
  channelId: string;
  author: APIUser;
  draft: MessageDraft;
  type?: MessageType;
  referenced?: APIMessage;
  /** Forced flags (e.g. Loading for a deferred reply) OR-ed with the draft's flags. */
  extraFlags?: number;
  webhookId?: string;
  applicationId?: string;
  interactionMetadata?: APIMessageInteractionMetadata;
}

function attachmentsFrom(files: UploadedFile[]): APIAttachment[] {
  return files.map((file) => {
    const id = nextSnowflake();
    const url = `https://cdn.fake.invalid/attachments/${id}/${encodeURIComponent(file.filename)}`;
    return { id, filename: file.filename, size: file.size, url, proxy_url: url, content_type: file.contentType };
  });
}

/** A copy of a message suitable for `referenced_message` (Discord nests one level only). */
function referenceCopy(message: APIMessage): APIMessage {
  const { referenced_message: _ignored, ...rest } = message;
  return rest;
}

export function buildMessage(world: FakeWorld, init: MessageInit): APIMessage {
  const { draft } = init;
  const content = draft.content ?? '';
  const mentions = resolveMentions(world, {
    content,
    allowed: draft.allowed_mentions,
    channelId: init.channelId,
    author: init.author,
    ...(init.referenced ? { repliedTo: init.referenced } : {}),
  });
  const guildId = world.guildOf(init.channelId);
  const message: APIMessage = {
    id: nextSnowflake(),
    channel_id: init.channelId,
    author: init.author,
    content,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: draft.tts ?? false,
    ...mentions,
    attachments: attachmentsFrom(draft.files),
    embeds: draft.embeds ?? [],
    components: draft.components ?? [],
    pinned: false,
    type: init.type ?? (init.referenced ? MessageType.Reply : MessageType.Default),
    flags: (draft.flags ?? 0) | (init.extraFlags ?? 0),
  };
  if (draft.nonce !== undefined) message.nonce = draft.nonce;
  if (init.webhookId) message.webhook_id = init.webhookId;
  if (init.applicationId) message.application_id = init.applicationId;
  if (init.interactionMetadata) message.interaction_metadata = init.interactionMetadata;
  if (init.referenced) {
    message.message_reference = {
      type: 0,
      message_id: init.referenced.id,
      channel_id: init.channelId,
      ...(guildId ? { guild_id: guildId } : {}),
    };
    message.referenced_message = referenceCopy(init.referenced);
  }
  return message;
}

/** Applies a PATCH body to a message (only fields present in the body change). */
export function applyEdit(world: FakeWorld, message: APIMessage, draft: MessageDraft, clearFlags = 0): APIMessage {
  const content = draft.content === undefined ? message.content : (draft.content ?? '');
  const allowed = draft.allowed_mentions === undefined ? undefined : draft.allowed_mentions;
  const mentions = resolveMentions(world, {
    content,
    allowed,
    channelId: message.channel_id,
    author: message.author,
    ...(message.referenced_message ? { repliedTo: message.referenced_message } : {}),
  });
  const flags = (message.flags ?? 0) & ~clearFlags;
  const updated: APIMessage = {
    ...message,
    ...mentions,
    content,
    embeds: draft.embeds === undefined ? message.embeds : (draft.embeds ?? []),
    components: draft.components === undefined ? (message.components ?? []) : (draft.components ?? []),
    attachments: [...message.attachments, ...attachmentsFrom(draft.files)],
    flags: flags,
    edited_timestamp: new Date().toISOString(),
  };
  return updated;
}

export const isEphemeral = (message: APIMessage): boolean => ((message.flags ?? 0) & MessageFlags.Ephemeral) !== 0;
export const isLoading = (message: APIMessage): boolean => ((message.flags ?? 0) & MessageFlags.Loading) !== 0;

/** A user-authored message (test side), e.g. "<@bot> question". */
export function buildUserMessage(
  world: FakeWorld,
  input: { channelId: string; author: APIUser; content: string; referenced?: APIMessage; pingRepliedUser: boolean },
): APIMessage {
  const draft: MessageDraft = {
    content: input.content,
    files: [],
    // A human client pings the replied-to author unless the user turns the ping off.
    ...(input.referenced && !input.pingRepliedUser
      ? {
          allowed_mentions: {
            parse: [AllowedMentionsTypes.User, AllowedMentionsTypes.Role, AllowedMentionsTypes.Everyone],
            replied_user: false,
          },
        }
      : {}),
  };
  return buildMessage(world, {
    channelId: input.channelId,
    author: input.author,
    draft,
    ...(input.referenced ? { referenced: input.referenced } : {}),
  });
}
