/**
 * Counts of what the bot did, per server, per kind, per UTC day: numbers only, never message
 * text or a user id. Kept in memory and added to the database in one go every minute and at
 * shutdown, so answering never waits on a write.
 */
import { sql, type Kysely } from 'kysely';
import type { DatabaseSchema } from './schema.js';

/** The key DMs are counted under (they belong to no server). */
export const DM_KEY = 'dm';

export type UsageKind = string;

export class UsageCounter {
  private pending = new Map<string, { guildId: string; day: string; kind: string; count: number }>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Flushes on an interval until {@link stop}. */
  start(intervalMs = 60_000): void {
    this.timer ??= setInterval(() => void this.flush().catch(() => undefined), intervalMs).unref();
  }

  count(guildId: string | null, kind: UsageKind): void {
    const day = this.now().toISOString().slice(0, 10);
    const key = `${guildId ?? DM_KEY}\0${day}\0${kind}`;
    const entry = this.pending.get(key);
    if (entry) entry.count += 1;
    else this.pending.set(key, { guildId: guildId ?? DM_KEY, day, kind, count: 1 });
  }

  /** Adds what was counted since the last flush to the database. */
  flush(): Promise<void> {
    const batch = [...this.pending.values()];
    this.pending = new Map();
    const run = this.flushing.then(async () => {
      if (batch.length === 0) return;
      await this.db.transaction().execute(async (trx) => {
        for (const { guildId, day, kind, count } of batch) {
          await trx
            .insertInto('usage_counts')
            .values({ guild_id: guildId, day, kind, count })
            .onConflict((conflict) =>
              conflict.columns(['guild_id', 'day', 'kind']).doUpdateSet({ count: sql<number>`usage_counts.count + ${count}` }),
            )
            .execute();
        }
      });
    });
    this.flushing = run.catch(() => undefined);
    return run;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.flush();
  }

  /** Totals per kind for a server since a UTC day (inclusive), e.g. for /setup show. */
  async totals(guildId: string, sinceDay: string): Promise<Record<string, number>> {
    const rows = await this.db
      .selectFrom('usage_counts')
      .select(['kind', (eb) => eb.fn.sum<number | string>('count').as('total')])
      .where('guild_id', '=', guildId)
      .where('day', '>=', sinceDay)
      .groupBy('kind')
      .execute();
    return Object.fromEntries(rows.map((row) => [row.kind, Number(row.total)]));
  }
}
