/**
 * Load through the local Discord server: N `/ask` interactions at R per second against the
 * real bot (its own process, as `npm start` runs it), then the same load against a bare
 * discord.js bot that replies "pong", in the same run. Measures dispatch → first response.
 *
 *   npx tsx bench/discord-load.ts [count] [ratePerSecond]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { startFakeDiscord, type FakeDiscord } from '../test/discord/fake-discord.js';
import { runInteractionLoad, type InteractionLoadResult } from '../test/discord/load.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const tsx = `${root}node_modules/tsx/dist/cli.mjs`;
/** Shaped like a real token (three dot-separated parts) so the bot's config accepts it; only the local server sees it. */
const TOKEN = 'bench.local-only.token';

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
const count = Number((isMain && process.argv[2]) || 300);
const ratePerSecond = Number((isMain && process.argv[3]) || 100);

async function startBotProcess(fake: FakeDiscord, script: string): Promise<ChildProcess> {
  const sessions = fake.gatewayConnections().length;
  const child = spawn(process.execPath, [tsx, script], {
    cwd: root,
    env: { PATH: process.env.PATH, DISCORD_TOKEN: TOKEN, DISCORD_API_URL: fake.apiBaseUrl, COOLDOWN_SECONDS: '0', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = Date.now() + 15_000;
  while (fake.gatewayConnections().length <= sessions) {
    if (child.exitCode !== null) throw new Error(`${script} exited with ${child.exitCode} before connecting`);
    if (Date.now() > deadline) throw new Error(`${script} did not connect within 15 s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await fake.waitForSession();
  return child;
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await once(child, 'exit');
}

async function measure(fake: FakeDiscord, script: string): Promise<InteractionLoadResult> {
  const child = await startBotProcess(fake, script);
  try {
    // A short warm-up so both bots are past their first-request costs (JIT, REST agent).
    await runInteractionLoad({ fake, count: 20, ratePerSecond: 50, commandName: 'ask', options: { question: 'Is kratom addictive?' } });
    return await runInteractionLoad({ fake, count, ratePerSecond, commandName: 'ask', options: { question: 'Is kratom addictive?' } });
  } finally {
    await stop(child);
  }
}

export async function discordLoadReport(): Promise<string> {
  const fake = await startFakeDiscord({ token: TOKEN });
  try {
    const ours = await measure(fake, `${root}src/discord/main.ts`);
    const pong = await measure(fake, `${root}test/discord/pong-bot.ts`);
    const cell = (value: string): string => value.padEnd(20);
    const rows: [string, (r: InteractionLoadResult) => string][] = [
      ['interactions answered', (r) => `${r.responded}/${r.count}`],
      ['no response within 3 s', (r) => String(r.noResponse)],
      ['dispatch → first response p50', (r) => `${r.p50Ms.toFixed(1)} ms`],
      ['dispatch → first response p99', (r) => `${r.p99Ms.toFixed(1)} ms`],
      ['slowest', (r) => `${r.maxMs.toFixed(1)} ms`],
      ['rate achieved', (r) => `${r.achievedRatePerSecond.toFixed(0)}/s`],
    ];
    return [
      `Discord load — ${count} /ask interactions at ${ratePerSecond}/s through the local Discord server (127.0.0.1), each bot in its own process`,
      '',
      `| ${'measure'.padEnd(34)} | ${cell('kratom-guide bot')} | ${cell('bare "pong" bot')} |`,
      `| ${'-'.repeat(34)} | ${'-'.repeat(20)} | ${'-'.repeat(20)} |`,
      ...rows.map(([label, value]) => `| ${label.padEnd(34)} | ${cell(value(ours))} | ${cell(value(pong))} |`),
    ].join('\n');
  } finally {
    await fake.close();
  }
}

if (isMain) {
  process.stdout.write(`${await discordLoadReport()}\n`);
}
