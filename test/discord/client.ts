/** Logs a real discord.js Client into a fake Discord and waits until it is fully ready. */
import { once } from 'node:events';
import { Client, Events, GatewayIntentBits, Partials, type ClientOptions } from 'discord.js';

export interface TestClientOptions {
  intents?: ClientOptions['intents'];
  partials?: ClientOptions['partials'];
  token?: string;
  /** Register event handlers here: it runs before login so no event is missed. */
  setup?: (client: Client) => void;
  readyTimeoutMs?: number;
}

export const DEFAULT_TEST_INTENTS = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages];

export async function loginTestClient(apiBaseUrl: string, options: TestClientOptions = {}): Promise<Client<true>> {
  const client = new Client({
    intents: options.intents ?? DEFAULT_TEST_INTENTS,
    partials: options.partials ?? [Partials.Channel],
    // discord.js builds REST URLs as `${api}/v10${route}` and learns the gateway URL from GET /gateway/bot.
    rest: { api: apiBaseUrl },
  });
  options.setup?.(client);
  const timeoutMs = options.readyTimeoutMs ?? 5_000;
  const ready = once(client, Events.ClientReady, { signal: AbortSignal.timeout(timeoutMs) }).catch((error: unknown) => {
    throw new Error(`discord.js client was not ready within ${timeoutMs} ms (${String(error)})`);
  });
  try {
    await client.login(options.token ?? 'fake-token');
    await ready;
  } catch (error) {
    await client.destroy();
    throw error;
  }
  return client as Client<true>;
}
