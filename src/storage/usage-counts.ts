/**
 * Counts of what the bot did, per server, per kind, per UTC day: numbers only, never message
 * text or a user id. Kept in memory and added to the database in one go every minute and at
 * shutdown ({@link BufferedCounts}), so answering never waits on a write.
 */
import { sql, type Kysely } from 'kysely';
import { BufferedCounts } from './buffered-counts.js';
import type { DatabaseSchema } from './schema.js';

/** The key DMs are counted under (they belong to no server). */
export const DM_KEY = 'dm';

export type UsageKind = string;

export class UsageCounter extends BufferedCounts<{ guildId: string; day: string; kind: string; count: number }> {
  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    private readonly now: () => Date = () => new Date(),
  ) {
    super();
  }

  count(guildId: string | null, kind: UsageKind): void {
    const day = this.now().toISOString().slice(0, 10);
    const guild = guildId ?? DM_KEY;
    this.add(`${guild}\0${day}\0${kind}`, () => ({ guildId: guild, day, kind }));
  }

  protected async write(batch: { guildId: string; day: string; kind: string; count: number }[]): Promise<void> {
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
