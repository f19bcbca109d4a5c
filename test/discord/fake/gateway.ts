/**
 * A Discord gateway (API v10, JSON encoding, no transport compression) over `ws`.
 *
 * Protocol as @discordjs/ws 1.2.3 speaks it:
 *  - connects to `${url}?v=10&encoding=json` (+ `&compress=zlib-stream` only if zlib-sync is
 *    installed). Compression requests are ignored: we always send text frames, and
 *    @discordjs/ws JSON-parses text frames regardless of the compression it asked for.
 *  - HELLO(10) → client heartbeats (1) after jitter*interval; we ACK (11).
 *  - IDENTIFY(2) → READY (+ resume_gateway_url) → GUILD_CREATE per guild.
 *  - RESUME(6) on `resume_gateway_url` after an unexpected close → replay events with s > seq,
 *    then RESUMED. Unknown/invalidated session → INVALID_SESSION(9) d:false.
 *  - the client closes with 1000 on destroy (Discord then invalidates the session) and with
 *    4200 when it closes in order to resume (session kept).
 *  - server close codes: 4000/4009/1006-style → client resumes; 4004/4010-4014 are fatal.
 *  - sharding: IDENTIFY carries shard [id, count]; a session gets the events of the guilds with
 *    (guild_id >> 22) % count === id, and DMs only on shard 0 (see `shardReceives`).
 *  - IDENTIFY with a privileged intent the application lacks (Message Content, Server Members,
 *    Presence, per the application's flags) → close 4014 Disallowed intent(s), as Discord does.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { GatewayGuildCreateDispatchData, GatewayReadyDispatchData } from 'discord-api-types/v10';
import { GatewayCloseCodes, GatewayDispatchEvents, GatewayIntentBits, GatewayOpcodes } from 'discord.js';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { randomToken } from './snowflake.js';

export const GATEWAY_PATH = '/gateway';
export const RESUME_GATEWAY_PATH = '/gateway-resume';

export interface GatewayHooks {
  /** If set, IDENTIFY/RESUME must carry exactly this token (else close 4004). */
  token: string | undefined;
  heartbeatIntervalMs: number;
  /** Gap between READY and the GUILD_CREATE frames. */
  guildCreateDelayMs: number;
  resumeGatewayUrl(): string;
  readyPayload(sessionId: string, shard: [number, number]): GatewayReadyDispatchData;
  guildCreatePayloads(intents: number, shard: [number, number]): GatewayGuildCreateDispatchData[];
  /** Whether IDENTIFY asks for a privileged intent the application does not have switched on (→ 4014). */
  disallowedIntents(intents: number): boolean;
  onChange(): void;
}

export interface GatewayConnectionInfo {
  id: number;
  path: string;
  query: Record<string, string>;
  openedAt: number;
  mode?: 'identify' | 'resume' | 'resume-rejected';
  sessionId?: string;
  /** Events replayed on a successful RESUME. */
  replayed?: number;
  closedAt?: number;
  closeCode?: number;
  closedBy?: 'client' | 'server';
}

export interface GatewayReceivedPayload {
  connectionId: number;
  op: number;
  /** The payload data, with `token` redacted. */
  d: unknown;
  at: number;
}

/** What a dispatch builder sees about the session it builds a payload for. */
export interface SessionView {
  readonly id: string;
  readonly intents: number;
  /** [shard id, shard count] as identified. */
  readonly shard: [number, number];
}

/** Whether a shard gets an event of this guild (undefined: a DM, which Discord sends to shard 0). */
export function shardReceives([id, count]: readonly [number, number], guildId: string | undefined): boolean {
  if (guildId === undefined) return id === 0;
  return Number((BigInt(guildId) >> 22n) % BigInt(count)) === id;
}

/** Returns the event data for this session, or undefined to skip it (e.g. intent not requested). */
export type DispatchBuilder = (session: SessionView) => unknown;

