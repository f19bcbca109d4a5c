/**
 * `npm start`: environment → answer engine → Discord bot. Also the file each shard runs under
 * `npm run start:sharded`. SIGTERM/SIGINT (or the parent process going away) stop it
 * gracefully: replies in flight finish, then it disconnects and exits 0.
 */
import { exitWithError } from '../cli/fatal.js';
import { onStopRequest } from '../cli/stop-requests.js';
import { botEnvSchema } from '../config/bot-env.js';
import { createEngineFromEnv } from '../engine/from-env.js';
import { createBot } from './client.js';
import { createLogger } from './logger.js';
import { SHARD_STOP_NOTICE } from './sharding.js';
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

const logger = createLogger({ level: env.LOG_LEVEL, secrets: [env.DISCORD_TOKEN] });
const bot = createBot({
  engine,
  logger,
  config: { token: env.DISCORD_TOKEN, apiUrl: env.DISCORD_API_URL, cooldownSeconds: env.COOLDOWN_SECONDS },
});

let stopping = false;
onStopRequest((reason) => {
  stopping = true;
  logger.info({ event: 'stop_requested', reason });
  tellShardingManager(reason);
  bot.stop().then(
    () => process.exit(0),
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
    exitWithError(describeLoginFailure(error, env.DISCORD_API_URL));
  }
}
