/**
 * A local fake of Discord (REST API v10 + gateway v10) for end-to-end tests with the real
 * discord.js client. Listens on 127.0.0.1 only (random port).
 *
 *   const fake = await startFakeDiscord();
 *   const client = new Client({ intents, partials, rest: { api: fake.apiBaseUrl } });
 *   await client.login('fake-token');            // discord.js finds the gateway via GET /gateway/bot
 *   const ask = await fake.slashCommand({ name: 'ask', options: { question: 'hi' } });
 *   const reply = await ask.waitForFinal();      // APIMessage after reply / deferReply+editReply
 *   await client.destroy(); await fake.close();
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIApplicationCommand, APIMessage, GatewayReadyDispatchData } from 'discord-api-types/v10';
import { ApplicationFlags, GatewayIntentBits } from 'discord.js';
import type { FakeContext, FakeSettings } from './fake/context.js';
import { dispatchChannelUpdate, dispatchMessageCreate, dispatchRoleUpdate } from './fake/events.js';
import {
  FakeGateway,
  GATEWAY_PATH,
  shardReceives,
  RESUME_GATEWAY_PATH,
  type GatewayConnectionInfo,
  type GatewayReceivedPayload,
} from './fake/gateway.js';
import { createRestListener, type RecordedRequest, type RestFault } from './fake/http.js';
import {
  InteractionStore,
  buildAutocomplete,
  buildButtonClick,
  buildMessageCommand,
  buildSlashCommand,
  createHandle,
  type AutocompleteInput,
  type ButtonClickInput,
  type InteractionHandle,
  type InteractionRecord,
  type MessageCommandInput,
  type SlashCommandInput,
} from './fake/interactions.js';
import { buildUserMessage } from './fake/messages.js';
import { Notifier } from './fake/notifier.js';
import { DEFAULT_BOT_PERMISSIONS } from './fake/permissions.js';
import { coreRoutes } from './fake/routes-core.js';
import { commandRoutes } from './fake/routes-commands.js';
import { interactionRoutes } from './fake/routes-interactions.js';
import { messageRoutes } from './fake/routes-messages.js';
import { FakeWorld, type FakeIds, type UserKey } from './fake/world.js';

export type { FakeIds, UserKey } from './fake/world.js';
export type { RecordedRequest, RestFault } from './fake/http.js';
export type { GatewayConnectionInfo, GatewayReceivedPayload } from './fake/gateway.js';
export type {
  AutocompleteInput,
  ButtonClickInput,
  CallbackRecord,
  CommandOptionsInput,
  InteractionHandle,
  MessageCommandInput,
  InteractionRecord,
  SlashCommandInput,
} from './fake/interactions.js';
export { DEFAULT_BOT_PERMISSIONS } from './fake/permissions.js';

export interface FakeDiscordOptions {
  /** Require exactly this bot token (REST "Bot <token>" and IDENTIFY). Default: any non-empty token. */
  token?: string;
  botUsername?: string;
  guildName?: string;
  /** Permissions of the bot's managed role (effective = @everyone | this). */
  botPermissions?: bigint;
  /** HELLO heartbeat_interval. Discord uses 41250 ms. */
  heartbeatIntervalMs?: number;
  /** Discord's 3 s window for the initial interaction response; later callbacks fail with 10062. */
  interactionAckTimeoutMs?: number;
  /** Gap between READY and GUILD_CREATE frames. */
  guildCreateDelayMs?: number;
  /** Artificial latency added to every REST response. */
  restDelayMs?: number;
  /**
   * READY/application flags. The privileged intents are allowed only when their flag is set, as
   * on Discord: e.g. ApplicationFlags.GatewayMessageContentLimited switches Message Content on;
   * without it, IDENTIFY with that intent is closed with 4014. Default 0: none switched on.
   */
  applicationFlags?: number;
  /** How many guilds the bot is in (default 1); the others are in `ids.otherGuilds`. */
  guilds?: number;
  /** The shard count GET /gateway/bot recommends (default 1). */
  recommendedShards?: number;
  /** GET /gateway/bot's max_concurrency (default 1: discord.js then identifies one shard per 5 s in a process). */
  maxConcurrency?: number;
}

