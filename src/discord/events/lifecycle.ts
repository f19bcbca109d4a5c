/** Connection events, logged: ready, disconnects, resumes, errors. Nothing here touches a message. */
import { Events, type Client } from 'discord.js';
import type { Logger } from '../logger.js';

export function logLifecycle(client: Client, logger: Logger): void {
  client.once(Events.ClientReady, (ready) => {
    logger.info({ event: 'ready', user: ready.user.tag, guilds: ready.guilds.cache.size, shards: ready.ws.shards.map((shard) => shard.id) });
  });
  client.on(Events.ShardDisconnect, (closeEvent, shardId) => logger.warn({ event: 'shard_disconnect', shardId, code: closeEvent.code }));
  client.on(Events.ShardReconnecting, (shardId) => logger.info({ event: 'shard_reconnecting', shardId }));
  client.on(Events.ShardResume, (shardId, replayed) => logger.info({ event: 'shard_resume', shardId, replayed }));
  client.on(Events.ShardError, (error, shardId) => logger.error({ err: error, event: 'shard_error', shardId }));
  client.on(Events.Error, (error) => logger.error({ err: error, event: 'client_error' }));
  client.on(Events.Warn, (message) => logger.warn({ event: 'client_warning', message }));
}
