/**
 * `npm start` and `npm run start:sharded` as a process manager runs them: the signal goes to the
 * npm process itself, and everything it started must stop (nothing left holding its output,
 * no process of the bot alive), the replies finished and exit 0. Also when npm is killed outright.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployCommands } from '../../src/discord/deploy-commands.js';
import { startFakeDiscord, type FakeDiscord } from '../discord/fake-discord.js';
import { carriesNote, TEST_TOKEN, testEngine } from './harness.js';
import { cleanEnvironment, isAlive, logEvents, loggingPids, ROOT } from '../helpers/processes.js';

let fake: FakeDiscord;
beforeAll(async () => {
  fake = await startFakeDiscord({ token: TEST_TOKEN });
  await deployCommands({ token: TEST_TOKEN, apiUrl: fake.apiBaseUrl });
});
afterAll(() => fake?.close());

interface NpmRun {
  npm: ChildProcess;
  /** Resolves once a log line matches. */
  logged(pattern: RegExp): Promise<void>;
  /** Resolves when npm has exited and every process holding its output has too. */
  done: Promise<{ code: number | null; stderr: string }>;
}

/** Runs an npm script in the project (so a developer's .env there could add settings; every one the test needs is set). */
function npmRun(script: string): NpmRun {
  const npm = spawn('npm', ['run', '--silent', script], {
    cwd: ROOT,
    env: cleanEnvironment({ DISCORD_TOKEN: TEST_TOKEN, DISCORD_API_URL: fake.apiBaseUrl, LOG_LEVEL: 'info', COOLDOWN_SECONDS: '0' }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  const listeners = new Set<() => void>();
  npm.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    for (const listener of listeners) listener();
  });
  const logged = (pattern: RegExp): Promise<void> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        if (pattern.test(stderr)) {
          listeners.delete(check);
          resolve();
        }
      };
      listeners.add(check);
      npm.once('exit', () => (pattern.test(stderr) ? resolve() : reject(new Error(`npm exited before logging ${pattern}:\n${stderr}`))));
      check();
    });
  // 'close' comes only when both pipes are closed: by npm and by every process that inherited them.
  const done = once(npm, 'close').then(([code]) => ({ code: code as number | null, stderr }));
  return { npm, logged, done };
}

async function asked(): Promise<void> {
  const ask = await fake.slashCommand({ name: 'ask', options: { question: 'Is kratom addictive?' } });
  expect(carriesNote(await ask.waitForFinal(), testEngine().safety.safetyNote)).toBe(true);
}

// Each test starts npm, which starts the bot (node, tsx, the engine), then waits for everything to stop:
// a few seconds alone, several times that on 2 cores shared with other work. Hence 30 s.
describe('npm start', { timeout: 30_000 }, () => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    '%s to the npm process: the bot stops gracefully, npm exits 0, nothing is left running',
    async (signal) => {
      const run = npmRun('start');
      await run.logged(/"event":"ready"/);
      await asked();
      run.npm.kill(signal);
      const { code, stderr } = await run.done;
      expect(code).toBe(0);
      expect(logEvents(stderr)).toEqual(expect.arrayContaining(['stop_requested', 'stopped']));
      expect(loggingPids(stderr).filter(isAlive)).toEqual([]);
    },
  );

  it('npm killed outright (SIGKILL): the bot notices its parent is gone and stops instead of running on', async () => {
    const run = npmRun('start');
    await run.logged(/"event":"ready"/);
    run.npm.kill('SIGKILL');
    const { stderr } = await run.done;
    expect(stderr).toMatch(/"event":"stop_requested","reason":"parent_exited"/);
    expect(stderr).toContain('"event":"stopped"');
    expect(loggingPids(stderr).filter(isAlive)).toEqual([]);
  });
});

// The manager and its shard each start node, tsx and the engine: 30 s, as above.
describe('npm run start:sharded', { timeout: 30_000 }, () => {
  it('SIGTERM to the npm process: every shard and the manager stop, npm exits 0, nothing is left running', async () => {
    const run = npmRun('start:sharded');
    await run.logged(/"event":"shards_ready"/);
    await asked();
    run.npm.kill('SIGTERM');
    const { code, stderr } = await run.done;
    expect(code).toBe(0);
    expect(logEvents(stderr)).toEqual(expect.arrayContaining(['stopping_shards', 'stopped']));
    expect(loggingPids(stderr).length).toBeGreaterThanOrEqual(2); // the manager and its shard
    expect(loggingPids(stderr).filter(isAlive)).toEqual([]);
  });
});
