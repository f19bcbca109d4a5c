/**
 * The bot's settings as `npm start`, `start:sharded` and `deploy-commands` read them (in-process:
 * the entry points only add "print the message, exit 1", which test/bot/process.test.ts checks once).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { botEnvSchema, deployEnvSchema, totalShardsSetting } from '../../src/config/bot-env.js';
import { ConfigError } from '../../src/config/env.js';
import { readEnv } from '../../src/discord/startup.js';

const TOKEN = 'MTEzNTc5.Gk2b9c.fake-token-for-tests_only-0123456789';
const folder = mkdtempSync(join(tmpdir(), 'kratom-guide-env-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const NO_DOTENV = join(folder, 'absent.env');

function failure(env: NodeJS.ProcessEnv, schema: typeof botEnvSchema | typeof deployEnvSchema = botEnvSchema): string {
  try {
    readEnv(schema, env, NO_DOTENV);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('expected a configuration error');
}

describe('the bot’s settings', () => {
  it('without DISCORD_TOKEN: one line naming it and pointing to the console bot', () => {
    const message = failure({});
    expect(message.split('\n')).toHaveLength(1);
    expect(message).toMatch(/^DISCORD_TOKEN is required but not set\. .*npm run chat/);
  });

  it('deploy-commands without DISCORD_TOKEN: the same line', () => {
    expect(failure({}, deployEnvSchema)).toMatch(/^DISCORD_TOKEN is required but not set\. .*npm run chat/);
  });

  it('with a malformed token: names DISCORD_TOKEN and never prints the value', () => {
    const message = failure({ DISCORD_TOKEN: 'Bot secret-value-that-must-not-show' });
    expect(message).toMatch(/^DISCORD_TOKEN is not a bot token/);
    expect(message).not.toContain('secret-value');
  });

  it('with malformed settings: one line for each, naming it and what is wrong, and never the token', () => {
    const message = failure({
      DISCORD_TOKEN: TOKEN,
      LOG_LEVEL: 'loud',
      COOLDOWN_SECONDS: 'soon',
      DISCORD_API_URL: 'not a url',
      DISCORD_GUILD_ID: 'my-server',
    });
    const lines = message.split('\n');
    expect(lines).toHaveLength(4);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^LOG_LEVEL must be one of/),
        expect.stringMatching(/^COOLDOWN_SECONDS must be a number of seconds/),
        expect.stringMatching(/^DISCORD_API_URL must be an http\(s\) URL/),
        expect.stringMatching(/^DISCORD_GUILD_ID must be a Discord server id/),
      ]),
    );
    expect(message).not.toContain(TOKEN);
  });

  it('reads .env, and a variable already set wins over it', () => {
    const dotEnv = join(folder, '.env');
    writeFileSync(dotEnv, `DISCORD_TOKEN=${TOKEN}\nLOG_LEVEL=debug\nCOOLDOWN_SECONDS=9\n`);
    const env: NodeJS.ProcessEnv = { COOLDOWN_SECONDS: '2' };
    const settings = readEnv(botEnvSchema, env, dotEnv);
    expect(settings).toMatchObject({ DISCORD_TOKEN: TOKEN, LOG_LEVEL: 'debug', COOLDOWN_SECONDS: 2 });
  });

  it('a bad shard total in .env is named', () => {
    const dotEnv = join(folder, 'shards.env');
    writeFileSync(dotEnv, `DISCORD_TOKEN=${TOKEN}\nTOTAL_SHARDS=zero\n`);
    expect(() => readEnv(botEnvSchema, {}, dotEnv)).toThrow('TOTAL_SHARDS must be "auto" or a whole number of shards (1 or more)');
  });
});

describe('the total number of shards', () => {
  const parse = (env: NodeJS.ProcessEnv) => totalShardsSetting(readEnv(botEnvSchema, { DISCORD_TOKEN: TOKEN, ...env }, NO_DOTENV));

  it('is TOTAL_SHARDS, "auto" when unset', () => {
    expect(parse({ TOTAL_SHARDS: '4' })).toEqual({ total: 4 });
    expect(parse({})).toEqual({ total: 'auto' });
  });

  it('still reads the former SHARD_COUNT, with a warning to rename it', () => {
    const setting = parse({ SHARD_COUNT: '3' });
    expect(setting.total).toBe(3);
    expect(setting.warning).toMatch(/SHARD_COUNT is renamed TOTAL_SHARDS/);
  });

  it('prefers TOTAL_SHARDS when both are set, and says the other is ignored', () => {
    const setting = parse({ TOTAL_SHARDS: '2', SHARD_COUNT: '5' });
    expect(setting.total).toBe(2);
    expect(setting.warning).toMatch(/^SHARD_COUNT is ignored: TOTAL_SHARDS is set/);
  });
});
