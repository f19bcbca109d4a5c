/**
 * `npm run start:sharded`: runs the bot as shards, one child process each, with discord.js's
 * ShardingManager. SHARD_COUNT is the total ("auto": Discord's recommendation); SHARD_LIST
 * picks the shards this machine runs, so shards can be spread over several machines.
 */
import { fileURLToPath } from 'node:url';
import { once } from 'node:events';
import { REST, Routes, ShardingManager, type RESTGetAPIGatewayBotResult } from 'discord.js';
import { exitWithError } from '../cli/fatal.js';
import { botEnvSchema } from '../config/bot-env.js';
import { ConfigError } from '../config/env.js';
import { createLogger } from './logger.js';
import { describeLoginFailure, readEnvOrExit } from './startup.js';

const env = readEnvOrExit(botEnvSchema);
const logger = createLogger({ level: env.LOG_LEVEL, secrets: [env.DISCORD_TOKEN] });

let totalShards: number;
try {
  totalShards = env.SHARD_COUNT === 'auto' ? await recommendedShards() : env.SHARD_COUNT;
} catch (error) {
  exitWithError(describeLoginFailure(error));
}
const shardList = env.SHARD_LIST?.split(',').map(Number);
if (shardList?.some((id) => id >= totalShards)) {
  exitWithError(new ConfigError(`SHARD_LIST has shard ids that are not below the shard count (${totalShards})`));
}

// From source (npm run start:sharded) each shard runs main.ts through tsx, as `npm start` does;
// compiled (the Docker image) it runs dist/discord/main.js with plain node.
const compiled = import.meta.url.endsWith('.js');
const manager = new ShardingManager(fileURLToPath(new URL(compiled ? './main.js' : './main.ts', import.meta.url)), {
  token: env.DISCORD_TOKEN,
  totalShards,
  shardList: shardList ?? 'auto',
  execArgv: compiled ? [] : ['--import', import.meta.resolve('tsx')],
});
manager.on('shardCreate', (shard) => {
  logger.info({ event: 'shard_spawned', shardId: shard.id, totalShards });
  shard.on('death', () => logger.warn({ event: 'shard_died', shardId: shard.id, respawn: manager.respawn }));
  shard.on('error', (error) => logger.error({ err: error, event: 'shard_error', shardId: shard.id }));
});

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => void stopAll(signal));
}

try {
  await manager.spawn({ timeout: 60_000 });
  logger.info({ event: 'shards_ready', shards: [...manager.shards.keys()], totalShards });
} catch (error) {
  logger.error({ err: error, event: 'spawn_failed' });
  await stopAll('spawn_failed');
}

/** Passes the signal on: each shard finishes its replies in flight and exits; then this does. */
async function stopAll(reason: string): Promise<void> {
  logger.info({ event: 'stopping_shards', reason });
  manager.respawn = false;
  const exits = [...manager.shards.values()].flatMap((shard) => {
    const child = shard.process;
    if (!child || child.exitCode !== null) return [];
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    return [exited];
  });
  await Promise.all(exits);
  process.exit(reason === 'spawn_failed' ? 1 : 0);
}

async function recommendedShards(): Promise<number> {
  // discord.js's own lookup always asks discord.com; this one honours DISCORD_API_URL.
  const rest = new REST(env.DISCORD_API_URL ? { api: env.DISCORD_API_URL } : {}).setToken(env.DISCORD_TOKEN);
  const gateway = (await rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
  return gateway.shards;
}
