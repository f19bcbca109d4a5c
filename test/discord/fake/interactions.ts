/**
 * INTERACTION_CREATE payload builders (shaped like Discord's), the per-interaction record the
 * REST side fills in (callback, original message, edits, follow-ups), and test-facing handles.
 */
import type {
  APIApplicationCommand,
  APIApplicationCommandAutocompleteInteraction,
  APIApplicationCommandInteractionDataOption,
  APIApplicationCommandOption,
  APIChatInputApplicationCommandInteraction,
  APIInteraction,
  APIMessage,
  APIMessageComponentButtonInteraction,
  APIUser,
} from 'discord-api-types/v10';
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ChannelType,
  ComponentType,
  InteractionContextType,
  InteractionResponseType,
  InteractionType,
  Locale,
} from 'discord.js';
import type { Notifier } from './notifier.js';
import { DM_PERMISSIONS } from './permissions.js';
import { nextSnowflake, randomToken } from './snowflake.js';
import type { FakeWorld, UserKey } from './world.js';

export type InteractionKind = 'slash' | 'autocomplete' | 'button' | 'message_command';
export type OptionValue = string | number | boolean;
export type CommandOptionsInput = Record<string, OptionValue> | APIApplicationCommandInteractionDataOption[];

/** Where and by whom an interaction is invoked. Defaults: user 'member', channel #general. */
export interface InvokeOptions {
  user?: UserKey;
  /** Guild text channel id (ignored when dm is true). */
  channelId?: string;
  /** Invoke from the user's DM with the bot instead of the guild. */
  dm?: boolean;
  locale?: Locale;
}

export interface SlashCommandInput extends InvokeOptions {
  name: string;
  /** A subcommand of the command: `options` are then the subcommand's. */
  subcommand?: string;
  /** `{ question: 'hi' }` (types from the registered command, else inferred) or raw API options. */
  options?: CommandOptionsInput;
}

export interface AutocompleteInput extends InvokeOptions {
  name: string;
  subcommand?: string;
  /** Name of the option being typed in. */
  focused: string;
  /** What the user has typed so far. */
  value: string;
  /** Other options already filled in. */
  options?: Record<string, OptionValue>;
}

/** A message context-menu command ("Apps" → the command) used on a message. */
export interface MessageCommandInput {
  name: string;
  /** The message it is used on (e.g. `sent.message` from sendMessage); must be in a channel of the fake. */
  target: APIMessage;
  user?: UserKey;
  locale?: Locale;
}

export interface ButtonClickInput {
  customId: string;
  /** The message carrying the button (e.g. from `handle.record().original` or `fake.messages()`). */
  message: APIMessage;
  user?: UserKey;
  locale?: Locale;
}

export interface CallbackRecord {
  type: InteractionResponseType;
  /** The callback body's `data` as the bot sent it. */
  data: unknown;
  withResponse: boolean;
  /** performance.now() when the fake received the callback. */
  receivedAt: number;
  /** Time from dispatch to callback, in ms. */
  latencyMs: number;
}

export interface InteractionRecord {
  readonly id: string;
  readonly token: string;
  readonly kind: InteractionKind;
  /** Command name or button custom id. */
  readonly name: string;
  readonly payload: APIInteraction;
  readonly channelId: string;
  /** performance.now() at dispatch (Discord's 3 s acknowledgement window starts here). */
  readonly dispatchedAt: number;
  callback?: CallbackRecord;
  /** Callback attempts the fake refused (e.g. 40060 already acknowledged, 10062 too late). */
  rejectedCallbacks: Array<{ status: number; code: number; at: number }>;
  /** The current state of the original response (or, for deferred updates, the component message). */
  original?: APIMessage;
  /** True once the original response carries real content (not "thinking…", not an un-edited deferUpdate). */
  finalized: boolean;
  originalDeleted: boolean;
  followUps: APIMessage[];
  edits: Array<{ messageId: string; body: unknown; at: number }>;
}

