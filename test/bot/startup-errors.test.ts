/** What an operator reads when the bot cannot start: a refused token, or Discord out of reach (with what was tried and what to check). */
import { createServer } from 'node:net';
import { REST, Routes } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/env.js';
import { describeLoginFailure } from '../../src/discord/startup.js';

/** A port on 127.0.0.1 that nothing listens on: taken, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function failureOf(apiUrl: string): Promise<unknown> {
  const rest = new REST({ api: apiUrl, retries: 0 }).setToken('MTEzNTc5.Gk2b9c.fake-token-for-tests_only-0123456789');
  return rest.get(Routes.gatewayBot()).then(
    () => {
      throw new Error('expected the request to fail');
    },
    (error: unknown) => error,
  );
}

describe('when Discord cannot be reached', () => {
  it('says which address was tried and to check the network, DISCORD_API_URL and a proxy', async () => {
    const apiUrl = `http://127.0.0.1:${await closedPort()}/api`;
    const described = describeLoginFailure(await failureOf(apiUrl), apiUrl) as Error;
    expect(described.message).toMatch(new RegExp(`^cannot reach Discord at ${apiUrl.replaceAll('.', '\\.')} \\(ECONNREFUSED`));
    expect(described.message).toContain('network');
    expect(described.message).toContain('DISCORD_API_URL is set to that address');
    expect(described.message).toContain('proxy');
  });

  it('with DISCORD_API_URL unset, names Discord’s own address and that the setting is unset', () => {
    const offline = Object.assign(new Error('getaddrinfo ENOTFOUND discord.com'), { code: 'ENOTFOUND' });
    const { message } = describeLoginFailure(offline, undefined) as Error;
    expect(message).toMatch(/^cannot reach Discord at https:\/\/discord\.com\/api \(ENOTFOUND/);
    expect(message).toContain('DISCORD_API_URL is unset');
  });

  it('never prints the user and password of a proxy address', () => {
    const offline = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const { message } = describeLoginFailure(offline, 'http://operator:hunter2@proxy.internal:8080/api') as Error;
    expect(message).toContain('http://proxy.internal:8080/api');
    expect(message).not.toContain('hunter2');
  });
});

describe('when Discord refuses the token', () => {
  it('is a configuration error naming DISCORD_TOKEN and where to reset it', () => {
    const refused = Object.assign(new Error('An invalid token was provided.'), { code: 'TokenInvalid' });
    const described = describeLoginFailure(refused, undefined);
    expect(described).toBeInstanceOf(ConfigError);
    expect((described as Error).message).toMatch(/^DISCORD_TOKEN was refused by Discord/);
  });
});

it('any other failure is passed on as it is', () => {
  const other = new Error('something else');
  expect(describeLoginFailure(other, undefined)).toBe(other);
});
