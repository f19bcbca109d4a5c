/**
 * `npm run start:sharded`: runs the bot as shards, one child process each, with discord.js's
 * ShardingManager. TOTAL_SHARDS is the total ("auto": Discord's recommendation); SHARD_LIST
 * picks the shards this machine runs, so shards can be spread over several machines. A stop
 * request (SIGTERM, SIGINT, the parent gone) is passed on to every shard; start-up gives up,
 * with a line saying why, when a shard is not ready in time.
 */
import { fileURLToPath } from 'node:url';
import { once } from 'node:events';
import { REST, Routes, ShardingManager, type RESTGetAPIGatewayBotResult } from 'discord.js';
import { exitWithError } from '../cli/fatal.js';
import { onStopRequest } from '../cli/stop-requests.js';
import { botEnvSchema, totalShardsSetting } from '../config/bot-env.js';
import { ConfigError } from '../config/env.js';
import { createLogger } from './logger.js';
import { describeShardStartFailure, SHARD_READY_TIMEOUT_MS, SHARD_STOP_NOTICE } from './sharding.js';
import { describeLoginFailure, readEnvOrExit } from './startup.js';

/** How long a shard may take to exit after SIGTERM (its own drain is 8 s) before it is killed. */
const SHARD_EXIT_GRACE_MS = 15_000;
/** How long asking Discord for the recommended shard count may take. */
const RECOMMENDATION_TIMEOUT_MS = 30_000;

const env = readEnvOrExit(botEnvSchema);
const logger = createLogger({ level: env.LOG_LEVEL, secrets: [env.DISCORD_TOKEN] });
const setting = totalShardsSetting(env);
if (setting.warning) logger.warn({ event: 'deprecated_setting', message: setting.warning });

let totalShards: number;
try {
  totalShards = setting.total === 'auto' ? await recommendedShards() : setting.total;
} catch (error) {
  exitWithError(describeLoginFailure(error, env.DISCORD_API_URL));
}
const shardList = env.SHARD_LIST?.split(',').map(Number);
if (shardList?.some((id) => id >= totalShards)) {
  exitWithError(new ConfigError(`SHARD_LIST has shard ids that are not below the total of ${totalShards} shards (TOTAL_SHARDS)`));
}

// From source (npm run start:sharded) each shard runs main.ts with node --import tsx, as `npm start`
// does; compiled (the Docker image) it runs dist/discord/main.js with plain node.
const compiled = import.meta.url.endsWith('.js');
const manager = new ShardingManager(fileURLToPath(new URL(compiled ? './main.js' : './main.ts', import.meta.url)), {
  token: env.DISCORD_TOKEN,
  totalShards,
  shardList: shardList ?? 'auto',
  execArgv: compiled ? [] : ['--import', import.meta.resolve('tsx')],
});
manager.on('shardCreate', (shard) => {
  logger.info({ event: 'shard_spawned', shardId: shard.id, totalShards });
  shard.on('death', (child) => {
    const code = 'exitCode' in child ? child.exitCode : undefined;
    logger.warn({ event: 'shard_died', shardId: shard.id, exitCode: code, respawn: manager.respawn });
  });
  shard.on('error', (error) => logger.error({ err: error, event: 'shard_error', shardId: shard.id }));
  // A shard signalled on its own (not through this process) stops them all, rather than being started again.
  shard.on('message', (message: unknown) => {
    if (typeof message === 'object' && message !== null && SHARD_STOP_NOTICE in message) {
      void stopAll(`shard ${shard.id} was asked to stop`).then(() => process.exit(0));
    }
  });
});

let stopping: Promise<void> | undefined;
onStopRequest((reason) => void stopAll(reason).then(() => process.exit(0)));

try {
  await manager.spawn({ timeout: SHARD_READY_TIMEOUT_MS });
  logger.info({ event: 'shards_ready', shards: [...manager.shards.keys()], totalShards });
} catch (error) {
  const message = describeShardStartFailure(error);
  logger.error({ err: error, event: 'spawn_failed', message });
  await stopAll('spawn_failed');
  exitWithError(new Error(message));
}

/** Passes the stop on: each shard finishes its replies in flight and exits (or is killed after a grace period). */
function stopAll(reason: string): Promise<void> {
  stopping ??= (async () => {
    logger.info({ event: 'stopping_shards', reason });
    manager.respawn = false;
    const exits = [...manager.shards.values()].flatMap((shard) => {
      const child = shard.process;
      if (!child || child.exitCode !== null || child.signalCode !== null) return [];
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const grace = setTimeout(() => {
        logger.warn({ event: 'shard_killed', shardId: shard.id, afterMs: SHARD_EXIT_GRACE_MS });
        child.kill('SIGKILL');
      }, SHARD_EXIT_GRACE_MS);
      return [exited.finally(() => clearTimeout(grace))];
    });
    await Promise.all(exits);
  })();
  return stopping;
}

async function recommendedShards(): Promise<number> {
  // discord.js's own lookup always asks discord.com; this one honours DISCORD_API_URL.
  const rest = new REST(env.DISCORD_API_URL ? { api: env.DISCORD_API_URL } : {}).setToken(env.DISCORD_TOKEN);
  const gateway = (await rest.get(Routes.gatewayBot(), {
    signal: AbortSignal.timeout(RECOMMENDATION_TIMEOUT_MS),
  })) as RESTGetAPIGatewayBotResult;
  return gateway.shards;
}
