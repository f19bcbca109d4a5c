/**
 * The Discord bot's settings: the engine's (safety wording, corpus) plus the bot's own.
 * Read by `npm start`, `npm run start:sharded` and `npm run deploy-commands`.
 */
import { z } from 'zod';
import { engineEnvSchema } from './env.js';

const snowflake = (what: string) =>
  z.string().regex(/^\d{17,20}$/, `must be a Discord ${what} id: 17 to 20 digits (Developer Mode → Copy ID)`);

/** Real bot tokens are three base64url parts joined by dots; quotes, spaces or a "Bot " prefix are common paste mistakes. */
export const tokenSchema = z
  .string()
  .regex(
    /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/,
    'is not a bot token: expected three dot-separated parts as the Developer Portal shows it (no quotes, spaces or "Bot " prefix)',
  );

const shardCount = z
  .string()
  .regex(/^(auto|[1-9]\d*)$/, 'must be "auto" or a whole number of shards (1 or more)')
  .transform((value): 'auto' | number => (value === 'auto' ? 'auto' : Number(value)));

/** Why SHARD_COUNT was renamed: discord.js reads a variable of that name itself, in every process. */
export const SHARD_COUNT_RENAMED =
  'SHARD_COUNT is renamed TOTAL_SHARDS (discord.js reads SHARD_COUNT itself); please rename it, the old name will stop working.';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export const botEnvSchema = engineEnvSchema.extend({
  DISCORD_TOKEN: tokenSchema.describe('The bot token (Developer Portal → Bot → Reset Token). Never logged.'),
  DISCORD_CLIENT_ID: snowflake('application').optional().describe('The application id; fetched with the token when unset.'),
  DISCORD_GUILD_ID: snowflake('server').optional().describe('Register commands to this one server (instant; for testing).'),
  DISCORD_API_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://discord.com/api' })
    .optional()
    .describe('REST base URL without /v10: a REST proxy or a local test server. Default: Discord’s.'),
  LOG_LEVEL: z
    .enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` })
    .default('info')
    .describe('pino log level; logs are JSON lines on stderr.'),
  COOLDOWN_SECONDS: z
    .string()
    .regex(/^\d+(\.\d+)?$/, 'must be a number of seconds, 0 (off) or more')
    .transform(Number)
    .refine((seconds) => seconds <= 3600, 'must be at most 3600')
    .default(5)
    .describe('Per-user wait between questions; 0 turns it off.'),
  TOTAL_SHARDS: shardCount.optional().describe('Total shards for npm run start:sharded (the same on every machine); default auto.'),
  SHARD_COUNT: shardCount
    .optional()
    .describe(`The former name of TOTAL_SHARDS, still read by npm run start:sharded for now. ${SHARD_COUNT_RENAMED}`),
  SHARD_LIST: z
    .string()
    .regex(/^\d+(,\d+)*$/, 'must be shard ids separated by commas, e.g. 0,1')
    .optional()
    .describe('The shards this machine runs (npm run start:sharded); default all.'),
  DATABASE_PATH: z.string().describe('The SQLite file for server settings and counts (default ./data/kratom-guide.sqlite).').optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/, 'must be a PostgreSQL URL: postgres://user:password@host:5432/database')
    .optional()
    .describe('A shared PostgreSQL instead of the SQLite file (shards on several machines).'),
});

export type BotEnv = z.infer<typeof botEnvSchema>;

/** The total shards for start:sharded: TOTAL_SHARDS, else the former SHARD_COUNT (with a warning to rename it), else auto. */
export function totalShardsSetting(env: Pick<BotEnv, 'TOTAL_SHARDS' | 'SHARD_COUNT'>): { total: 'auto' | number; warning?: string } {
  if (env.TOTAL_SHARDS !== undefined) {
    const ignored = env.SHARD_COUNT !== undefined && env.SHARD_COUNT !== env.TOTAL_SHARDS;
    return ignored
      ? { total: env.TOTAL_SHARDS, warning: `SHARD_COUNT is ignored: TOTAL_SHARDS is set. ${SHARD_COUNT_RENAMED}` }
      : { total: env.TOTAL_SHARDS };
  }
  if (env.SHARD_COUNT !== undefined) return { total: env.SHARD_COUNT, warning: SHARD_COUNT_RENAMED };
  return { total: 'auto' };
}

/** Deploying commands needs only the token and where to register. */
export const deployEnvSchema = botEnvSchema.pick({
  DISCORD_TOKEN: true,
  DISCORD_CLIENT_ID: true,
  DISCORD_GUILD_ID: true,
  DISCORD_API_URL: true,
});

export type DeployEnv = z.infer<typeof deployEnvSchema>;

/** Said after "DISCORD_TOKEN is required": the bot can be tried without Discord. */
export const CONSOLE_BOT_HINT =
  'Set it in .env (see .env.example), or try the answers without Discord: npm run chat (or npm run ask -- "your question").';
