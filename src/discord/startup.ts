/** Start-up of the bot's scripts: read `.env`, validate, and fail in one clear line. */
import type { z } from 'zod';
import { exitWithError } from '../cli/fatal.js';
import { ConfigError, loadDotEnv, parseEnv } from '../config/env.js';
import { CONSOLE_BOT_HINT } from '../config/bot-env.js';

/** Parses the environment (and `.env`) or exits 1 naming what is wrong; a missing token points to the console bot. */
export function readEnvOrExit<T extends z.ZodTypeAny>(schema: T): z.infer<T> {
  try {
    return readEnv(schema);
  } catch (error) {
    exitWithError(error);
  }
}

/** Parses the environment after loading `.env` into it; a ConfigError says what is wrong, and a missing token points to the console bot. */
export function readEnv<T extends z.ZodTypeAny>(schema: T, env: NodeJS.ProcessEnv = process.env, dotEnvPath = '.env'): z.infer<T> {
  try {
    loadDotEnv(dotEnvPath, env);
    return parseEnv(schema, env);
  } catch (error) {
    if (error instanceof ConfigError && /^DISCORD_TOKEN is required/m.test(error.message)) {
      throw new ConfigError(error.message.replace(/^(DISCORD_TOKEN is required.*)$/m, `$1. ${CONSOLE_BOT_HINT}`));
    }
    throw error;
  }
}

/** Discord's REST base when DISCORD_API_URL is unset (what discord.js uses). */
export const DEFAULT_API_URL = 'https://discord.com/api';

/** Errors of a connection that never got an answer: no DNS, refused, reset, timed out, no route. */
const UNREACHABLE_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
  'CERT_HAS_EXPIRED',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
]);

/**
 * Why logging in (or any first call to Discord) failed, in words an operator can act on: a
 * refused token, or Discord unreachable (what was tried, and what to check). Anything else is
 * returned as it is.
 */
export function describeLoginFailure(error: unknown, apiUrl: string | undefined): unknown {
  const { code, status } = error as { code?: unknown; status?: unknown };
  if (code === 'TokenInvalid' || status === 401) {
    return new ConfigError(
      'DISCORD_TOKEN was refused by Discord (401 Unauthorized): reset it on the Developer Portal’s Bot page and update .env',
    );
  }
  const network = networkErrorCode(error);
  if (network !== undefined) return new Error(unreachableMessage(apiUrl, network, (error as Error).message));
  if ((error as Error | undefined)?.name === 'AbortError') return new Error(unreachableMessage(apiUrl, 'timeout', 'no answer in time'));
  return error;
}

function unreachableMessage(apiUrl: string | undefined, code: string, detail: string): string {
  const tried = withoutCredentials(apiUrl ?? DEFAULT_API_URL);
  const setting =
    apiUrl === undefined ? `DISCORD_API_URL is unset, so ${DEFAULT_API_URL} was used` : 'DISCORD_API_URL is set to that address';
  return (
    `cannot reach Discord at ${tried} (${code}: ${detail}). Check: the network connection and DNS of this machine; ` +
    `${setting}: is it right and reachable?; a proxy or firewall: discord.js does not use HTTP(S)_PROXY, ` +
    `so behind a proxy point DISCORD_API_URL at a REST proxy this machine can reach`
  );
}

function networkErrorCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; typeof current === 'object' && current !== null && depth < 4; depth++) {
    const { code } = current as { code?: unknown };
    if (typeof code === 'string' && UNREACHABLE_CODES.has(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** A URL as it may be printed: a proxy's user and password left out. */
function withoutCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.href;
  } catch {
    return '(an unreadable URL)';
  }
}
