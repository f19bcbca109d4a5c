/**
 * Opens the database: SQLite in a file (the default: one machine, no server to run) or
 * PostgreSQL at a URL (shards on several machines sharing one database). Kysely is the one
 * query layer for both; migrations run before anything else touches the tables.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import { migrateToLatest } from './migrations.js';
import type { DatabaseSchema } from './schema.js';

export type StorageTarget = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

export interface Storage {
  readonly db: Kysely<DatabaseSchema>;
  readonly target: StorageTarget;
  close(): Promise<void>;
}

export const DEFAULT_DATABASE_PATH = './data/kratom-guide.sqlite';

/** DATABASE_URL (postgres://…) when set, else the SQLite file at DATABASE_PATH (default ./data/kratom-guide.sqlite). */
export function storageTarget(env: { DATABASE_URL?: string | undefined; DATABASE_PATH?: string | undefined }): StorageTarget {
  if (env.DATABASE_URL) return { kind: 'postgres', url: env.DATABASE_URL };
  return { kind: 'sqlite', path: env.DATABASE_PATH ?? DEFAULT_DATABASE_PATH };
}

export async function openStorage(target: StorageTarget): Promise<Storage> {
  const db = new Kysely<DatabaseSchema>({
    dialect: target.kind === 'sqlite' ? await sqliteDialect(target.path) : await postgresDialect(target.url),
  });
  try {
    await migrateToLatest(db as Kysely<unknown>);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  let closing: Promise<void> | undefined;
  return { db, target, close: () => (closing ??= db.destroy()) };
}

// Each driver is loaded only when used: a SQLite deployment never loads pg, and the other way round.
async function sqliteDialect(path: string): Promise<SqliteDialect> {
  const { default: Database } = await import('better-sqlite3');
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const database = new Database(path);
  // WAL lets shard processes on one machine read while another writes; wait rather than fail on a lock.
  database.pragma('journal_mode = WAL');
  database.pragma('busy_timeout = 5000');
  return new SqliteDialect({ database });
}

async function postgresDialect(url: string): Promise<PostgresDialect> {
  const { default: pg } = await import('pg');
  return new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 5 }) });
}