export interface SendMessageInput {
  content: string;
  /** Default 'member'. */
  author?: UserKey;
  /** Guild text channel (default #general); ignored when dm is true. */
  channelId?: string;
  /** Prefixes "<@BOTID> " (unless already present) so the bot is in `mentions`. */
  mentionsBot?: boolean;
  /** Id of a message in the same channel to reply to. */
  replyTo?: string;
  /** For replies: whether the reply pings the replied-to author (Discord client default: yes). */
  pingRepliedUser?: boolean;
  /** Send in the author's DM channel with the bot. */
  dm?: boolean;
}

export interface SentMessage {
  message: APIMessage;
  /** Gateway sessions that received MESSAGE_CREATE (0 if the bot lacks the needed intent). */
  deliveredTo: number;
  /** Resolves with the bot's message whose message_reference points at this message. */
  waitForReply(timeoutMs?: number): Promise<APIMessage>;
}

export interface FakeDiscord {
  readonly port: number;
  /** "http://127.0.0.1:PORT/api": discord.js `rest.api` (DISCORD_API_URL); routes live under /api/v10. */
  readonly apiBaseUrl: string;
  readonly gatewayUrl: string;
  readonly ids: FakeIds;

  // driving
  slashCommand(input: SlashCommandInput): Promise<InteractionHandle>;
  autocomplete(input: AutocompleteInput): Promise<InteractionHandle>;
  buttonClick(input: ButtonClickInput): Promise<InteractionHandle>;
  /** A message context-menu command used on a message. */
  messageCommand(input: MessageCommandInput): Promise<InteractionHandle>;
  sendMessage(input: SendMessageInput): Promise<SentMessage>;
  /** A new post in a forum channel: THREAD_CREATE, then its opening message (whose id is the thread's). */
  createForumPost(input: { forumId: string; title: string; content: string; author?: UserKey }): Promise<SentMessage>;
  /** Resolves with the first bot-authored message in the channel matching the predicate. */
  waitForBotMessage(channelId: string, predicate?: (m: APIMessage) => boolean, timeoutMs?: number): Promise<APIMessage>;
  /** Raw dispatch to every live session; returns how many received it. */
  dispatch(event: string, data: unknown): number;

  // gateway control
  /** Resolves once a bot session has identified (events are then delivered or buffered for resume). */
  waitForSession(timeoutMs?: number): Promise<void>;
  /** Resolves once these shards ("id/count", e.g. ["0/2", "1/2"]) all have a connected session. */
  waitForShards(shards: string[], timeoutMs?: number): Promise<void>;
  /** The shards with a connected session, as "id/count". */
  connectedShards(): string[];
  /** Closes live gateway sockets so discord.js resumes (default close code 4000; abrupt → 1006). */
  dropConnection(options?: { code?: number; abrupt?: boolean }): number;
  /** op 7 RECONNECT. */
  requestReconnect(): number;
  /** op 9 INVALID_SESSION. */
  invalidateSessions(resumable?: boolean): number;
  gatewayConnections(): GatewayConnectionInfo[];
  gatewayReceived(): GatewayReceivedPayload[];

  // inspection
  /** Registered commands: global, or the guild's when a guild id is given. */
  commands(guildId?: string): APIApplicationCommand[];
  messages(channelId: string): APIMessage[];
  /** Pinned messages, newest pin first. */
  pins(channelId: string): APIMessage[];
  requests(filter?: { method?: string; route?: string }): RecordedRequest[];
  unknownRoutes(): RecordedRequest[];
  /** The next `times` requests (default 1) to a route template, e.g. 'POST /interactions/:id/:token/callback', get `fault` instead of an answer. */
  injectFault(route: string, fault: RestFault, times?: number): void;
  /**
   * Holds the next request to a route template (e.g. 'PUT /channels/:channel/pins/:message') until
   * released: `arrived` resolves when it comes in, so a test can act while the bot waits for the answer.
   */
  holdNextRequest(route: string): { arrived: Promise<void>; release: () => void };
  interactions(): InteractionRecord[];
  /**
   * 'guild': sets the bot role's permissions (null → default). A channel id: makes the bot's
   * permissions in that channel exactly `permissions` via a member overwrite (null → remove it).
   * Either way discord.js is told via GUILD_ROLE_UPDATE / CHANNEL_UPDATE.
   */
  setBotPermissions(target: string, permissions: bigint | null): void;
  /** Effective permissions of a scripted user (or the bot) in a channel. */
  permissionsOf(who: UserKey | 'bot', channelId: string): bigint;

