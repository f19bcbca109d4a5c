import type { Generated } from 'kysely';

/** One daily count of the answer statistics (see stats-counts.ts for the metrics and keys). */
export interface StatsCountsTable {
  guild_id: string;
  /** UTC day, YYYY-MM-DD. */
  day: string;
  metric: string;
  /** An answer kind, a passage id or a topic key: never text someone wrote. */
  key: string;
  count: Generated<number>;
}
