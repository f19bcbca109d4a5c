/**
 * What went wrong when talking to Discord, as an operator reads it: a kind to act on, the
 * reason in words, and the log level it deserves (only the unexpected is an error).
 */
import { DiscordAPIError, HTTPError, RateLimitError, RESTJSONErrorCodes } from 'discord.js';

export type FailureKind =
  /** Discord no longer knows the interaction: not acknowledged within its 3 s window, or already answered. */
  | 'interaction_expired'
  /** The bot lacks a permission in the channel (an admin can fix it). */
  | 'missing_permissions'
  /** The person does not accept DMs from the bot. */
  | 'dms_closed'
  | 'rate_limited'
  /** Discord answered 5xx, also after the retries. */
  | 'discord_server_error'
  /** No answer from Discord at all. */
  | 'network'
  /** Anything else: a bug, to be read with its stack. */
  | 'unexpected';

export interface Failure {
  kind: FailureKind;
  reason: string;
  level: 'info' | 'warn' | 'error';
}

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);

export function describeFailure(error: unknown): Failure {
  if (error instanceof DiscordAPIError) {
    const said = `Discord ${error.status} ${String(error.code)}: ${error.message}`;
    switch (error.code) {
      case RESTJSONErrorCodes.UnknownInteraction:
        return { kind: 'interaction_expired', level: 'warn', reason: `${said} (not acknowledged within Discord’s 3 s, or expired)` };
      case RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged:
        return { kind: 'interaction_expired', level: 'warn', reason: said };
      case RESTJSONErrorCodes.MissingPermissions:
      case RESTJSONErrorCodes.MissingAccess:
        return { kind: 'missing_permissions', level: 'warn', reason: `${said} (${error.method.toUpperCase()} ${routeOf(error.url)})` };
      case RESTJSONErrorCodes.CannotSendMessagesToThisUser:
        return { kind: 'dms_closed', level: 'info', reason: said };
      default:
        return { kind: 'unexpected', level: 'error', reason: `${said} (${error.method.toUpperCase()} ${routeOf(error.url)})` };
    }
  }
  if (error instanceof RateLimitError) {
    return {
      kind: 'rate_limited',
      level: 'warn',
      reason: `rate limited on ${error.method.toUpperCase()} ${error.route}: retry after ${error.retryAfter} ms`,
    };
  }
  if (error instanceof HTTPError && error.status >= 500) {
    return {
      kind: 'discord_server_error',
      level: 'warn',
      reason: `Discord ${error.status} on ${error.method.toUpperCase()} ${routeOf(error.url)}, also after retries`,
    };
  }
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string' && NETWORK_CODES.has(code)) {
    return { kind: 'network', level: 'warn', reason: `no answer from Discord (${code})` };
  }
  if ((error as Error | undefined)?.name === 'AbortError')
    return { kind: 'network', level: 'warn', reason: 'no answer from Discord in time (request aborted)' };
  return { kind: 'unexpected', level: 'error', reason: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
}

/** A REST URL reduced to its route: ids become :id and interaction or webhook tokens disappear. */
export function routeOf(url: string): string {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    path = url;
  }
  return path
    .replace(/^\/api(\/v\d+)?/, '')
    .replace(/\/(interactions|webhooks)\/(\d+)\/[^/]+/g, '/$1/:id/:token')
    .replace(/\/\d{15,}/g, '/:id');
}
