/**
 * Versioned schema migrations, run at start-up (Kysely's Migrator keeps the applied ones in
 * `kysely_migration`, and takes a lock so two processes starting together do not both apply
 * one). In code, not files, so the compiled build needs nothing beside it. Never edit an
 * applied migration: add the next one.
 */
import { Migrator, type Kysely, type Migration, type MigrationResultSet } from 'kysely';
import { statsMigrations } from './stats-migrations.js';

export const migrations: Record<string, Migration> = {
  '001_guild_settings': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('guild_settings')
        .addColumn('guild_id', 'varchar(20)', (col) => col.primaryKey())
        .addColumn('crisis_text', 'text')
        .addColumn('alert_channel_id', 'varchar(20)')
        .addColumn('alert_role_id', 'varchar(20)')
        .addColumn('ask_channel_id', 'varchar(20)')
        .addColumn('private_replies', 'integer', (col) => col.notNull().defaultTo(0))
        .addColumn('cooldown_seconds', 'integer')
        .addColumn('updated_at', 'varchar(30)', (col) => col.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('guild_settings').execute();
    },
  },
  '002_usage_counts': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('usage_counts')
        .addColumn('guild_id', 'varchar(20)', (col) => col.notNull())
        .addColumn('day', 'varchar(10)', (col) => col.notNull())
        .addColumn('kind', 'varchar(20)', (col) => col.notNull())
        .addColumn('count', 'integer', (col) => col.notNull().defaultTo(0))
        .addPrimaryKeyConstraint('usage_counts_pk', ['guild_id', 'day', 'kind'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('usage_counts').execute();
    },
  },
  ...statsMigrations,
};

export const LATEST_MIGRATION = Object.keys(migrations).at(-1)!;

/** Applies every migration not yet applied; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<unknown>): Promise<MigrationResultSet> {
  const migrator = new Migrator({ db, provider: { getMigrations: () => Promise.resolve(migrations) } });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName;
    throw new Error(
      `database migration ${failed ?? ''} failed: ${result.error instanceof Error ? result.error.message : JSON.stringify(result.error)}`.replace(
        '  ',
        ' ',
      ),
    );
  }
  return result;
}