interface StoredEvent {
  s: number;
  t: string;
  d: unknown;
}

interface Connection {
  info: GatewayConnectionInfo;
  ws: WebSocket;
  session?: Session;
  closingByServer: boolean;
}

interface Session extends SessionView {
  readonly token: string;
  seq: number;
  events: StoredEvent[];
  connection?: Connection;
  invalidated: boolean;
}

interface GatewayPayload {
  op: number;
  d?: unknown;
  s?: number | null;
  t?: string | null;
}

const MAX_STORED_EVENTS = 10_000;
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export class FakeGateway {
  private readonly wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  private readonly sessions = new Map<string, Session>();
  private readonly connectionList: Connection[] = [];
  private readonly receivedLog: GatewayReceivedPayload[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private nextConnectionId = 1;
  private readonly startedAt = performance.now();

  constructor(private readonly hooks: GatewayHooks) {}

  /** Hook for the HTTP server's 'upgrade' event. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (path !== GATEWAY_PATH && path !== RESUME_GATEWAY_PATH) {
      socket.destroy();
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws, req));
  }

  // ------------------------------------------------------------------ test controls

  /**
   * Queues an event on every live session (sent now if connected, else replayed on RESUME).
   * Returns how many sessions received it.
   */
  dispatch(t: string, build: DispatchBuilder): number {
    let count = 0;
    for (const session of this.liveSessions()) {
      const d = build(session);
      if (d === undefined) continue;
      this.dispatchTo(session, t, d);
      count++;
    }
    return count;
  }

  hasLiveSession(): boolean {
    return this.liveSessions().length > 0;
  }

  /** Live sessions that are connected right now, by shard: "id/count". */
  connectedShards(): string[] {
    return this.liveSessions()
      .filter((session) => session.connection)
      .map((session) => `${session.shard[0]}/${session.shard[1]}`);
  }

  /** Closes the live connections so the client resumes (4000 Unknown error by default). */
  dropConnection(options: { code?: number; abrupt?: boolean } = {}): number {
    const live = this.liveSessions().flatMap((s) => (s.connection ? [s.connection] : []));
    for (const connection of live) {
      connection.closingByServer = true;
      if (options.abrupt)
        connection.ws.terminate(); // the client sees 1006
      else connection.ws.close(options.code ?? GatewayCloseCodes.UnknownError, 'Fake Discord: connection dropped by test');
    }
    return live.length;
  }

  /** Sends op 7 RECONNECT: @discordjs/ws closes with 4200 and resumes. */
  requestReconnect(): number {
    const live = this.liveSessions().flatMap((s) => (s.connection ? [s.connection] : []));
    for (const connection of live) this.send(connection, { op: GatewayOpcodes.Reconnect, d: null, s: null, t: null });
    return live.length;
  }

  /** Sends op 9 INVALID_SESSION; with resumable=false the session is dropped (client re-identifies). */
  invalidateSessions(resumable = false): number {
    const live = this.liveSessions();
    for (const session of live) {
      if (!resumable) session.invalidated = true;
      if (session.connection) this.send(session.connection, { op: GatewayOpcodes.InvalidSession, d: resumable, s: null, t: null });
    }
    return live.length;
  }

  connections(): GatewayConnectionInfo[] {
    return this.connectionList.map((c) => ({ ...c.info }));
  }

  received(): GatewayReceivedPayload[] {
    return [...this.receivedLog];
  }

  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const connection of this.connectionList) {
      connection.closingByServer = true;
      connection.ws.terminate();
    }
    this.wss.close();
  }

  // ------------------------------------------------------------------ connection lifecycle

  private onConnection(ws: WebSocket, req: IncomingMessage): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const connection: Connection = {
      ws,
      closingByServer: false,
      info: {
        id: this.nextConnectionId++,
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        openedAt: this.now(),
      },
    };
    this.connectionList.push(connection);
    ws.on('message', (data, isBinary) => this.onMessage(connection, data, isBinary));
    ws.on('close', (code) => this.onClose(connection, code));
    ws.on('error', () => undefined); // a reset socket is reported via 'close'

    const { v, encoding } = connection.info.query;
    if (v !== '10' || (encoding ?? 'json') !== 'json') {
      // Fatal for discord.js (no reconnect loop): this fake only speaks v10 JSON.
      this.closeByServer(connection, GatewayCloseCodes.InvalidAPIVersion, 'Fake Discord supports only v=10&encoding=json');
      return;
    }
    this.send(connection, { op: GatewayOpcodes.Hello, d: { heartbeat_interval: this.hooks.heartbeatIntervalMs }, s: null, t: null });
    this.hooks.onChange();
  }

  private onClose(connection: Connection, code: number): void {
    connection.info.closedAt = this.now();
    connection.info.closeCode = code;
    connection.info.closedBy = connection.closingByServer ? 'server' : 'client';
    const { session } = connection;
    if (session?.connection === connection) {
      session.connection = undefined;
      // Discord: a client close with 1000/1001 invalidates the session; other codes keep it resumable.
      if (!connection.closingByServer && (code === 1000 || code === 1001)) session.invalidated = true;
    }
    this.hooks.onChange();
  }

  private onMessage(connection: Connection, data: RawData, isBinary: boolean): void {
    const payload = isBinary ? undefined : parsePayload(data);
    if (!payload) {
      this.closeByServer(connection, GatewayCloseCodes.DecodeError, 'Error while decoding payload.');
      return;
    }
    this.receivedLog.push({ connectionId: connection.info.id, op: payload.op, d: redactToken(payload.d), at: this.now() });
    switch (payload.op) {
      case GatewayOpcodes.Heartbeat:
        this.send(connection, { op: GatewayOpcodes.HeartbeatAck, d: null, s: null, t: null });
        break;
      case GatewayOpcodes.Identify:
        this.identify(connection, payload.d);
        break;
      case GatewayOpcodes.Resume:
        this.resume(connection, payload.d);
        break;
      case GatewayOpcodes.PresenceUpdate:
      case GatewayOpcodes.VoiceStateUpdate:
      case GatewayOpcodes.RequestGuildMembers:
      case GatewayOpcodes.RequestSoundboardSounds:
        if (!connection.session) this.closeByServer(connection, GatewayCloseCodes.NotAuthenticated, 'Not authenticated.');
        break; // accepted, no effect in the fake
      default:
        this.closeByServer(connection, GatewayCloseCodes.UnknownOpcode, 'Unknown opcode.');
    }
    this.hooks.onChange();
  }

  private identify(connection: Connection, d: unknown): void {
    if (connection.session) {
      this.closeByServer(connection, GatewayCloseCodes.AlreadyAuthenticated, 'Already authenticated.');
      return;
    }
    if (!isRecord(d) || typeof d.token !== 'string' || !this.tokenAccepted(d.token)) {
      this.closeByServer(connection, GatewayCloseCodes.AuthenticationFailed, 'Authentication failed.');
      return;
    }
    const shard: unknown = d.shard ?? [0, 1];
    if (!isValidShard(shard)) {
      this.closeByServer(connection, GatewayCloseCodes.InvalidShard, 'Invalid shard.');
      return;
    }
    const intents = typeof d.intents === 'number' ? d.intents : 0;
    if (this.hooks.disallowedIntents(intents)) {
      this.closeByServer(connection, GatewayCloseCodes.DisallowedIntents, 'Disallowed intent(s).');
      return;
    }
    const session: Session = { id: randomToken().slice(-32), intents, shard, token: d.token, seq: 0, events: [], invalidated: false };
    this.sessions.set(session.id, session);
    this.attach(connection, session, 'identify');
    this.dispatchTo(session, GatewayDispatchEvents.Ready, this.hooks.readyPayload(session.id, [shard[0], shard[1]]));

    if (!(intents & GatewayIntentBits.Guilds)) return;
    // Like Discord, GUILD_CREATE follows READY a little later. discord.js marks the shard ready (and
    // emits clientReady) only once every guild READY listed as unavailable has arrived, or after
    // waitGuildTimeout (15 s) — so a bot with the Guilds intent must get these.
    this.later(this.hooks.guildCreateDelayMs, () => {
      for (const guild of this.hooks.guildCreatePayloads(intents, shard))
        this.dispatchTo(session, GatewayDispatchEvents.GuildCreate, guild);
    });
  }

  private resume(connection: Connection, d: unknown): void {
    const sessionId = isRecord(d) && typeof d.session_id === 'string' ? d.session_id : '';
    const seq = isRecord(d) && typeof d.seq === 'number' ? d.seq : -1;
    const session = this.sessions.get(sessionId);
    const valid = session && !session.invalidated && isRecord(d) && d.token === session.token && seq >= 0 && seq <= session.seq;
    if (!valid) {
      connection.info.mode = 'resume-rejected';
      this.send(connection, { op: GatewayOpcodes.InvalidSession, d: false, s: null, t: null });
      return;
    }
    if (session.connection && session.connection !== connection) {
      session.connection.closingByServer = true;
      session.connection.ws.terminate();
    }
    this.attach(connection, session, 'resume');
    const missed = session.events.filter((event) => event.s > seq);
    connection.info.replayed = missed.length;
    for (const event of missed) this.send(connection, { op: GatewayOpcodes.Dispatch, ...event });
    this.dispatchTo(session, GatewayDispatchEvents.Resumed, null);
  }

  // ------------------------------------------------------------------ helpers

  private attach(connection: Connection, session: Session, mode: 'identify' | 'resume'): void {
    connection.session = session;
    connection.info.mode = mode;
    connection.info.sessionId = session.id;
    session.connection = connection;
  }

  private dispatchTo(session: Session, t: string, d: unknown): void {
    session.seq += 1;
    const event: StoredEvent = { s: session.seq, t, d };
    session.events.push(event);
    if (session.events.length > MAX_STORED_EVENTS) session.events.shift();
    if (session.connection) this.send(session.connection, { op: GatewayOpcodes.Dispatch, ...event });
  }

  private send(connection: Connection, payload: GatewayPayload): void {
    if (connection.ws.readyState === WebSocket.OPEN) connection.ws.send(JSON.stringify(payload));
  }

  private closeByServer(connection: Connection, code: number, reason: string): void {
    connection.closingByServer = true;
    connection.ws.close(code, reason);
  }

  private liveSessions(): Session[] {
    return [...this.sessions.values()].filter((s) => !s.invalidated);
  }

  private tokenAccepted(token: string): boolean {
    return token.length > 0 && (this.hooks.token === undefined || token === this.hooks.token);
  }

  private later(ms: number, fn: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
      this.hooks.onChange();
    }, ms);
    this.timers.add(timer);
  }

  private now(): number {
    return Math.round(performance.now() - this.startedAt);
  }
}

function isValidShard(shard: unknown): shard is [number, number] {
  if (!Array.isArray(shard) || shard.length !== 2) return false;
  const [id, count] = shard as unknown[];
  return (
    Number.isInteger(id) && Number.isInteger(count) && (count as number) >= 1 && (id as number) >= 0 && (id as number) < (count as number)
  );
}

function parsePayload(data: RawData): GatewayPayload | undefined {
  try {
    const text = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8');
    const parsed: unknown = JSON.parse(text);
    return isRecord(parsed) && typeof parsed.op === 'number' ? (parsed as unknown as GatewayPayload) : undefined;
  } catch {
    return undefined;
  }
}

function redactToken(d: unknown): unknown {
  return isRecord(d) && 'token' in d ? { ...d, token: '[redacted]' } : d;
}
