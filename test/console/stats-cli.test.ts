/**
 * `npm run stats`: the /stats report from the database file, in the console (the real entry
 * point in a child process, over a real SQLite file the test fills with counts).
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StatsCounter } from '../../src/storage/stats-counts.js';
import { UsageCounter } from '../../src/storage/usage-counts.js';
import { loadReport } from '../../src/stats/load-report.js';
import { reportText } from '../../src/stats/report.js';
import { loadTopicLabels } from '../../src/stats/topic-labels.js';
import { testEngine } from '../bot/harness.js';
import { createTestDatabase, type TestDatabase } from '../helpers/storage.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const tsx = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const script = join(root, 'src', 'console', 'stats.ts');
const GUILD_A = '111111111111111111';
const GUILD_B = '222222222222222222';

function runStats(args: string[], env: NodeJS.ProcessEnv): Promise<{ stdout: string; stderr: string; code: number }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [tsx, script, ...args],
      { cwd: root, env: { PATH: process.env.PATH, ...env }, timeout: 30_000 },
      (error, stdout, stderr) => {
        resolve({ stdout, stderr, code: error ? Number((error as { code?: number }).code ?? 1) : 0 });
      },
    );
  });
}

describe('npm run stats', () => {
  let database: TestDatabase;
  let path: string;
  const passages = testEngine().passageIds();

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    if (database.target.kind !== 'sqlite') throw new Error('sqlite');
    path = database.target.path;
    const storage = await database.open();
    const stats = new StatsCounter(storage.db);
    const usage = new UsageCounter(storage.db);
    for (const [guild, n] of [
      [GUILD_A, 3],
      [GUILD_B, 2],
    ] as const) {
      for (let i = 0; i < n; i++) stats.count(guild, 'question', 'answered');
      stats.count(guild, 'question', 'crisis');
      stats.count(guild, 'passage', passages[0]!);
      stats.count(guild, 'helpful', passages[0]!);
      usage.count(guild, 'alert');
    }
    await stats.flush();
    await usage.flush();
    await storage.close();
  });
  afterAll(() => database?.drop());

  async function expectedText(guildId: string | null, days: number, scope: string): Promise<string> {
    const storage = await database.open();
    try {
      const report = await loadReport(storage.db, { guildId, days, scope, engine: testEngine(), topicLabels: loadTopicLabels() });
      return `${reportText(report).replaceAll('**', '')}\n`;
    } finally {
      await storage.close();
    }
  }

  it('prints the same report as /stats, for every server together by default', async () => {
    const result = await runStats([], { DATABASE_PATH: path });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(await expectedText(null, 7, 'all servers'));
    expect(result.stdout).toContain('Questions: 7');
    expect(result.stdout).toContain('- alerts sent to moderators: 2');
  });

  it('prints one server’s report for the last 30 days', async () => {
    const result = await runStats(['--guild', GUILD_B, '--days', '30'], { DATABASE_PATH: path });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(await expectedText(GUILD_B, 30, `server ${GUILD_B}`));
    expect(result.stdout).toContain('Questions: 3');
    expect(result.stdout).toContain('Last 30 days in server 222222222222222222');
  });

  it('refuses a period other than 7 or 30 days, with the usage', async () => {
    const result = await runStats(['--days', '9'], { DATABASE_PATH: path });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--days: must be 7 or 30');
    expect(result.stderr).toContain('usage: npm run stats');
  });

  it('says where it looked when there is no database file', async () => {
    const missing = join(root, 'no-such-dir', 'none.sqlite');
    const result = await runStats([], { DATABASE_PATH: missing });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`no database at ${missing}`);
  });
});
