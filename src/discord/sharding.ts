/** What `npm run start:sharded` and its shards share: start-up failures in words, and the notice of a shard asked to stop. */
import { DiscordjsErrorCodes } from 'discord.js';

/** The key of the message a shard sends its manager when it was asked to stop: `{ [SHARD_STOP_NOTICE]: reason }`. */
export const SHARD_STOP_NOTICE = 'kratomGuideStopRequested';

/** How long each shard may take from its process start to ready (login, gateway, guilds). */
export const SHARD_READY_TIMEOUT_MS = 60_000;

export function describeShardStartFailure(error: unknown): string {
  const { code, message } = error as { code?: unknown; message?: unknown };
  const shard = typeof message === 'string' ? (/Shard (\d+)/.exec(message)?.[1] ?? '?') : '?';
  switch (code) {
    case DiscordjsErrorCodes.ShardingReadyDied:
      return `shard ${shard} exited before it was ready: its own error is the line above (a configuration error, a refused token, Discord unreachable)`;
    case DiscordjsErrorCodes.ShardingReadyTimeout:
      return `shard ${shard} was not ready within ${SHARD_READY_TIMEOUT_MS / 1000} s: check the network, DISCORD_API_URL, and the shard's log lines above`;
    case DiscordjsErrorCodes.ShardingReadyDisconnected:
      return `shard ${shard} lost its connection to Discord before it was ready: check the network and the shard's log lines above`;
    default:
      return `shards could not be started: ${typeof message === 'string' ? message : String(error)}`;
  }
}
