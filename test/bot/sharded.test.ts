/**
 * `npm run start:sharded` (node --import tsx src/discord/shard.ts) against the local Discord server
 * with two guilds, one on each of two shards: every shard answers in its own guild, whether one
 * manager runs both shards or two processes split them with SHARD_LIST; a shard that cannot
 * start ends start-up with a line saying which and why.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployCommands } from '../../src/discord/deploy-commands.js';
import { startFakeDiscord, type FakeDiscord } from '../discord/fake-discord.js';
import { carriesNote, TEST_TOKEN, testEngine } from './harness.js';
import { cleanEnvironment, finished, isAlive, loggingPids, ROOT, TSX_LOADER, type Finished } from '../helpers/processes.js';

const SHARDED = join(ROOT, 'src/discord/shard.ts');

let cwd: string;
let fake: FakeDiscord;
beforeAll(async () => {
  cwd = mkdtempSync(join(tmpdir(), 'kratom-guide-sharded-'));
  // Two guilds whose ids are 1 ms apart: with 2 shards, one lands on each.
  fake = await startFakeDiscord({ token: TEST_TOKEN, guilds: 2, recommendedShards: 2 });
  await deployCommands({ token: TEST_TOKEN, apiUrl: fake.apiBaseUrl });
});
afterAll(async () => {
  await fake?.close();
  rmSync(cwd, { recursive: true, force: true });
});

interface Sharded {
  child: ChildProcess;
  done: Promise<Finished>;
  ready: Promise<void>;
  /** What it has logged so far. */
  logs(): string;
}

function startSharded(env: Record<string, string>): Sharded {
  const child = spawn(process.execPath, ['--import', TSX_LOADER, SHARDED], {
    cwd,
    env: cleanEnvironment({ DISCORD_TOKEN: TEST_TOKEN, DISCORD_API_URL: fake.apiBaseUrl, COOLDOWN_SECONDS: '0', ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const done = finished(child);
  let seen = '';
  const ready = new Promise<void>((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (seen.includes('"event":"shards_ready"')) resolve();
    });
    void done.then(({ stderr }) => reject(new Error(`start:sharded exited before its shards were ready:\n${stderr}`)));
  });
  return { child, done, ready, logs: () => seen };
}

/** /ask in each guild, each answered with the note. */
async function answeredInEveryGuild(): Promise<void> {
  for (const channelId of [fake.ids.channels.general, fake.ids.otherGuilds[0]!.general]) {
    const ask = await fake.slashCommand({ name: 'ask', channelId, options: { question: 'Is kratom addictive?' } });
    expect(carriesNote(await ask.waitForFinal(), testEngine().safety.safetyNote)).toBe(true);
  }
}

async function stopped(run: Sharded): Promise<Finished> {
  run.child.kill('SIGTERM');
  const result = await run.done;
  expect(result.code).toBe(0);
  expect(loggingPids(result.stderr).filter(isAlive)).toEqual([]);
  return result;
}

// Each test starts real processes (a manager and a shard per shard, each loading the engine), and
// discord.js's manager waits 5.5 s between two shards it starts: about 15 s on 2 cores shared with
// other work, past 30 s when they are very busy. 60 s is the manager's own limit for a shard to be ready.
describe('start:sharded with two shards', { timeout: 60_000 }, () => {
  it('one manager running both (TOTAL_SHARDS auto: Discord recommends 2): each shard answers in its guild', async () => {
    const run = startSharded({});
    await run.ready;
    await fake.waitForShards(['0/2', '1/2']);
    await answeredInEveryGuild();
    const { stderr } = await stopped(run);
    expect(loggingPids(stderr)).toHaveLength(3); // the manager and two shards
  });

  it('split over two processes with SHARD_LIST (one still using the former name SHARD_COUNT, with a warning); a signal to a shard itself stops its manager too', async () => {
    const first = startSharded({ TOTAL_SHARDS: '2', SHARD_LIST: '0' });
    const second = startSharded({ SHARD_COUNT: '2', SHARD_LIST: '1' });
    await Promise.all([first.ready, second.ready]);
    await fake.waitForShards(['0/2', '1/2']);
    await answeredInEveryGuild();
    const one = await stopped(first);
    // The second machine's shard is signalled itself, not its manager: the manager stops too, instead of starting it again.
    const shardPid = Number(/"pid":(\d+),[^\n]*"event":"ready"/.exec(second.logs())?.[1]);
    process.kill(shardPid, 'SIGTERM');
    const two = await second.done;
    expect(two.code).toBe(0);
    expect(two.stderr).toContain('"event":"stopping_shards","reason":"shard 1 was asked to stop"');
    expect(two.stderr.match(/"event":"shard_spawned"/g)).toHaveLength(1);
    expect(loggingPids(two.stderr).filter(isAlive)).toEqual([]);
    expect(one.stderr).not.toContain('deprecated_setting');
    expect(two.stderr).toMatch(/"event":"deprecated_setting".*SHARD_COUNT is renamed TOTAL_SHARDS/);
  });
});

it('a shard that cannot start: exit 1, with a line naming the shard, after the shard’s own reason', { timeout: 60_000 }, async () => {
  const refused = 'MTk5OTk5.Xx0000.another-token-that-the-fake-refuses';
  const run = startSharded({ DISCORD_TOKEN: refused, TOTAL_SHARDS: '1' });
  run.ready.catch(() => undefined);
  const { code, stderr } = await run.done;
  expect(code).toBe(1);
  expect(stderr).toContain('DISCORD_TOKEN was refused by Discord');
  expect(stderr.trimEnd().split('\n').at(-1)).toMatch(/^kratom-guide: shard 0 exited before it was ready: its own error is the line above/);
  expect(stderr).not.toContain(refused);
});
