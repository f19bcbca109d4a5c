/**
 * Connection and REST events, logged so an operator can act on them: ready, reconnects and
 * invalid sessions (warn, with the reason Discord or discord.js gave), 429s (warn, with the route
 * and Discord's retry-after), Discord's 5xx answers (warn, with whether a retry follows), and
 * discord.js waiting out a used-up bucket on its own (info).
 * Nothing here touches a message. While the bot stops, its own disconnect is not a warning.
 */
import { Events, RESTEvents, type Client } from 'discord.js';
import type { Logger } from '../logger.js';
import { gatewayNotice } from './gateway-notices.js';

export function logLifecycle(client: Client, logger: Logger, isStopping: () => boolean = () => false): void {
  client.once(Events.ClientReady, (ready) => {
    logger.info({
      event: 'ready',
      user: ready.user.tag,
      guilds: ready.guilds.cache.size,
      shards: ready.ws.shards.map((shard) => shard.id),
    });
  });
  client.on(Events.ShardDisconnect, (closeEvent, shardId) => logger.warn({ event: 'shard_disconnect', shardId, code: closeEvent.code }));
  client.on(Events.ShardResume, (shardId, replayed) => logger.info({ event: 'shard_resume', shardId, replayed }));
  client.on(Events.ShardError, (error, shardId) => logger.error({ err: error, event: 'shard_error', shardId }));
  client.on(Events.Error, (error) => logger.error({ err: error, event: 'client_error' }));
  client.on(Events.Warn, (message) => logger.warn({ event: 'client_warning', message }));
  client.on(Events.Debug, (message) => {
    if (isStopping()) return;
    const notice = gatewayNotice(message);
    if (notice) logger.warn(notice);
  });

  // A wait discord.js chose itself because a bucket is used up: normal under load, so info.
  client.rest.on(RESTEvents.RateLimited, (limit) => {
    logger.info({
      event: 'rate_limit_wait',
      method: limit.method.toUpperCase(),
      route: limit.route,
      waitMs: limit.timeToReset,
      global: limit.global,
    });
  });
  client.rest.on(RESTEvents.Response, (request, response) => {
    if (response.status === 429) {
      const retryAfter = Number(response.headers.get('retry-after'));
      logger.warn({
        event: 'rate_limited',
        method: request.method.toUpperCase(),
        route: request.route,
        retryAfterMs: Number.isFinite(retryAfter) ? Math.round(retryAfter * 1000) : undefined,
        global: response.headers.has('x-ratelimit-global'),
        scope: response.headers.get('x-ratelimit-scope') ?? undefined,
      });
    } else if (response.status >= 500) {
      logger.warn({
        event: 'discord_server_error',
        method: request.method.toUpperCase(),
        route: request.route,
        status: response.status,
        attempt: request.retries + 1,
        willRetry: request.retries < client.rest.options.retries,
      });
    }
  });
}
