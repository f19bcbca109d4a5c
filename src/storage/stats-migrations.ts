/**
 * The answer statistics' table (issue 9), applied after the storage's own migrations: daily
 * counts per server of a metric and a key (an answer kind, a passage id, a topic key), never
 * text or a user id.
 */
import type { Kysely, Migration } from 'kysely';

export const statsMigrations: Record<string, Migration> = {
  '003_stats_counts': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('stats_counts')
        .addColumn('guild_id', 'varchar(20)', (col) => col.notNull())
        .addColumn('day', 'varchar(10)', (col) => col.notNull())
        .addColumn('metric', 'varchar(20)', (col) => col.notNull())
        .addColumn('key', 'varchar(255)', (col) => col.notNull())
        .addColumn('count', 'integer', (col) => col.notNull().defaultTo(0))
        .addPrimaryKeyConstraint('stats_counts_pk', ['guild_id', 'day', 'metric', 'key'])
        .execute();
      await db.schema.createIndex('stats_counts_day').on('stats_counts').column('day').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('stats_counts').execute();
    },
  },
};