export interface InteractionHandle {
  readonly id: string;
  readonly token: string;
  readonly payload: APIInteraction;
  /** The live record (mutated as the bot responds). */
  record(): InteractionRecord;
  /** Resolves with the initial callback (reply, defer, autocomplete result, modal…). */
  waitForResponse(timeoutMs?: number): Promise<CallbackRecord>;
  /** Resolves with the original response message once it has real content (after editReply for defers). */
  waitForFinal(timeoutMs?: number): Promise<APIMessage>;
  /** Resolves with the n-th (1-based) follow-up message. */
  waitForFollowUp(n?: number, timeoutMs?: number): Promise<APIMessage>;
}

export const DEFAULT_RESPONSE_TIMEOUT_MS = 3_500;
export const DEFAULT_FINAL_TIMEOUT_MS = 5_000;

// ------------------------------------------------------------------ store

export class InteractionStore {
  private readonly byToken = new Map<string, InteractionRecord>();
  private readonly unregisteredCommandIds = new Map<string, string>();

  add(record: InteractionRecord): void {
    this.byToken.set(record.token, record);
  }

  byIdAndToken(id: string, token: string): InteractionRecord | undefined {
    const record = this.byToken.get(token);
    return record?.id === id ? record : undefined;
  }

  get(token: string): InteractionRecord | undefined {
    return this.byToken.get(token);
  }

  all(): InteractionRecord[] {
    return [...this.byToken.values()];
  }

  /** Stable made-up id for a command the bot never registered. */
  commandIdFor(name: string): string {
    let id = this.unregisteredCommandIds.get(name);
    if (!id) {
      id = nextSnowflake();
      this.unregisteredCommandIds.set(name, id);
    }
    return id;
  }
}

// ------------------------------------------------------------------ payload builders

interface Invocation {
  user: APIUser;
  channelId: string;
  common: Omit<APIChatInputApplicationCommandInteraction, 'type' | 'data' | 'id' | 'token'>;
}

/** Fields every interaction carries; `member.permissions` and `app_permissions` as Discord computes them. */
function invocation(world: FakeWorld, options: InvokeOptions): Invocation {
  const user = world.user(options.user ?? 'member');
  const locale = options.locale ?? Locale.EnglishUS;
  const base = {
    application_id: world.ids.application,
    version: 1 as const,
    locale,
    entitlements: [],
    attachment_size_limit: 10 * 1024 * 1024,
  };
  if (options.dm) {
    const channel = world.dmChannelFor(user.id);
    return {
      user,
      channelId: channel.id,
      common: {
        ...base,
        channel: { id: channel.id, type: ChannelType.DM, recipients: [user], last_message_id: channel.last_message_id ?? null },
        channel_id: channel.id,
        user,
        app_permissions: DM_PERMISSIONS.toString(),
        // Guild-installed app used in its bot DM: the GUILD_INSTALL owner is "0".
        authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: '0' },
        context: InteractionContextType.BotDM,
      },
    };
  }
  const channelId = options.channelId ?? world.ids.channels.general;
  const found = world.findChannel(channelId);
  if (found?.kind !== 'guild') throw new Error(`Fake Discord: ${channelId} is not a guild text channel of the fake guild`);
  const guildId = found.channel.guild_id ?? world.ids.guild;
  const member = world.apiMember(user.id, guildId);
  if (!member) throw new Error(`Fake Discord: ${user.username} is not a guild member`);
  const memberPermissions = world.permissionsIn(channelId, user.id).toString();
  const { permission_overwrites: _overwrites, ...channel } = found.channel;
  return {
    user,
    channelId,
    common: {
      ...base,
      guild_id: guildId,
      guild: { id: guildId, locale: Locale.EnglishUS, features: [] },
      guild_locale: Locale.EnglishUS,
      channel: { ...channel, permissions: memberPermissions } as Invocation['common']['channel'],
      channel_id: channelId,
      member: { ...member, user, permissions: memberPermissions },
      app_permissions: world.botPermissionsIn(channelId).toString(),
      authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: guildId },
      context: InteractionContextType.Guild,
    },
  };
}

