import { defineConfig } from 'vitest/config';

/**
 * Two projects. `unit`: in-process and fast (engine, corpus, configuration, text, the bot's pure
 * parts); `e2e`: the real discord.js client against the local Discord server, child processes
 * (npm start, start:sharded, the console CLI) and the Dockerfile replay. `npm test` runs both;
 * `npm run test:unit` and `npm run test:e2e` run one. Timeouts are vitest's defaults: a test that
 * needs longer says so, and why, where it is declared.
 */
const UNIT = [
  'test/engine/**/*.test.ts',
  'test/corpus/**/*.test.ts',
  'test/config/**/*.test.ts',
  'test/text/**/*.test.ts',
  'test/learn/**/*.test.ts',
  'test/console/wrap.test.ts',
  'test/console/json-record.test.ts',
  'test/console/chat-commands.test.ts',
  'test/bot/buttons-codec.test.ts',
  'test/bot/failure.test.ts',
  'test/bot/logger.test.ts',
  'test/bot/render.test.ts',
  'test/bot/startup-errors.test.ts',
  'test/bot/state.test.ts',
];

export default defineConfig({
  test: {
    // A real PostgreSQL for the storage tests (TEST_DATABASE_URL, or a temporary cluster).
    globalSetup: ['test/global-setup.ts'],
    projects: [
      // In-process tests share one module graph per worker: the engine's dictionaries load once per worker, not once per file.
      { extends: true, test: { name: 'unit', include: UNIT, pool: 'threads', isolate: false } },
      // End-to-end tests start real discord.js clients, databases and processes; on a loaded 2-core machine one can take several seconds.
      { extends: true, test: { name: 'e2e', include: ['test/**/*.test.ts'], exclude: UNIT, testTimeout: 20_000, hookTimeout: 20_000 } },
    ],
  },
});