  close(): Promise<void>;
}

const DEFAULTS = {
  botUsername: 'Kratom Guide',
  guildName: 'Fake Kratom Support',
  heartbeatIntervalMs: 41_250,
  interactionAckTimeoutMs: 3_000,
  guildCreateDelayMs: 15,
  restDelayMs: 0,
  applicationFlags: 0,
} as const;

const SESSION_WAIT_MS = 2_000;

/** Privileged intents and the application flags that switch each on (verified app, or the "limited" toggle). */
const PRIVILEGED_INTENTS: [number, number][] = [
  [GatewayIntentBits.MessageContent, ApplicationFlags.GatewayMessageContent | ApplicationFlags.GatewayMessageContentLimited],
  [GatewayIntentBits.GuildMembers, ApplicationFlags.GatewayGuildMembers | ApplicationFlags.GatewayGuildMembersLimited],
  [GatewayIntentBits.GuildPresences, ApplicationFlags.GatewayPresence | ApplicationFlags.GatewayPresenceLimited],
];

function disallowedIntents(intents: number, applicationFlags: number): boolean {
  return PRIVILEGED_INTENTS.some(([intent, flags]) => (intents & intent) !== 0 && (applicationFlags & flags) === 0);
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const world = new FakeWorld({
    botUsername: options.botUsername ?? DEFAULTS.botUsername,
    guildName: options.guildName ?? DEFAULTS.guildName,
    botPermissions: options.botPermissions ?? DEFAULT_BOT_PERMISSIONS,
    guilds: options.guilds ?? 1,
  });
  const notifier = new Notifier();
  const interactions = new InteractionStore();
  const requestLog: RecordedRequest[] = [];
  const faults: Array<{ route: string; fault: RestFault; remaining: number }> = [];
  const holds: Array<{ route: string; arrive(): void; released: Promise<void> }> = [];
  let port = 0;
  const applicationFlags = options.applicationFlags ?? DEFAULTS.applicationFlags;

  const settings: FakeSettings = {
    interactionAckTimeoutMs: options.interactionAckTimeoutMs ?? DEFAULTS.interactionAckTimeoutMs,
    applicationFlags,
    recommendedShards: options.recommendedShards ?? 1,
    maxConcurrency: options.maxConcurrency ?? 1,
    gatewayUrl: () => `ws://127.0.0.1:${port}${GATEWAY_PATH}`,
  };

  const gateway = new FakeGateway({
    token: options.token,
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? DEFAULTS.heartbeatIntervalMs,
    guildCreateDelayMs: options.guildCreateDelayMs ?? DEFAULTS.guildCreateDelayMs,
    resumeGatewayUrl: () => `ws://127.0.0.1:${port}${RESUME_GATEWAY_PATH}`,
    readyPayload: (sessionId, shard): GatewayReadyDispatchData => ({
      v: 10,
      user: world.botUser(),
      guilds: world
        .guildIds()
        .filter((id) => shardReceives(shard, id))
        .map((id) => ({ id, unavailable: true })),
      session_id: sessionId,
      resume_gateway_url: `ws://127.0.0.1:${port}${RESUME_GATEWAY_PATH}`,
      shard,
      application: { id: world.ids.application, flags: applicationFlags, flags_new: String(applicationFlags) },
    }),
    guildCreatePayloads: (intents, shard) =>
      world
        .guildIds()
        .filter((id) => shardReceives(shard, id))
        .map((id) => world.guildCreatePayload((intents & GatewayIntentBits.GuildPresences) !== 0, id)),
    disallowedIntents: (intents) => disallowedIntents(intents, applicationFlags),
    onChange: () => notifier.changed(),
  });

  const ctx: FakeContext = { world, gateway, interactions, notifier, settings };

  const authorize = (header: string | undefined): boolean => {
    if (!header?.startsWith('Bot ')) return false;
    const token = header.slice(4);
    return token.length > 0 && (options.token === undefined || token === options.token);
  };

  const server = createServer(
    createRestListener({
      ctx,
      routes: [...coreRoutes, ...messageRoutes, ...commandRoutes, ...interactionRoutes],
      authorize,
      delayMs: options.restDelayMs ?? DEFAULTS.restDelayMs,
      holdFor: (method, route) => {
        const index = holds.findIndex((hold) => hold.route === `${method} ${route}`);
        if (index < 0) return undefined;
        const [hold] = holds.splice(index, 1);
        hold!.arrive();
        return hold!.released;
      },
      faultFor: (method, route) => {
        const pending = faults.find((f) => f.route === `${method} ${route}` && f.remaining > 0);
        if (!pending) return undefined;
        pending.remaining -= 1;
        return pending.fault;
      },
      onRecorded: (entry) => {
        requestLog.push(entry);
        notifier.changed();
      },
    }),
  );
  server.on('upgrade', (req, socket, head) => gateway.handleUpgrade(req, socket, head));
  port = await listen(server);

  /** Appended to timeout errors: what went wrong on the REST side recently. */
  const diagnostics = (): string => {
    const failures = requestLog.filter((r) => r.status >= 400).slice(-5);
    const shown = (r: RecordedRequest): string => (r.route?.includes(':token') ? r.route : r.path); // tokens are noise
    const lines = failures.map((r) => `${r.method} ${shown(r)} → ${r.status}${r.error ? ` ${r.error.code} ${r.error.message}` : ''}`);
    const gatewayState = gateway.hasLiveSession() ? 'bot session live' : 'NO bot session connected';
    return `\n  [${gatewayState}] recent REST failures: ${lines.length > 0 ? lines.join('; ') : 'none'}`;
  };

  const waitForSession = async (timeoutMs = SESSION_WAIT_MS): Promise<void> => {
    await notifier.waitFor(
      () => (gateway.hasLiveSession() ? true : undefined),
      timeoutMs,
      () => 'a bot gateway session (did the client log in with rest.api = fake.apiBaseUrl?)',
    );
  };

  const dispatchInteraction = async (record: InteractionRecord): Promise<InteractionHandle> => {
    await waitForSession();
    interactions.add(record);
    gateway.dispatch('INTERACTION_CREATE', (session) =>
      shardReceives(session.shard, record.payload.guild_id) ? record.payload : undefined,
    );
    notifier.changed();
    return createHandle(record, notifier, diagnostics);
  };

  const sendMessage = async (input: SendMessageInput): Promise<SentMessage> => {
    const author = world.user(input.author ?? 'member');
    const channelId = input.dm ? world.dmChannelFor(author.id).id : (input.channelId ?? world.ids.channels.general);
    if (!world.findChannel(channelId)) throw new Error(`Fake Discord: unknown channel ${channelId}`);
    const mention = `<@${world.ids.botUser}>`;
    const content = input.mentionsBot && !input.content.includes(mention) ? `${mention} ${input.content}` : input.content;
    const referenced = input.replyTo ? world.findMessage(channelId, input.replyTo) : undefined;
    if (input.replyTo && !referenced) throw new Error(`Fake Discord: no message ${input.replyTo} in channel ${channelId}`);
    const message = buildUserMessage(world, {
      channelId,
      author,
      content,
      pingRepliedUser: input.pingRepliedUser ?? true,
      ...(referenced ? { referenced } : {}),
    });
    await waitForSession();
    world.addMessage(message);
    const deliveredTo = dispatchMessageCreate(ctx, message);
    notifier.changed();
    const isReply = (m: APIMessage): boolean => m.author.id === world.ids.botUser && m.message_reference?.message_id === message.id;
    return {
      message,
      deliveredTo,
      waitForReply: (timeoutMs = 5_000) =>
        notifier.waitFor(
          () => world.messagesIn(channelId).find(isReply),
          timeoutMs,
          () => `the bot's reply to message ${message.id} ("${content.slice(0, 60)}") in channel ${channelId}${diagnostics()}`,
        ),
    };
  };

  const createForumPost = async (input: { forumId: string; title: string; content: string; author?: UserKey }): Promise<SentMessage> => {
    const author = world.user(input.author ?? 'member');
    await waitForSession();
    const thread = world.createThread(input.forumId, input.title, author.id);
    gateway.dispatch('THREAD_CREATE', (session) =>
      (session.intents & GatewayIntentBits.Guilds) !== 0 ? { ...thread, newly_created: true } : undefined,
    );
    const message = {
      ...buildUserMessage(world, { channelId: thread.id, author, content: input.content, pingRepliedUser: true }),
      id: thread.id,
    };
    world.addMessage(message);
    const deliveredTo = dispatchMessageCreate(ctx, message);
    notifier.changed();
    return {
      message,
      deliveredTo,
      waitForReply: (timeoutMs = 5_000) =>
        notifier.waitFor(
          () =>
            world.messagesIn(thread.id).find((m) => m.author.id === world.ids.botUser && m.message_reference?.message_id === message.id),
          timeoutMs,
          () => `the bot's reply to the forum post ${thread.id}${diagnostics()}`,
        ),
    };
  };

  const setBotPermissions = (target: string, permissions: bigint | null): void => {
    if (target === 'guild') {
      dispatchRoleUpdate(
        ctx,
        world.setRolePermissions(world.ids.roles.bot, permissions ?? options.botPermissions ?? DEFAULT_BOT_PERMISSIONS),
      );
    } else {
      dispatchChannelUpdate(ctx, world.setBotChannelPermissions(target, permissions));
    }
    notifier.changed();
  };

  const close = async (): Promise<void> => {
    notifier.close();
    gateway.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };

  return {
    port,
    apiBaseUrl: `http://127.0.0.1:${port}/api`,
    gatewayUrl: settings.gatewayUrl(),
    ids: world.ids,
    slashCommand: (input) => dispatchInteraction(buildSlashCommand(world, interactions, input)),
    autocomplete: (input) => dispatchInteraction(buildAutocomplete(world, interactions, input)),
    buttonClick: (input) => dispatchInteraction(buildButtonClick(world, input)),
    messageCommand: (input) => dispatchInteraction(buildMessageCommand(world, interactions, input)),
    sendMessage,
    createForumPost,
    waitForBotMessage: (channelId, predicate = () => true, timeoutMs = 5_000) =>
      notifier.waitFor(
        () => world.messagesIn(channelId).find((m) => m.author.id === world.ids.botUser && predicate(m)),
        timeoutMs,
        () => `a bot message in channel ${channelId}${diagnostics()}`,
      ),
    dispatch: (event, data) => {
      const count = gateway.dispatch(event, () => data);
      notifier.changed();
      return count;
    },
    waitForSession,
    waitForShards: (shards, timeoutMs = SESSION_WAIT_MS) =>
      notifier
        .waitFor(
          () => (shards.every((shard) => gateway.connectedShards().includes(shard)) ? true : undefined),
          timeoutMs,
          () => `sessions of shards ${shards.join(', ')} (connected: ${gateway.connectedShards().join(', ') || 'none'})`,
        )
        .then(() => undefined),
    connectedShards: () => gateway.connectedShards(),
    dropConnection: (opts) => gateway.dropConnection(opts),
    requestReconnect: () => gateway.requestReconnect(),
    invalidateSessions: (resumable) => gateway.invalidateSessions(resumable),
    gatewayConnections: () => gateway.connections(),
    gatewayReceived: () => gateway.received(),
    commands: (guildId) => [...(guildId ? (world.guildCommands.get(guildId)?.values() ?? []) : world.globalCommands.values())],
    messages: (channelId) => [...world.messagesIn(channelId)],
    pins: (channelId) => world.pinsIn(channelId).flatMap((pin) => world.findMessage(channelId, pin.messageId) ?? []),
    requests: (filter = {}) =>
      requestLog.filter((r) => (!filter.method || r.method === filter.method) && (!filter.route || r.route === filter.route)),
    unknownRoutes: () => requestLog.filter((r) => r.route === null),
    injectFault: (route, fault, times = 1) => void faults.push({ route, fault, remaining: times }),
    holdNextRequest: (route) => {
      let arrive!: () => void;
      let release!: () => void;
      const arrived = new Promise<void>((resolve) => (arrive = resolve));
      const released = new Promise<void>((resolve) => (release = resolve));
      holds.push({ route, arrive, released });
      return { arrived, release };
    },
    interactions: () => interactions.all(),
    setBotPermissions,
    permissionsOf: (who, channelId) => world.permissionsIn(channelId, who === 'bot' ? world.ids.botUser : world.ids.users[who]),
    close,
  };
}
