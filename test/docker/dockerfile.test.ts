/**
 * No Docker engine runs here, so the Dockerfile's build and start steps are replayed in clean
 * temporary folders (scripts/replay-dockerfile.ts) and the resulting "image" is inspected.
 */
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { contextFiles, replayDockerfile, type ReplayedImage } from '../../scripts/replay-dockerfile.js';
import { loadCorpus } from '../../src/corpus/load.js';
import { baseSafetyNote } from '../../src/engine/safety.js';
import { startFakeDiscord } from '../discord/fake-discord.js';

const BASE_SAFETY_NOTE = baseSafetyNote('one article', loadCorpus().presentation.caution);

let image: ReplayedImage;

function runInImage(args: string[], extraEnv: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const [command, ...rest] = [...image.cmd.slice(0, 1), ...args];
  return new Promise((resolve) => {
    execFile(
      command === 'node' ? process.execPath : command!,
      rest,
      { cwd: image.workdir, env: { PATH: process.env.PATH, HOME: image.workdir, ...image.env, ...extraEnv }, timeout: 30_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

// The checks run the replayed image's commands as processes, each allowed 30 s (runInImage): so is each test.
describe('the Dockerfile, replayed without a Docker engine', { timeout: 30_000 }, () => {
  // The replay runs every RUN of the Dockerfile: npm ci in both stages and the TypeScript build, a minute or more.
  beforeAll(() => {
    image = replayDockerfile();
  }, 240_000);

  it('builds on the official Node 20 image in every stage', () => {
    expect(image.baseImages.length).toBeGreaterThanOrEqual(2);
    expect(image.baseImages.every((name) => /^node:20(\.|-|$)/.test(name))).toBe(true);
  });

  it('runs as a non-root user', () => {
    expect(image.user).not.toBe('root');
    expect(image.user).not.toBe('');
  });

  it('ships the compiled bot and the corpus, with production dependencies only', () => {
    expect(existsSync(join(image.workdir, image.cmd[1]!))).toBe(true);
    expect(existsSync(join(image.workdir, 'corpus', 'kratom-mental-health.md'))).toBe(true);
    expect(existsSync(join(image.workdir, 'node_modules', 'discord.js'))).toBe(true);
    expect(existsSync(join(image.workdir, 'node_modules', 'vitest'))).toBe(false);
    expect(existsSync(join(image.workdir, 'node_modules', 'typescript'))).toBe(false);
    expect(existsSync(join(image.workdir, 'src'))).toBe(false);
  });

  it('keeps the database on a volume at /app/data, where the bot writes it by default', () => {
    expect(image.volumes).toEqual(['/app/data']);
    expect(existsSync(join(image.workdir, 'data'))).toBe(true);
    expect(existsSync(join(image.workdir, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'))).toBe(true);
  });

  it('keeps .env files and tests out of the build context', () => {
    const context = mkdtempSync(join(tmpdir(), 'docker-context-'));
    writeFileSync(join(context, '.dockerignore'), '.env\n.env.*\n!.env.example\ntest\n');
    writeFileSync(join(context, '.env'), 'DISCORD_TOKEN=secret');
    writeFileSync(join(context, '.env.production'), 'DISCORD_TOKEN=secret');
    writeFileSync(join(context, '.env.example'), 'DISCORD_TOKEN=');
    mkdirSync(join(context, 'test'));
    writeFileSync(join(context, 'test', 'a.test.ts'), '');
    expect([...contextFiles(context)].sort()).toEqual(['.dockerignore', '.env.example']);
  });

  it('leaves no .env or token in the image', () => {
    expect(existsSync(join(image.workdir, '.env'))).toBe(false);
    expect(Object.keys(image.env)).not.toContain('DISCORD_TOKEN');
  });

  it('answers from the corpus with the compiled console bot', async () => {
    const run = await runInImage(['dist/console/ask.js', 'Is kratom addictive?']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Dependency and Withdrawal');
  });

  it('starts with its CMD and, without a token, exits 1 with one line naming DISCORD_TOKEN', async () => {
    const run = await runInImage(image.cmd.slice(1));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/DISCORD_TOKEN/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it.each(['dist/discord/deploy-commands.js', 'dist/discord/shard.js'])(
    'runs %s compiled, stopping cleanly without a token',
    async (script) => {
      const run = await runInImage([script]);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/DISCORD_TOKEN/);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    },
  );

  it('starts the compiled bot with a token, answers /ask with the note, and stops on SIGTERM', async () => {
    const token = 'image.local-only.token';
    const fake = await startFakeDiscord({ token });
    try {
      const child = spawn(process.execPath, image.cmd.slice(1), {
        cwd: image.workdir,
        env: { PATH: process.env.PATH, ...image.env, DISCORD_TOKEN: token, DISCORD_API_URL: fake.apiBaseUrl, LOG_LEVEL: 'warn' },
        stdio: 'ignore',
      });
      await fake.waitForSession(15_000);
      const ask = await fake.slashCommand({ name: 'ask', options: { question: 'Is kratom addictive?' } });
      const answer = await ask.waitForFinal();
      expect(JSON.stringify(answer)).toContain('Dependency and Withdrawal');
      for (const line of BASE_SAFETY_NOTE.split('\n')) expect(JSON.stringify(answer)).toContain(JSON.stringify(line).slice(1, -1));
      child.kill('SIGTERM');
      const [code] = (await once(child, 'exit')) as [number | null];
      expect(code).toBe(0);
      expect(existsSync(join(image.workdir, 'data', 'kratom-guide.sqlite'))).toBe(true);
    } finally {
      await fake.close();
    }
  });
});
