/**
 * Application commands (global and guild), stored for inspection and validated the way Discord
 * rejects bad deployments: names, description lengths, option counts/order, duplicates.
 */
import type { APIApplicationCommand, APIApplicationCommandOption } from 'discord-api-types/v10';
import { ApplicationCommandOptionType, ApplicationCommandType, ApplicationIntegrationType, type InteractionContextType } from 'discord.js';
import type { FakeContext } from './context.js';
import { RestError, invalidFormBody, unknownEntity } from './errors.js';
import { noContent, ok, type ParsedRequest, type RestResult, type RouteDef, type RouteParams } from './http.js';
import { nextSnowflake } from './snowflake.js';

type Route = RouteDef<FakeContext>;
type CommandInput = Record<string, unknown>;

const NAME_PATTERN = /^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const isRecord = (v: unknown): v is CommandInput => typeof v === 'object' && v !== null && !Array.isArray(v);

function validateName(path: string, name: unknown, chatInput: boolean): void {
  if (typeof name !== 'string' || name.length === 0) throw invalidFormBody(`${path}.name`, 'BASE_TYPE_REQUIRED', 'This field is required');
  if (chatInput && (!NAME_PATTERN.test(name) || name !== name.toLowerCase())) {
    throw invalidFormBody(`${path}.name`, 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
  }
  if (!chatInput && (name.length > 32 || name.length < 1))
    throw invalidFormBody(`${path}.name`, 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 32 in length.');
}

function validateDescription(path: string, description: unknown): void {
  if (typeof description !== 'string' || description.length < 1 || description.length > 100) {
    throw invalidFormBody(`${path}.description`, 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
  }
}

function validateOptions(path: string, options: unknown): void {
  if (options === undefined || options === null) return;
  if (!Array.isArray(options)) throw invalidFormBody(`${path}.options`, 'LIST_TYPE_CONVERT', 'Only iterables may be used in a ListType');
  if (options.length > 25) throw invalidFormBody(`${path}.options`, 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
  const names = new Set<string>();
  let sawOptional = false;
  options.forEach((raw: unknown, i) => {
    const at = `${path}.options.${i}`;
    if (!isRecord(raw)) throw invalidFormBody(at, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
    validateName(at, raw.name, true);
    validateDescription(at, raw.description);
    if (typeof raw.type !== 'number' || raw.type < 1 || raw.type > 11)
      throw invalidFormBody(`${at}.type`, 'BASE_TYPE_CHOICES', 'Value must be one of {1..11}.');
    if (names.has(String(raw.name)))
      throw invalidFormBody(at, 'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS', 'Option names must be unique');
    names.add(String(raw.name));
    if (raw.required === true && sawOptional) {
      throw invalidFormBody(
        at,
        'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID',
        'Required options must be placed before non-required options',
      );
    }
    if (raw.required !== true) sawOptional = true;
    if (Array.isArray(raw.choices) && raw.choices.length > 25)
      throw invalidFormBody(`${at}.choices`, 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
    if (raw.autocomplete === true && Array.isArray(raw.choices) && raw.choices.length > 0) {
      throw invalidFormBody(
        `${at}.autocomplete`,
        'APPLICATION_COMMAND_AUTOCOMPLETE_CHOICES',
        'Autocomplete cannot be set on options with choices',
      );
    }
    const nested = raw.type === ApplicationCommandOptionType.Subcommand || raw.type === ApplicationCommandOptionType.SubcommandGroup;
    if (nested) validateOptions(at, raw.options);
  });
}

function validateCommand(path: string, raw: unknown): CommandInput {
  if (!isRecord(raw)) throw invalidFormBody(path || '_root', 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
  const type = raw.type ?? ApplicationCommandType.ChatInput;
  const chatInput = type === ApplicationCommandType.ChatInput;
  validateName(path || '_root', raw.name, chatInput);
  if (chatInput) {
    validateDescription(path || '_root', raw.description);
    validateOptions(path || '_root', raw.options);
  }
  return raw;
}

class CommandScope {
  constructor(
    private readonly ctx: FakeContext,
    private readonly guildId: string | undefined,
  ) {}

  get store(): Map<string, APIApplicationCommand> {
    if (!this.guildId) return this.ctx.world.globalCommands;
    let store = this.ctx.world.guildCommands.get(this.guildId);
    if (!store) {
      store = new Map();
      this.ctx.world.guildCommands.set(this.guildId, store);
    }
    return store;
  }

  list(): APIApplicationCommand[] {
    return [...this.store.values()];
  }

  find(id: string): APIApplicationCommand {
    const command = this.store.get(id);
    if (!command) throw unknownEntity('application command');
    return command;
  }

  /** Discord keeps a command's id when one with the same name and type is overwritten. */
  toStored(input: CommandInput, existing?: APIApplicationCommand): APIApplicationCommand {
    const type = (input.type as ApplicationCommandType | undefined) ?? ApplicationCommandType.ChatInput;
    const sameName = existing ?? this.list().find((c) => c.name === input.name && c.type === type);
    return {
      id: sameName?.id ?? nextSnowflake(),
      application_id: this.ctx.world.ids.application,
      version: nextSnowflake(),
      type,
      name: String(input.name),
      name_localizations: (input.name_localizations as APIApplicationCommand['name_localizations']) ?? null,
      description: typeof input.description === 'string' ? input.description : '',
      description_localizations: (input.description_localizations as APIApplicationCommand['description_localizations']) ?? null,
      ...(Array.isArray(input.options) ? { options: input.options as APIApplicationCommandOption[] } : {}),
      default_member_permissions: typeof input.default_member_permissions === 'string' ? input.default_member_permissions : null,
      nsfw: input.nsfw === true,
      integration_types: (input.integration_types as ApplicationIntegrationType[] | undefined) ?? [ApplicationIntegrationType.GuildInstall],
      contexts: (input.contexts as InteractionContextType[] | undefined) ?? null,
      ...(this.guildId ? { guild_id: this.guildId } : {}),
    };
  }
}

function scopeOf(ctx: FakeContext, params: RouteParams, guild: boolean): CommandScope {
  if (params.get('app') !== ctx.world.ids.application) {
    throw new RestError(403, 20012, 'You are not authorized to perform this action on this application');
  }
  if (!guild) return new CommandScope(ctx, undefined);
  const guildId = params.get('guild');
  if (!ctx.world.hasGuild(guildId)) throw unknownEntity('Guild');
  return new CommandScope(ctx, guildId);
}

function bulkOverwrite(scope: CommandScope, req: ParsedRequest): RestResult {
  if (!Array.isArray(req.body)) throw invalidFormBody('_root', 'LIST_TYPE_CONVERT', 'Only iterables may be used in a ListType');
  const inputs = req.body.map((raw: unknown, i) => validateCommand(String(i), raw));
  const seen = new Set<string>();
  for (const input of inputs) {
    const key = `${typeof input.type === 'number' ? input.type : 1}:${String(input.name)}`;
    if (seen.has(key)) throw invalidFormBody('_root', 'APPLICATION_COMMANDS_DUPLICATE_NAME', `Application command names must be unique`);
    seen.add(key);
  }
  const stored = inputs.map((input) => scope.toStored(input));
  scope.store.clear();
  for (const command of stored) scope.store.set(command.id, command);
  return ok(stored);
}

function createOne(scope: CommandScope, req: ParsedRequest): RestResult {
  const command = scope.toStored(validateCommand('', req.body));
  scope.store.set(command.id, command);
  return ok(command);
}

function editOne(scope: CommandScope, req: ParsedRequest, params: RouteParams): RestResult {
  const existing = scope.find(params.get('command'));
  const merged = validateCommand('', { ...existing, ...(isRecord(req.body) ? req.body : {}) });
  const command = scope.toStored(merged, existing);
  scope.store.set(command.id, command);
  return ok(command);
}

function routesFor(base: string, guild: boolean): Route[] {
  const scoped =
    (fn: (scope: CommandScope, req: ParsedRequest, params: RouteParams) => RestResult): Route['handler'] =>
    (ctx, req, params) =>
      fn(scopeOf(ctx, params, guild), req, params);
  return [
    { method: 'GET', path: base, auth: true, handler: scoped((scope) => ok(scope.list())) },
    { method: 'PUT', path: base, auth: true, handler: scoped(bulkOverwrite) },
    { method: 'POST', path: base, auth: true, handler: scoped(createOne) },
    { method: 'GET', path: `${base}/:command`, auth: true, handler: scoped((scope, _req, p) => ok(scope.find(p.get('command')))) },
    { method: 'PATCH', path: `${base}/:command`, auth: true, handler: scoped(editOne) },
    {
      method: 'DELETE',
      path: `${base}/:command`,
      auth: true,
      handler: scoped((scope, _req, p) => {
        scope.store.delete(scope.find(p.get('command')).id);
        return noContent();
      }),
    },
  ];
}

export const commandRoutes: Route[] = [
  ...routesFor('/applications/:app/commands', false),
  ...routesFor('/applications/:app/guilds/:guild/commands', true),
];
