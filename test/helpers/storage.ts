/** Real databases for tests: a fresh SQLite file, or a fresh database on the run's PostgreSQL server. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, inject } from 'vitest';
import { openStorage, type Storage, type StorageTarget } from '../../src/storage/open-storage.js';

export interface TestDatabase {
  target: StorageTarget;
  /** Opens (and migrates) it; may be called again after closing, as a restart does. */
  open(): Promise<Storage>;
  /** Removes it for good. */
  drop(): Promise<void>;
}

export type EngineName = 'sqlite' | 'postgres';

/** The engines the storage tests run on: SQLite always, PostgreSQL when the run has a server. */
export function storageEngines(): EngineName[] {
  return inject('postgresUrl') ? ['sqlite', 'postgres'] : ['sqlite'];
}

/**
 * A fresh database on `engine` for each test of the enclosing `describe`: created and opened
 * before the test, closed and dropped after it. `reopen` closes and opens it again, as a restart does.
 */
export function freshDatabaseEach(engine: EngineName): { readonly storage: Storage; reopen(): Promise<void> } {
  let database: TestDatabase;
  let storage: Storage;
  beforeEach(async () => {
    database = await createTestDatabase(engine);
    storage = await database.open();
  });
  afterEach(async () => {
    await storage.close();
    await database.drop();
  });
  return {
    get storage() {
      return storage;
    },
    async reopen() {
      await storage.close();
      storage = await database.open();
    },
  };
}

export async function createTestDatabase(engine: EngineName): Promise<TestDatabase> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'kratom-guide-db-'));
    const target: StorageTarget = { kind: 'sqlite', path: join(dir, 'kratom-guide.sqlite') };
    return { target, open: () => openStorage(target), drop: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })) };
  }
  const serverUrl = inject('postgresUrl');
  if (!serverUrl) throw new Error('no PostgreSQL server for this run');
  const name = `kg_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  await adminQuery(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const target: StorageTarget = { kind: 'postgres', url: url.toString() };
  return { target, open: () => openStorage(target), drop: () => adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

async function adminQuery(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
