/**
 * `npm start`: environment → answer engine → database (migrated) → Discord bot. Also the file
 * each shard runs under `npm run start:sharded`. SIGTERM/SIGINT stop it gracefully (exit 0).
 */
import { exitWithError } from '../cli/fatal.js';
import { botEnvSchema } from '../config/bot-env.js';
import { createEngineFromEnv } from '../engine/from-env.js';
import { openStorage, storageTarget, type Storage } from '../storage/open-storage.js';
import { createBot } from './client.js';
import { createLogger } from './logger.js';
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
  // discord.js reads SHARD_COUNT from the environment; it is meant for start:sharded, not one process.
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
  exitWithError(describeLoginFailure(error));
}
logger.info({ event: 'message_content_intent', enabled: messageContent });

const bot = createBot({
  engine,
  logger,
  storage,
  config: { token: env.DISCORD_TOKEN, apiUrl: env.DISCORD_API_URL, cooldownSeconds: env.COOLDOWN_SECONDS, messageContent },
});

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    stopping = true;
    logger.info({ event: 'signal', signal });
    bot.stop().then(
      () => storage.close().finally(() => process.exit(0)),
      (error: unknown) => {
        logger.error({ err: error, event: 'stop_failed' });
        process.exit(1);
      },
    );
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
    exitWithError(describeLoginFailure(error));
  }
}
