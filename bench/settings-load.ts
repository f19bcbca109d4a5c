/**
 * Start-up cost of server settings: 1,000 servers' settings saved, then a fresh process-like
 * open (migrations checked) and the cache warmed with all of them, as `npm start` does; and
 * what a cached read costs afterwards. SQLite in a temporary folder, and PostgreSQL: DATABASE_URL
 * (a scratch database) when set, else a temporary cluster when PostgreSQL 15 is installed.
 *
 *   npm run bench:settings [-- guilds]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GuildSettingsStore, type GuildSettings } from '../src/storage/guild-settings.js';
import { openStorage, type StorageTarget } from '../src/storage/open-storage.js';
import { GuildSettingsCache } from '../src/storage/settings-cache.js';
import { postgresInstalled, startPostgresCluster } from '../test/helpers/postgres-cluster.js';

const guilds = Number(process.argv[2] ?? 1000);

function settingsFor(i: number): GuildSettings {
  return {
    crisisText: `Call 112 in an emergency, or the crisis line 0800 111 0 ${String(i).padStart(3, '0')}, day and night.`,
    alertChannelId: String(200000000000000000n + BigInt(i)),
    alertRoleId: String(300000000000000000n + BigInt(i)),
    askChannelId: i % 2 ? String(400000000000000000n + BigInt(i)) : null,
    privateReplies: i % 3 === 0,
    cooldownSeconds: i % 5,
  };
}

async function measure(target: StorageTarget): Promise<string> {
  const seeding = await openStorage(target);
  const ids = Array.from({ length: guilds }, (_, i) => String(100000000000000000n + BigInt(i)));
  await seeding.db.transaction().execute(async (trx) => {
    const inTransaction = new GuildSettingsStore(trx);
    for (const [i, id] of ids.entries()) await inTransaction.save(id, settingsFor(i));
  });
  await seeding.close();

  const started = performance.now();
  const storage = await openStorage(target);
  const opened = performance.now();
  const cache = new GuildSettingsCache(new GuildSettingsStore(storage.db));
  const loaded = await cache.warm();
  const warmed = performance.now();

  const reads = 100_000;
  const readStart = performance.now();
  for (let i = 0; i < reads; i++) await cache.get(ids[i % ids.length]!);
  const perRead = ((performance.now() - readStart) / reads) * 1000;
  await storage.close();
  return `${target.kind.padEnd(8)} open+migrate ${(opened - started).toFixed(1)} ms, load ${loaded} servers ${(warmed - opened).toFixed(1)} ms (start-up total ${(warmed - started).toFixed(1)} ms); cached read ${perRead.toFixed(2)} µs`;
}

const dir = mkdtempSync(join(tmpdir(), 'kratom-guide-bench-'));
try {
  process.stdout.write(`Settings of ${guilds} servers at start-up:\n`);
  process.stdout.write(`  ${await measure({ kind: 'sqlite', path: join(dir, 'bench.sqlite') })}\n`);
  if (process.env.DATABASE_URL) {
    process.stdout.write(`  ${await measure({ kind: 'postgres', url: process.env.DATABASE_URL })}\n`);
  } else if (postgresInstalled()) {
    const cluster = await startPostgresCluster();
    try {
      process.stdout.write(`  ${await measure({ kind: 'postgres', url: cluster.url })}\n`);
    } finally {
      cluster.stop();
    }
  } else {
    process.stdout.write('  postgres: not measured (set DATABASE_URL to a scratch database, or install PostgreSQL 15)\n');
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