function findCommand(
  world: FakeWorld,
  name: string,
  guildId: string | undefined,
  type = ApplicationCommandType.ChatInput,
): APIApplicationCommand | undefined {
  const isMatch = (c: APIApplicationCommand): boolean => c.name === name && c.type === type;
  const guildCommands = guildId ? [...(world.guildCommands.get(guildId)?.values() ?? [])] : [];
  return guildCommands.find(isMatch) ?? [...world.globalCommands.values()].find(isMatch);
}

function inferOptionType(value: OptionValue): ApplicationCommandOptionType {
  if (typeof value === 'boolean') return ApplicationCommandOptionType.Boolean;
  if (typeof value === 'number')
    return Number.isInteger(value) ? ApplicationCommandOptionType.Integer : ApplicationCommandOptionType.Number;
  return ApplicationCommandOptionType.String;
}

/**
 * `{ name: value }` → API options. With a registered command, option types come from its
 * definition and unknown or missing required options throw (Discord's client would not send them).
 */
function toApiOptions(
  input: CommandOptionsInput | undefined,
  command: APIApplicationCommand | undefined,
  focused?: string,
): APIApplicationCommandInteractionDataOption[] {
  if (Array.isArray(input)) return input;
  const values = input ?? {};
  const defs: APIApplicationCommandOption[] = command?.options ?? [];
  if (command) {
    for (const name of Object.keys(values)) {
      if (!defs.some((d) => d.name === name)) throw new Error(`Fake Discord: /${command.name} has no option "${name}"`);
    }
    const missing = defs.filter((d) => 'required' in d && d.required && !(d.name in values) && d.name !== focused);
    if (missing.length > 0 && focused === undefined) {
      throw new Error(`Fake Discord: /${command.name} requires option(s) ${missing.map((d) => d.name).join(', ')}`);
    }
  }
  return Object.entries(values).map(([name, value]) => {
    const type = defs.find((d) => d.name === name)?.type ?? inferOptionType(value);
    const option = { name, type, value, ...(name === focused ? { focused: true } : {}) };
    return option as APIApplicationCommandInteractionDataOption;
  });
}

function newRecord(kind: InteractionKind, name: string, payload: APIInteraction, channelId: string): InteractionRecord {
  return {
    id: payload.id,
    token: payload.token,
    kind,
    name,
    payload,
    channelId,
    dispatchedAt: performance.now(),
    rejectedCallbacks: [],
    finalized: false,
    originalDeleted: false,
    followUps: [],
    edits: [],
  };
}

/**
 * Options as Discord nests them under a subcommand, and `resolved` (the channels and roles the
 * options name, as discord.js reads them for getChannel/getRole).
 */
