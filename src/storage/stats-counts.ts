/**
 * The answer statistics /stats and `npm run stats` report: per server, per UTC day, a count
 * for a metric and a key. Keys are answer kinds, passage ids and topic keys only, never text
 * or a user id. Counted in memory and added to the database every minute and at shutdown
 * ({@link BufferedCounts}); days older than {@link RETENTION_DAYS} are deleted.
 */
import { sql, type Kysely } from 'kysely';
import type { DatabaseSchema } from './schema.js';
import { BufferedCounts } from './buffered-counts.js';
import { DM_KEY } from './usage-counts.js';

export const RETENTION_DAYS = 90;

/**
 * question: key = a question kind (answered, partial, not_covered, crisis, help).
 * passage: key = a passage id quoted in an answer.
 * topic: key = a not-covered topic (a key of corpus/topics.json).
 * helpful / not_helpful: key = a passage id of the rated answer.
 * helpful_kind / not_helpful_kind: key = the rated answer's question kind.
 */
export type StatsMetric = 'question' | 'passage' | 'topic' | 'helpful' | 'not_helpful' | 'helpful_kind' | 'not_helpful_kind';

export interface StatsRow {
  metric: string;
  key: string;
  count: number;
}

export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The first UTC day of the last `days` days ending today. */
export function firstDayOf(days: number, now: Date): string {
  return utcDay(new Date(now.getTime() - (days - 1) * 86_400_000));
}

type StatsEntry = { guildId: string; day: string; metric: StatsMetric; key: string; count: number };

export class StatsCounter extends BufferedCounts<StatsEntry> {
  private prunedOn: string | undefined;

  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    private readonly now: () => Date = () => new Date(),
  ) {
    super();
  }

  /** The database the counts go to (for reading reports). */
  get database(): Kysely<DatabaseSchema> {
    return this.db;
  }

  count(guildId: string | null, metric: StatsMetric, key: string): void {
    const day = utcDay(this.now());
    const guild = guildId ?? DM_KEY;
    this.add(`${guild}\0${day}\0${metric}\0${key}`, () => ({ guildId: guild, day, metric, key }));
  }

  /** Adds the batch to the database; deletes days past retention once a day. */
  protected async write(batch: StatsEntry[]): Promise<void> {
    if (batch.length > 0) {
      await this.db.transaction().execute(async (trx) => {
        for (const { guildId, day, metric, key, count } of batch) {
          await trx
            .insertInto('stats_counts')
            .values({ guild_id: guildId, day, metric, key, count })
            .onConflict((conflict) =>
              conflict.columns(['guild_id', 'day', 'metric', 'key']).doUpdateSet({ count: sql<number>`stats_counts.count + ${count}` }),
            )
            .execute();
        }
      });
    }
    const today = utcDay(this.now());
    if (this.prunedOn !== today) {
      await deleteCountsBefore(this.db, firstDayOf(RETENTION_DAYS, this.now()));
      this.prunedOn = today;
    }
  }
}

/** Deletes every daily count (statistics and usage) of a day before `firstKeptDay`. */
export async function deleteCountsBefore(db: Kysely<DatabaseSchema>, firstKeptDay: string): Promise<void> {
  await db.deleteFrom('stats_counts').where('day', '<', firstKeptDay).execute();
  await db.deleteFrom('usage_counts').where('day', '<', firstKeptDay).execute();
}

/** Totals per metric and key since a UTC day (inclusive), for one server or (guildId null) all of them. */
export async function statsTotals(
  db: Kysely<DatabaseSchema>,
  guildId: string | null,
  sinceDay: string,
): Promise<{ stats: StatsRow[]; usage: Record<string, number> }> {
  let stats = db
    .selectFrom('stats_counts')
    .select(['metric', 'key', (eb) => eb.fn.sum<number | string>('count').as('total')])
    .where('day', '>=', sinceDay);
  let usage = db
    .selectFrom('usage_counts')
    .select(['kind', (eb) => eb.fn.sum<number | string>('count').as('total')])
    .where('day', '>=', sinceDay);
  if (guildId !== null) {
    stats = stats.where('guild_id', '=', guildId);
    usage = usage.where('guild_id', '=', guildId);
  }
  const [statRows, usageRows] = await Promise.all([stats.groupBy(['metric', 'key']).execute(), usage.groupBy('kind').execute()]);
  return {
    stats: statRows.map((row) => ({ metric: row.metric, key: row.key, count: Number(row.total) })),
    usage: Object.fromEntries(usageRows.map((row) => [row.kind, Number(row.total)])),
  };
}
