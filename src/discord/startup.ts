/** Start-up of the bot's scripts: read `.env`, validate, and fail in one clear line. */
import type { z } from 'zod';
import { exitWithError } from '../cli/fatal.js';
import { ConfigError, loadDotEnv, parseEnv } from '../config/env.js';
import { CONSOLE_BOT_HINT } from '../config/bot-env.js';

/** Parses the environment (and `.env`) or exits 1 naming what is wrong; a missing token points to the console bot. */
export function readEnvOrExit<T extends z.ZodTypeAny>(schema: T): z.infer<T> {
  try {
    loadDotEnv();
    return parseEnv(schema);
  } catch (error) {
    if (error instanceof ConfigError && /^DISCORD_TOKEN is required/m.test(error.message)) {
      exitWithError(new ConfigError(error.message.replace(/^(DISCORD_TOKEN is required.*)$/m, `$1. ${CONSOLE_BOT_HINT}`)));
    }
    exitWithError(error);
  }
}

/** Discord's answer to a bad token, in words (discord.js says "An invalid token was provided"). */
export function describeLoginFailure(error: unknown): ConfigError | unknown {
  const code = (error as { code?: unknown; status?: unknown }).code;
  const status = (error as { status?: unknown }).status;
  if (code === 'TokenInvalid' || status === 401) {
    return new ConfigError('DISCORD_TOKEN was refused by Discord (401 Unauthorized): reset it on the Developer Portal’s Bot page and update .env');
  }
  return error;
}