function subcommandOptions(
  world: FakeWorld,
  command: APIApplicationCommand | undefined,
  subcommand: string | undefined,
  build: (definition: APIApplicationCommand | undefined) => APIApplicationCommandInteractionDataOption[],
): { options: APIApplicationCommandInteractionDataOption[]; resolved?: Record<string, Record<string, unknown>> } {
  let leaf: APIApplicationCommandInteractionDataOption[];
  let options: APIApplicationCommandInteractionDataOption[];
  if (subcommand === undefined) {
    leaf = build(command);
    options = leaf;
  } else {
    const definition = command?.options?.find((o) => o.name === subcommand && o.type === ApplicationCommandOptionType.Subcommand);
    if (command && !definition) throw new Error(`Fake Discord: /${command.name} has no subcommand "${subcommand}"`);
    const asCommand =
      definition && command
        ? ({
            ...command,
            name: `${command.name} ${subcommand}`,
            options: 'options' in definition ? (definition.options ?? []) : [],
          } as APIApplicationCommand)
        : undefined;
    leaf = build(asCommand);
    options = [
      { name: subcommand, type: ApplicationCommandOptionType.Subcommand, options: leaf } as APIApplicationCommandInteractionDataOption,
    ];
  }
  const channels: Record<string, unknown> = {};
  const roles: Record<string, unknown> = {};
  for (const option of leaf) {
    const value = 'value' in option ? String(option.value) : '';
    if (option.type === ApplicationCommandOptionType.Channel) {
      const found = world.findChannel(value);
      if (found?.kind !== 'guild') throw new Error(`Fake Discord: option ${option.name}: no guild channel ${value}`);
      const { permission_overwrites: _overwrites, ...channel } = found.channel;
      channels[value] = { ...channel, permissions: world.botPermissionsIn(value).toString() };
    }
    if (option.type === ApplicationCommandOptionType.Role) {
      const role = world.roles.get(value);
      if (!role) throw new Error(`Fake Discord: option ${option.name}: no role ${value}`);
      roles[value] = role;
    }
  }
  const resolved = {
    ...(Object.keys(channels).length > 0 ? { channels } : {}),
    ...(Object.keys(roles).length > 0 ? { roles } : {}),
  };
  return { options, ...(Object.keys(resolved).length > 0 ? { resolved } : {}) };
}

export function buildSlashCommand(world: FakeWorld, store: InteractionStore, input: SlashCommandInput): InteractionRecord {
  const { common, channelId } = invocation(world, input);
  const command = findCommand(world, input.name, input.dm ? undefined : world.guildOf(input.channelId ?? world.ids.channels.general));
  const { options, resolved } = subcommandOptions(world, command, input.subcommand, (definition) =>
    toApiOptions(input.options, definition),
  );
  const payload: APIChatInputApplicationCommandInteraction = {
    ...common,
    id: nextSnowflake(),
    token: randomToken(),
    type: InteractionType.ApplicationCommand,
    data: {
      id: command?.id ?? store.commandIdFor(input.name),
      name: input.name,
      type: ApplicationCommandType.ChatInput,
      ...(options.length > 0 ? { options } : {}),
      ...(resolved ? { resolved } : {}),
      ...(command?.guild_id ? { guild_id: command.guild_id } : {}),
    },
  };
  return newRecord('slash', input.name, payload, channelId);
}

export function buildAutocomplete(world: FakeWorld, store: InteractionStore, input: AutocompleteInput): InteractionRecord {
  const { common, channelId } = invocation(world, input);
  const command = findCommand(world, input.name, input.dm ? undefined : world.guildOf(input.channelId ?? world.ids.channels.general));
  const { options } = subcommandOptions(world, command, input.subcommand, (definition) =>
    toApiOptions({ ...input.options, [input.focused]: input.value }, definition, input.focused),
  );
  const payload = {
    ...common,
    id: nextSnowflake(),
    token: randomToken(),
    type: InteractionType.ApplicationCommandAutocomplete,
    data: {
      id: command?.id ?? store.commandIdFor(input.name),
      name: input.name,
      type: ApplicationCommandType.ChatInput,
      options,
    },
  } as APIApplicationCommandAutocompleteInteraction;
  return newRecord('autocomplete', input.name, payload, channelId);
}

/**
 * As Discord sends it: type 2 with data.type 3, the target's id, and the target message in
 * data.resolved.messages, with its content (no Message Content intent needed for it).
 */
