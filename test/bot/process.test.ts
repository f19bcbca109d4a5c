/**
 * The real entry point as a separate process, as `npm start` runs it (`node --import tsx
 * src/discord/main.ts`): a configuration error ends in one clear line and exit code 1; with a
 * token the bot starts, answers, and stops cleanly when it is signalled itself. (The settings'
 * messages are specified in test/config/bot-env.test.ts; signals to npm in npm-signals.test.ts.)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployCommands } from '../../src/discord/deploy-commands.js';
import { startFakeDiscord, type FakeDiscord } from '../discord/fake-discord.js';
import { carriesNote, TEST_TOKEN, testEngine } from './harness.js';
import { cleanEnvironment, finished, logEvents, ROOT, TSX_LOADER } from '../helpers/processes.js';

const MAIN = join(ROOT, 'src/discord/main.ts');

/** An empty working directory, so no developer's .env is read. */
let cwd: string;
beforeAll(() => {
  cwd = mkdtempSync(join(tmpdir(), 'kratom-guide-cwd-'));
});
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

function launchBot(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', TSX_LOADER, MAIN], { cwd, env: cleanEnvironment(env), stdio: ['ignore', 'pipe', 'pipe'] });
}

const lines = (text: string): string[] => text.trimEnd().split('\n');

// Each test starts the bot as a process (node, tsx, the engine): seconds alone, several times that on 2 busy cores.
it('without DISCORD_TOKEN: exit 1, one line naming it and pointing to the console bot, no stack trace', { timeout: 20_000 }, async () => {
  const { code, stderr } = await finished(launchBot({}));
  expect(code).toBe(1);
  expect(lines(stderr)).toHaveLength(1);
  expect(stderr).toMatch(/^kratom-guide: configuration error: DISCORD_TOKEN is required.*npm run chat/);
  expect(stderr).not.toMatch(/\n\s+at /);
});

describe('the started bot', { timeout: 30_000 }, () => {
  let fake: FakeDiscord;
  beforeAll(async () => {
    fake = await startFakeDiscord({ token: TEST_TOKEN });
    await deployCommands({ token: TEST_TOKEN, apiUrl: fake.apiBaseUrl });
  });
  afterAll(() => fake?.close());

  it.each(['SIGTERM', 'SIGINT'] as const)(
    'answers /ask, and on %s to the bot itself finishes and exits 0, never logging the token or the question',
    async (signal) => {
      const child = launchBot({ DISCORD_TOKEN: TEST_TOKEN, DISCORD_API_URL: fake.apiBaseUrl, LOG_LEVEL: 'debug' });
      const done = finished(child);
      await fake.waitForSession(15_000);
      const ask = await fake.slashCommand({ name: 'ask', options: { question: 'Is kratom addictive?' } });
      expect(carriesNote(await ask.waitForFinal(), testEngine().safety.safetyNote)).toBe(true);
      child.kill(signal);
      const { code, stderr } = await done;
      expect(code).toBe(0);
      expect(logEvents(stderr)).toEqual(expect.arrayContaining(['ready', 'answer', 'stop_requested', 'stopped']));
      expect(stderr).toContain(`"reason":"${signal}"`);
      expect(stderr).not.toContain(TEST_TOKEN);
      expect(stderr).not.toContain('Is kratom addictive');
    },
  );

  it('with a token Discord refuses: exit 1, one line saying so', async () => {
    const other = 'MTk5OTk5.Xx0000.another-token-that-the-fake-refuses';
    const { code, stderr } = await finished(launchBot({ DISCORD_TOKEN: other, DISCORD_API_URL: fake.apiBaseUrl }));
    expect(code).toBe(1);
    expect(lines(stderr).at(-1)).toContain('DISCORD_TOKEN was refused by Discord');
    expect(stderr).not.toContain(other);
  });
});
