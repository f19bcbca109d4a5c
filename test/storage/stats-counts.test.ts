/** The /stats counters on a real database (SQLite, and PostgreSQL when the run has one). */
import { describe, expect, it } from 'vitest';
import { RETENTION_DAYS, StatsCounter, firstDayOf, statsTotals } from '../../src/storage/stats-counts.js';
import { UsageCounter } from '../../src/storage/usage-counts.js';
import { freshDatabaseEach, storageEngines } from '../helpers/storage.js';

const GUILD = '123456789012345678';
const daysAgo = (now: Date, days: number) => new Date(now.getTime() - days * 86_400_000);

describe.each(storageEngines())('stats counts on %s', (engine) => {
  const fresh = freshDatabaseEach(engine);

  it('adds counts of the same day, metric and key together across flushes', async () => {
    const stats = new StatsCounter(fresh.storage.db);
    stats.count(GUILD, 'question', 'answered');
    stats.count(GUILD, 'question', 'answered');
    await stats.flush();
    stats.count(GUILD, 'question', 'answered');
    stats.count(GUILD, 'topic', 'doses');
    await stats.stop();
    const { stats: rows } = await statsTotals(fresh.storage.db, GUILD, firstDayOf(7, new Date()));
    expect(rows.sort((a, b) => a.metric.localeCompare(b.metric))).toEqual([
      { metric: 'question', key: 'answered', count: 3 },
      { metric: 'topic', key: 'doses', count: 1 },
    ]);
  });

  it(`deletes statistics and usage counts older than ${RETENTION_DAYS} days, and keeps the rest`, async () => {
    const now = new Date('2026-12-03T12:00:00Z');
    for (const age of [RETENTION_DAYS + 10, RETENTION_DAYS, RETENTION_DAYS - 1, 0]) {
      const then = daysAgo(now, age);
      const stats = new StatsCounter(fresh.storage.db, () => then);
      const usage = new UsageCounter(fresh.storage.db, () => then);
      stats.count(GUILD, 'question', 'crisis');
      usage.count(GUILD, 'alert');
      await usage.flush();
      await stats.flush();
    }
    await new StatsCounter(fresh.storage.db, () => now).flush();
    const statDays = (await fresh.storage.db.selectFrom('stats_counts').select('day').execute()).map((r) => r.day).sort();
    const usageDays = (await fresh.storage.db.selectFrom('usage_counts').select('day').execute()).map((r) => r.day).sort();
    const kept = [daysAgo(now, RETENTION_DAYS - 1), now].map((d) => d.toISOString().slice(0, 10));
    expect(statDays).toEqual(kept);
    expect(usageDays).toEqual(kept);
  });

  it('reports one server apart from the others, or all of them together', async () => {
    const stats = new StatsCounter(fresh.storage.db);
    stats.count(GUILD, 'question', 'help');
    stats.count('876543210987654321', 'question', 'help');
    await stats.flush();
    const since = firstDayOf(7, new Date());
    expect((await statsTotals(fresh.storage.db, GUILD, since)).stats).toEqual([{ metric: 'question', key: 'help', count: 1 }]);
    expect((await statsTotals(fresh.storage.db, null, since)).stats).toEqual([{ metric: 'question', key: 'help', count: 2 }]);
  });
});
