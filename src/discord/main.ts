/**
 * `npm start`: environment → answer engine → database (migrated) → Discord bot. Also the file
 * each shard runs under `npm run start:sharded`. SIGTERM/SIGINT (or the parent process going
 * away) stop it gracefully: replies in flight finish, counts are written, then it disconnects
 * and exits 0.
 */
import { exitWithError } from '../cli/fatal.js';
import { onStopRequest } from '../cli/stop-requests.js';
import { botEnvSchema } from '../config/bot-env.js';
import { createEngineFromEnv } from '../engine/from-env.js';
import { openStorage, storageTarget, type Storage } from '../storage/open-storage.js';
import { createBot } from './client.js';
import { createLogger } from './logger.js';
import { SHARD_STOP_NOTICE } from './sharding.js';
import { applicationAllowsMessageContent } from './message-content.js';
import { describeLoginFailure, readEnvOrExit } from './startup.js';

const env = readEnvOrExit(botEnvSchema);
let engine;
try {
  engine = createEngineFromEnv();
} catch (error) {
  exitWithError(error);
}

if (!process.env.SHARDING_MANAGER) {
  // discord.js reads SHARD_COUNT from the environment (its ShardingManager sets it for each shard). A
  // SHARD_COUNT left in .env from before it was renamed TOTAL_SHARDS must not make this one process run every shard.
  delete process.env.SHARD_COUNT;
}

const logger = createLogger({ level: env.LOG_LEVEL, secrets: [env.DISCORD_TOKEN, ...(env.DATABASE_URL ? [env.DATABASE_URL] : [])] });

let storage: Storage;
try {
  storage = await openStorage(storageTarget(env));
} catch (error) {
  exitWithError(new Error(`the database cannot be opened: ${(error as Error).message}`));
}

let messageContent: boolean;
try {
  // Ask for the privileged intent only when the application has it: Discord would refuse the connection.
  messageContent = await applicationAllowsMessageContent({ token: env.DISCORD_TOKEN, apiUrl: env.DISCORD_API_URL });
} catch (error) {
  await storage.close();
  exitWithError(describeLoginFailure(error, env.DISCORD_API_URL));
}
logger.info({ event: 'message_content_intent', enabled: messageContent });

const bot = createBot({
  engine,
  logger,
  storage,
  config: { token: env.DISCORD_TOKEN, apiUrl: env.DISCORD_API_URL, cooldownSeconds: env.COOLDOWN_SECONDS, messageContent },
});

let stopping = false;
onStopRequest((reason) => {
  stopping = true;
  logger.info({ event: 'stop_requested', reason });
  tellShardingManager(reason);
  bot.stop().then(
    () => storage.close().finally(() => process.exit(0)),
    (error: unknown) => {
      logger.error({ err: error, event: 'stop_failed' });
      process.exit(1);
    },
  );
});
/**
 * A shard asked to stop (a signal to this process, not to the manager) tells its manager, which then
 * stops every shard instead of starting this one again.
 */
function tellShardingManager(reason: string): void {
  if (!process.env.SHARDING_MANAGER || !process.send || !process.connected) return;
  process.send({ [SHARD_STOP_NOTICE]: reason }, (error: Error | null) => {
    if (error) logger.warn({ event: 'stop_notice_failed', reason: error.message });
  });
}

process.on('unhandledRejection', (error) => logger.error({ err: error, event: 'unhandled_rejection' }));

try {
  await bot.start();
} catch (error) {
  // A signal during login ends it on purpose; stop() then exits 0.
  if (!stopping) {
    await bot.client.destroy();
    await storage.close();
    exitWithError(describeLoginFailure(error, env.DISCORD_API_URL));
  }
}
