/**
 * The real entry points as separate processes (`npm start` runs `tsx src/discord/main.ts`):
 * configuration errors end in one clear line and exit code 1; with a token the bot starts,
 * answers, and stops cleanly on SIGTERM.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployCommands } from '../../src/discord/deploy-commands.js';
import { startFakeDiscord, type FakeDiscord } from '../discord/fake-discord.js';
import { carriesNote, TEST_TOKEN, testEngine } from './harness.js';

const ROOT = resolve(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const MAIN = join(ROOT, 'src/discord/main.ts');
const DEPLOY = join(ROOT, 'src/discord/deploy-commands.ts');
const SHARDED = join(ROOT, 'src/discord/shard.ts');
const SETTINGS = /^(DISCORD_|LOG_LEVEL$|COOLDOWN_SECONDS$|SHARD_|SAFETY_NOTE_EXTRA$|CRISIS_TEXT$|CORPUS_DIR$|DATABASE_)/;

/** An empty working directory (so no developer's .env is read) and an environment without the bot's settings. */
let cwd: string;
function environment(extra: Record<string, string>): NodeJS.ProcessEnv {
  const base = Object.fromEntries(Object.entries(process.env).filter(([name]) => !SETTINGS.test(name)));
  return { ...base, ...extra };
}

function launch(script: string, env: Record<string, string>, directory = cwd): ChildProcess {
  return spawn(TSX, [script], { cwd: directory, env: environment(env), stdio: ['ignore', 'pipe', 'pipe'] });
}

async function finish(child: ChildProcess): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

const oneLine = (text: string): string[] => text.trimEnd().split('\n');

beforeAll(() => {
  cwd = mkdtempSync(join(tmpdir(), 'kratom-guide-cwd-'));
});
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

describe.concurrent('configuration errors', () => {
  it('without DISCORD_TOKEN: exit 1, one line naming it and pointing to the console bot, no stack trace', async () => {
    const { code, stderr } = await finish(launch(MAIN, {}));
    expect(code).toBe(1);
    expect(oneLine(stderr)).toHaveLength(1);
    expect(stderr).toContain('DISCORD_TOKEN is required');
    expect(stderr).toContain('npm run chat');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('with a malformed token: exit 1, one line naming DISCORD_TOKEN, the value never printed', async () => {
    const token = 'Bot secret-value-that-must-not-show';
    const { code, stderr, stdout } = await finish(launch(MAIN, { DISCORD_TOKEN: token }));
    expect(code).toBe(1);
    expect(oneLine(stderr)).toHaveLength(1);
    expect(stderr).toMatch(/^kratom-guide: configuration error: DISCORD_TOKEN is not a bot token/);
    expect(stderr + stdout).not.toContain('secret-value');
  });

  it('with malformed settings: one line for each, naming it and what is wrong, and never the token', async () => {
    const { code, stderr } = await finish(
      launch(MAIN, { DISCORD_TOKEN: TEST_TOKEN, LOG_LEVEL: 'loud', COOLDOWN_SECONDS: 'soon', DISCORD_API_URL: 'not a url', DISCORD_GUILD_ID: 'my-server' }),
    );
    expect(code).toBe(1);
    expect(stderr).toMatch(/LOG_LEVEL must be one of/);
    expect(stderr).toMatch(/COOLDOWN_SECONDS must be a number of seconds/);
    expect(stderr).toMatch(/DISCORD_API_URL must be an http\(s\) URL/);
    expect(stderr).toMatch(/DISCORD_GUILD_ID must be a Discord server id/);
    expect(oneLine(stderr)).toHaveLength(4);
    expect(stderr).not.toContain(TEST_TOKEN);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('reads .env from the working directory', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'kratom-guide-dotenv-'));
    try {
      writeFileSync(join(directory, '.env'), `DISCORD_TOKEN=${TEST_TOKEN}\nSHARD_COUNT=zero\n`);
      const { code, stderr } = await finish(launch(MAIN, {}, directory));
      expect(code).toBe(1);
      expect(stderr.trim()).toBe('kratom-guide: configuration error: SHARD_COUNT must be "auto" or a whole number of shards (1 or more)');
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('deploy-commands without DISCORD_TOKEN: exit 1 with the same clear line', async () => {
    const { code, stderr } = await finish(launch(DEPLOY, {}));
    expect(code).toBe(1);
    expect(oneLine(stderr)).toHaveLength(1);
    expect(stderr).toContain('DISCORD_TOKEN is required');
  });
});

describe('the started bot', () => {
  let fake: FakeDiscord;
  beforeAll(async () => {
    fake = await startFakeDiscord({ token: TEST_TOKEN });
  });
  afterAll(() => fake?.close());

  it.each(['SIGTERM', 'SIGINT'] as const)('with a token: starts, answers /ask, and on %s finishes and exits 0, never logging the token', async (signal) => {
    await deployCommands({ token: TEST_TOKEN, apiUrl: fake.apiBaseUrl });
    const child = launch(MAIN, { DISCORD_TOKEN: TEST_TOKEN, DISCORD_API_URL: fake.apiBaseUrl, LOG_LEVEL: 'debug' });
    const done = finish(child);
    await fake.waitForSession(15_000);
    const ask = await fake.slashCommand({ name: 'ask', options: { question: 'Is kratom addictive?' } });
    expect(carriesNote(await ask.waitForFinal(), testEngine().safety.safetyNote)).toBe(true);
    child.kill(signal);
    const { code, stderr } = await done;
    expect(code).toBe(0);
    const events = stderr.trim().split('\n').map((line) => (JSON.parse(line) as { event?: string }).event);
    expect(events).toEqual(expect.arrayContaining(['ready', 'answer', 'signal', 'stopped']));
    expect(stderr).not.toContain(TEST_TOKEN);
    expect(stderr).not.toContain('Is kratom addictive');
  });

  it('sharded (SHARD_COUNT auto, asked of DISCORD_API_URL): the shard answers, and SIGTERM stops it and the manager with exit 0', async () => {
    const child = launch(SHARDED, { DISCORD_TOKEN: TEST_TOKEN, DISCORD_API_URL: fake.apiBaseUrl });
    const done = finish(child);
    await fake.waitForSession(20_000);
    const identify = fake.gatewayReceived().filter((payload) => payload.op === 2).at(-1);
    expect((identify?.d as { shard?: unknown }).shard).toEqual([0, 1]);
    const ask = await fake.slashCommand({ name: 'ask', options: { question: 'Is kratom addictive?' } });
    expect(carriesNote(await ask.waitForFinal(), testEngine().safety.safetyNote)).toBe(true);
    child.kill('SIGTERM');
    const { code, stderr } = await done;
    expect(code).toBe(0);
    expect(stderr).toContain('"event":"shards_ready"');
    expect(fake.requests({ route: '/gateway/bot' }).length).toBeGreaterThan(0);
    expect(fake.gatewayConnections().every((connection) => connection.closedAt !== undefined)).toBe(true);
  });

  it('with a token Discord refuses: exit 1, one line saying so', async () => {
    const other = 'MTk5OTk5.Xx0000.another-token-that-the-fake-refuses';
    const { code, stderr } = await finish(launch(MAIN, { DISCORD_TOKEN: other, DISCORD_API_URL: fake.apiBaseUrl }));
    expect(code).toBe(1);
    expect(stderr.trim().split('\n').at(-1)).toContain('DISCORD_TOKEN was refused by Discord');
    expect(stderr).not.toContain(other);
  });
});
