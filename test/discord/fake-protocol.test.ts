/**
 * Protocol edges of the fake that the discord.js client never exercises on its own,
 * driven with a raw WebSocket and fetch.
 */
import { ApplicationFlags, GatewayCloseCodes, GatewayIntentBits, GatewayOpcodes, InteractionResponseType } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startFakeDiscord, type FakeDiscord } from './fake-discord.js';

interface Frame {
  op: number;
  d: unknown;
  s: number | null;
  t: string | null;
}

/** A raw gateway client that queues frames and waits (bounded) for matching ones. */
class RawGateway {
  readonly frames: Frame[] = [];
  readonly binaryFrames: number[] = [];
  closeCode: number | undefined;
  private readonly ws: WebSocket;
  private readonly opened: Promise<void>;

  constructor(url: string) {
    this.ws = new WebSocket(url);
    this.ws.on('message', (data, isBinary) => {
      if (isBinary) this.binaryFrames.push(1);
      else this.frames.push(JSON.parse((data as Buffer).toString('utf8')) as Frame);
    });
    this.ws.on('close', (code) => (this.closeCode = code));
    this.opened = new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('error', reject);
    });
  }

  async send(op: number, d: unknown): Promise<void> {
    await this.opened;
    this.ws.send(JSON.stringify({ op, d }));
  }

  async next(match: (f: Frame) => boolean, timeoutMs = 2000): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.frames.find(match);
      if (found) return found;
      if (Date.now() > deadline)
        throw new Error(`no matching frame within ${timeoutMs} ms; got ops ${this.frames.map((f) => f.op).join(',')}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  async closed(timeoutMs = 2000): Promise<number | undefined> {
    const deadline = Date.now() + timeoutMs;
    while (this.closeCode === undefined && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    return this.closeCode;
  }

  close(): void {
    this.ws.close(1000);
  }
}

const identify = (intents: number) => ({
  token: 'raw-token',
  intents,
  properties: { os: 'linux', browser: 'raw', device: 'raw' },
  shard: [0, 1],
});

describe('fake Discord protocol edges', () => {
  let fake: FakeDiscord;
  const sockets: RawGateway[] = [];
  const connect = (query = '?v=10&encoding=json'): RawGateway => {
    const raw = new RawGateway(`${fake.gatewayUrl}${query}`);
    sockets.push(raw);
    return raw;
  };
  const rest = (path: string, init: RequestInit = {}, auth = true): Promise<Response> =>
    fetch(`${fake.apiBaseUrl}/v10${path}`, {
      ...init,
      headers: { 'content-type': 'application/json', ...(auth ? { authorization: 'Bot raw-token' } : {}) },
    });

  beforeAll(async () => {
    // Presence switched on for this application (the first test asks for it); Message Content is not.
    fake = await startFakeDiscord({ heartbeatIntervalMs: 1000, applicationFlags: ApplicationFlags.GatewayPresenceLimited });
  });

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await fake.close();
  });

  it('HELLO, heartbeat ACK, IDENTIFY → READY then GUILD_CREATE, ignoring compress=zlib-stream', async () => {
    const gw = connect('?v=10&encoding=json&compress=zlib-stream');
    expect((await gw.next((f) => f.op === GatewayOpcodes.Hello)).d).toEqual({ heartbeat_interval: 1000 });
    await gw.send(GatewayOpcodes.Heartbeat, null);
    await gw.next((f) => f.op === GatewayOpcodes.HeartbeatAck);

    await gw.send(GatewayOpcodes.Identify, identify(GatewayIntentBits.Guilds | GatewayIntentBits.GuildPresences));
    const ready = await gw.next((f) => f.t === 'READY');
    expect(ready.s).toBe(1);
    expect(ready.d).toMatchObject({
      v: 10,
      user: { id: fake.ids.botUser, bot: true },
      application: { id: fake.ids.application },
      guilds: [{ id: fake.ids.guild, unavailable: true }],
      resume_gateway_url: expect.stringMatching(/^ws:\/\/127\.0\.0\.1:\d+\/gateway-resume$/),
    });
    const guild = await gw.next((f) => f.t === 'GUILD_CREATE');
    expect(guild.s).toBe(2);
    // With the privileged GuildPresences intent all four members are sent (else only the bot's).
    expect((guild.d as { members: unknown[] }).members).toHaveLength(4);
    expect(gw.binaryFrames).toEqual([]); // compression requests are ignored: text frames only
  });

  it('closes with 4012 for an unsupported version and rejects RESUME of an unknown session', async () => {
    expect(await connect('?v=9&encoding=json').closed()).toBe(GatewayCloseCodes.InvalidAPIVersion);
    const gw = connect();
    await gw.next((f) => f.op === GatewayOpcodes.Hello);
    await gw.send(GatewayOpcodes.Resume, { token: 'raw-token', session_id: 'nope', seq: 1 });
    expect((await gw.next((f) => f.op === GatewayOpcodes.InvalidSession)).d).toBe(false);
  });

  it('closes with 4014 when IDENTIFY asks for Message Content and the application has it switched off', async () => {
    const gw = connect();
    await gw.next((f) => f.op === GatewayOpcodes.Hello);
    await gw.send(
      GatewayOpcodes.Identify,
      identify(GatewayIntentBits.Guilds | GatewayIntentBits.GuildMessages | GatewayIntentBits.MessageContent),
    );
    expect(await gw.closed()).toBe(GatewayCloseCodes.DisallowedIntents);
    expect(gw.frames.some((f) => f.t === 'READY')).toBe(false);
  });

  it('REST: 401 without a bot token, 50035 for content over 2000 chars', async () => {
    const channel = fake.ids.channels.general;
    expect((await rest(`/channels/${channel}/messages`, { method: 'POST', body: '{"content":"x"}' }, false)).status).toBe(401);
    const tooLong = await rest(`/channels/${channel}/messages`, { method: 'POST', body: JSON.stringify({ content: 'x'.repeat(2001) }) });
    expect(tooLong.status).toBe(400);
    expect(await tooLong.json()).toEqual({
      code: 50035,
      message: 'Invalid Form Body',
      errors: { content: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 2000 or fewer in length.' }] } },
    });
  });

  it('interaction callbacks: wrong type → 50035, second acknowledgement → 40060, timeouts explain themselves', async () => {
    const ask = await fake.slashCommand({ name: 'ask' });
    const callback = (type: number) =>
      rest(
        `/interactions/${ask.id}/${ask.token}/callback`,
        { method: 'POST', body: JSON.stringify({ type, data: { content: 'hi' } }) },
        false,
      );
    expect((await callback(InteractionResponseType.ApplicationCommandAutocompleteResult)).status).toBe(400);
    expect((await callback(InteractionResponseType.ChannelMessageWithSource)).status).toBe(204);
    const again = await callback(InteractionResponseType.ChannelMessageWithSource);
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ code: 40060 });
    expect((await ask.waitForFinal()).content).toBe('hi');

    const ignored = await fake.slashCommand({ name: 'ask' });
    await expect(ignored.waitForResponse(30)).rejects.toThrow(
      /Timed out after 30 ms waiting for the initial response of slash \/ask .*callback=none.*recent REST failures: .*POST \/interactions\/:interaction\/:token\/callback → 400 40060/s,
    );
  });
});