export function buildMessageCommand(world: FakeWorld, store: InteractionStore, input: MessageCommandInput): InteractionRecord {
  const message = world.findMessage(input.target.channel_id, input.target.id);
  if (!message) throw new Error(`Fake Discord: no message ${input.target.id} in channel ${input.target.channel_id}`);
  const dm = world.findChannel(message.channel_id)?.kind === 'dm';
  const { common, channelId } = invocation(world, {
    ...(input.user ? { user: input.user } : {}),
    ...(input.locale ? { locale: input.locale } : {}),
    dm,
    channelId: message.channel_id,
  });
  const command = findCommand(world, input.name, dm ? undefined : world.guildOf(channelId), ApplicationCommandType.Message);
  const payload = {
    ...common,
    id: nextSnowflake(),
    token: randomToken(),
    type: InteractionType.ApplicationCommand,
    data: {
      id: command?.id ?? store.commandIdFor(input.name),
      name: input.name,
      type: ApplicationCommandType.Message,
      target_id: message.id,
      resolved: { messages: { [message.id]: message } },
      ...(command?.guild_id ? { guild_id: command.guild_id } : {}),
    },
  } as unknown as APIInteraction;
  return newRecord('message_command', input.name, payload, channelId);
}

export function buildButtonClick(world: FakeWorld, input: ButtonClickInput): InteractionRecord {
  const message = world.findMessage(input.message.channel_id, input.message.id) ?? input.message;
  const dm = world.findChannel(message.channel_id)?.kind === 'dm';
  const { common, channelId } = invocation(world, {
    ...(input.user ? { user: input.user } : {}),
    ...(input.locale ? { locale: input.locale } : {}),
    dm,
    channelId: message.channel_id,
  });
  const payload: APIMessageComponentButtonInteraction = {
    ...common,
    id: nextSnowflake(),
    token: randomToken(),
    type: InteractionType.MessageComponent,
    message,
    data: { custom_id: input.customId, component_type: ComponentType.Button },
  };
  return newRecord('button', input.customId, payload, channelId);
}

// ------------------------------------------------------------------ handles

const CALLBACK_NAMES: Partial<Record<number, string>> = {
  [InteractionResponseType.ChannelMessageWithSource]: 'reply (4)',
  [InteractionResponseType.DeferredChannelMessageWithSource]: 'deferReply (5)',
  [InteractionResponseType.DeferredMessageUpdate]: 'deferUpdate (6)',
  [InteractionResponseType.UpdateMessage]: 'update (7)',
  [InteractionResponseType.ApplicationCommandAutocompleteResult]: 'autocomplete result (8)',
  [InteractionResponseType.Modal]: 'modal (9)',
};

export function describeRecord(record: InteractionRecord): string {
  const label = record.kind === 'button' ? `button "${record.name}"` : `${record.kind} /${record.name}`;
  const callback = record.callback ? (CALLBACK_NAMES[record.callback.type] ?? `type ${record.callback.type}`) : 'none';
  const rejected = record.rejectedCallbacks.map((r) => `${r.status}/${r.code}`).join(', ') || 'none';
  const original = record.original ? `"${record.original.content.slice(0, 80)}"${record.finalized ? '' : ' (not final)'}` : 'none';
  return `${label} (interaction ${record.id}): callback=${callback}; rejected callbacks=${rejected}; original=${original}; follow-ups=${record.followUps.length}`;
}

export function createHandle(record: InteractionRecord, notifier: Notifier, diagnostics: () => string): InteractionHandle {
  const explain = (what: string) => (): string => `${what} of ${describeRecord(record)}${diagnostics()}`;
  return {
    id: record.id,
    token: record.token,
    payload: record.payload,
    record: () => record,
    waitForResponse: (timeoutMs = DEFAULT_RESPONSE_TIMEOUT_MS) =>
      notifier.waitFor(() => record.callback, timeoutMs, explain('the initial response')),
    waitForFinal: (timeoutMs = DEFAULT_FINAL_TIMEOUT_MS) => {
      if (record.kind === 'autocomplete') {
        return Promise.reject(new Error('Autocomplete interactions have no message; use waitForResponse()'));
      }
      return notifier.waitFor(
        () => (record.finalized && record.original ? record.original : undefined),
        timeoutMs,
        explain('the final response message'),
      );
    },
    waitForFollowUp: (n = 1, timeoutMs = DEFAULT_FINAL_TIMEOUT_MS) =>
      notifier.waitFor(() => record.followUps[n - 1], timeoutMs, explain(`follow-up #${n}`)),
  };
}
