/**
 * Makes a real PostgreSQL available to the storage tests, which run against it and SQLite:
 * TEST_DATABASE_URL when set (CI's .ci/run starts a cluster and sets it), else a temporary
 * cluster started here when PostgreSQL 15 is installed. Without either, the PostgreSQL run is
 * skipped with a message, except in CI (CI=true), where that is a failure.
 */
import type { TestProject } from 'vitest/node';
import { POSTGRES_BIN, postgresInstalled, startPostgresCluster } from './helpers/postgres-cluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A PostgreSQL server URL for the storage tests, or null when none is available. */
    postgresUrl: string | null;
  }
}

export default async function setup(project: TestProject): Promise<(() => void) | undefined> {
  const given = process.env.TEST_DATABASE_URL;
  if (given) {
    project.provide('postgresUrl', given);
    return undefined;
  }
  if (!postgresInstalled()) {
    const message = `PostgreSQL is not installed (no initdb in ${POSTGRES_BIN}) and TEST_DATABASE_URL is not set`;
    if (process.env.CI === 'true') throw new Error(`${message}: CI must run the storage tests on PostgreSQL too.`);
    process.stderr.write(`\n⚠ ${message}: the storage tests run on SQLite only; the PostgreSQL run is SKIPPED.\n\n`);
    project.provide('postgresUrl', null);
    return undefined;
  }
  const cluster = await startPostgresCluster();
  project.provide('postgresUrl', cluster.url);
  return () => cluster.stop();
}
