/**
 * Baseline bot for load benchmarks: a bare discord.js client that answers every slash command
 * with "pong" (and autocompletes with no choices). Runnable on its own:
 *   DISCORD_API_URL=http://127.0.0.1:PORT/api DISCORD_TOKEN=x npx tsx test/discord/pong-bot.ts
 */
import { once } from 'node:events';
import { pathToFileURL } from 'node:url';
import { Client, Events, GatewayIntentBits, type Interaction } from 'discord.js';

export interface PongBot {
  client: Client<true>;
  /** Replies that failed (e.g. 10062 when answered too late). */
  readonly errors: unknown[];
  stop(): Promise<void>;
}

async function answer(interaction: Interaction, errors: unknown[]): Promise<void> {
  try {
    if (interaction.isChatInputCommand()) await interaction.reply({ content: 'pong' });
    else if (interaction.isAutocomplete()) await interaction.respond([]);
  } catch (error) {
    errors.push(error);
  }
}

export async function startPongBot(apiBaseUrl: string, token = 'fake-token', readyTimeoutMs = 5_000): Promise<PongBot> {
  const errors: unknown[] = [];
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: apiBaseUrl } });
  client.on(Events.InteractionCreate, (interaction) => void answer(interaction, errors));
  const ready = once(client, Events.ClientReady, { signal: AbortSignal.timeout(readyTimeoutMs) });
  try {
    await client.login(token);
    await ready;
  } catch (error) {
    await client.destroy();
    throw error;
  }
  return { client: client as Client<true>, errors, stop: () => client.destroy() };
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const api = process.env.DISCORD_API_URL;
  if (!api) throw new Error('DISCORD_API_URL is required');
  const bot = await startPongBot(api, process.env.DISCORD_TOKEN ?? 'fake-token');
  console.log(`pong bot ready as ${bot.client.user.tag}`);
  process.once('SIGINT', () => void bot.stop());
  process.once('SIGTERM', () => void bot.stop());
}
