/**
 * Logs an operator can act on, through the local Discord server with injected faults: a warn
 * line per rate limit (route, retry-after), per 5xx retry, per reconnect and invalid session;
 * one line per failure with its reason; a DM that failed for another reason is not "DMs closed".
 */
import { once } from 'node:events';
import { Events, PermissionFlagsBits } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { carriesNote, startDeployedBot, textOf, type Running, type RunOptions } from './harness.js';

interface LogLine {
  level: number;
  event?: string;
  [field: string]: unknown;
}
const WARN = 40;
const CALLBACK = 'POST /interactions/:interaction/:token/callback';

let run: Running | undefined;
afterEach(async () => {
  await run?.close();
  run = undefined;
});

async function start(options: RunOptions = {}): Promise<{ run: Running; note: string }> {
  const started = await startDeployedBot(options);
  run = started.run;
  return started;
}

const lines = (running: Running): LogLine[] => running.logs.map((line) => JSON.parse(line) as LogLine);
const withEvent = (running: Running, event: string): LogLine[] => lines(running).filter((line) => line.event === event);

async function ask(running: Running, note: string): Promise<void> {
  const handle = await running.fake.slashCommand({ name: 'ask', options: { question: 'Is kratom addictive?' } });
  expect(carriesNote(await handle.waitForFinal(), note)).toBe(true);
}

describe('Discord’s REST answers', () => {
  it('a 429 on the reply: one warn line with the method, route and retry-after, and the reply still arrives', async () => {
    const { run, note } = await start();
    expect(run.fake.requests({ route: '/interactions/:interaction/:token/callback' })).toHaveLength(0);
    run.fake.injectFault(CALLBACK, { status: 429, retryAfterSeconds: 0.05 });
    await ask(run, note);
    expect(withEvent(run, 'rate_limited')).toEqual([
      expect.objectContaining({ level: WARN, method: 'POST', route: '/interactions/:id/:token/callback', retryAfterMs: 50, global: false }),
    ]);
  });

  it('a 5xx on the reply: one warn line per failed attempt, saying that a retry follows, and the reply still arrives', async () => {
    const { run, note } = await start();
    run.fake.injectFault(CALLBACK, { status: 502 }, 2);
    await ask(run, note);
    expect(withEvent(run, 'discord_server_error')).toEqual([
      expect.objectContaining({ level: WARN, status: 502, route: '/interactions/:id/:token/callback', attempt: 1, willRetry: true }),
      expect.objectContaining({ level: WARN, status: 502, attempt: 2, willRetry: true }),
    ]);
  });
});

describe('the gateway', () => {
  it('op 7 (reconnect): a warn line with the reason', async () => {
    const { run } = await start();
    const resumed = once(run.bot.client, Events.ShardResume);
    run.fake.requestReconnect();
    await resumed;
    expect(withEvent(run, 'shard_reconnecting')).toEqual([
      expect.objectContaining({ level: WARN, shardId: 0, reason: 'Told to reconnect by Discord', recover: 'Resume' }),
    ]);
  });

  it('op 9 (invalid session): a warn line saying whether it can resume', async () => {
    const { run, note } = await start();
    run.fake.invalidateSessions(true);
    await expect.poll(() => withEvent(run, 'invalid_session').length).toBe(1);
    expect(withEvent(run, 'invalid_session')).toEqual([expect.objectContaining({ level: WARN, shardId: 0, resumable: true })]);
    await ask(run, note);
  });

  it('stopping the bot is not a reconnect', async () => {
    const { run } = await start();
    await run.bot.stop();
    expect(withEvent(run, 'shard_reconnecting')).toEqual([]);
  });
});

describe('failures', () => {
  it('an interaction Discord no longer knows: one warn line with the reason, and no notice tried on it', async () => {
    // A window of -1 ms: every callback arrives too late, without depending on how fast the bot is.
    const { run } = await start({ fake: { interactionAckTimeoutMs: -1 } });
    const handle = await run.fake.slashCommand({ name: 'ask', options: { question: 'Is kratom addictive?' } });
    await expect.poll(() => withEvent(run, 'handler_failed').length).toBe(1);
    const failures = lines(run).filter((line) => line.level >= WARN);
    expect(failures).toEqual([
      expect.objectContaining({
        event: 'handler_failed',
        level: WARN,
        failure: 'interaction_expired',
        notice: 'not sent: the interaction is gone',
      }),
    ]);
    expect(failures[0]!.reason).toMatch(/10062/);
    expect(handle.record().rejectedCallbacks).toHaveLength(1);
  });

  it('no permission to post, and DMs failing with a 5xx: one line with both reasons, not "DMs closed"', async () => {
    const { run } = await start();
    const channel = run.fake.ids.channels.general;
    run.fake.setBotPermissions(channel, PermissionFlagsBits.ViewChannel | PermissionFlagsBits.ReadMessageHistory);
    run.fake.injectFault('POST /users/@me/channels', { status: 503 }, 4); // the first try and discord.js's 3 retries
    await run.fake.sendMessage({ content: 'Is kratom addictive?', mentionsBot: true });
    await expect.poll(() => withEvent(run, 'handler_failed').length).toBe(1);
    const [failure] = withEvent(run, 'handler_failed');
    expect(failure).toEqual(expect.objectContaining({ level: WARN, via: 'mention', failure: 'missing_permissions' }));
    expect(failure!.reason).toMatch(/50013/);
    expect(failure!.notice).toMatch(/^not sent: Discord 503 on POST \/users\/@me\/channels/);
    expect(JSON.stringify(lines(run))).not.toContain('dms_closed');
  });

  it('no permission to post: the person is told in a DM, and the line says so', async () => {
    const { run, note } = await start();
    const channel = run.fake.ids.channels.general;
    run.fake.setBotPermissions(channel, PermissionFlagsBits.ViewChannel | PermissionFlagsBits.ReadMessageHistory);
    await run.fake.sendMessage({ content: 'Is kratom addictive?', mentionsBot: true });
    await expect.poll(() => withEvent(run, 'handler_failed').length).toBe(1);
    expect(withEvent(run, 'handler_failed')[0]).toEqual(expect.objectContaining({ failure: 'missing_permissions', notice: 'sent' }));
    const dm = run.fake.requests({ method: 'POST', route: '/users/@me/channels' }).at(-1)!.response as { id: string };
    expect(carriesNote(await run.fake.waitForBotMessage(dm.id, (message) => textOf(message).length > 0), note)).toBe(true);
  });
});
