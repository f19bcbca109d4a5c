/**
 * Registers the slash commands: globally, or to one server when DISCORD_GUILD_ID is set
 * (instant, for testing). `npm run deploy-commands`; tests call {@link deployCommands}.
 */
import { pathToFileURL } from 'node:url';
import { REST, Routes, type APIApplication, type APIApplicationCommand } from 'discord.js';
import { exitWithError } from '../cli/fatal.js';
import { deployEnvSchema } from '../config/bot-env.js';
import * as askAboutMessage from './commands/ask-about-message.js';
import { commands } from './commands/index.js';
import { describeLoginFailure, readEnvOrExit } from './startup.js';

export interface DeployOptions {
  token: string;
  /** The application id; fetched with the token when unset. */
  clientId?: string | undefined;
  guildId?: string | undefined;
  apiUrl?: string | undefined;
}

export interface DeployResult {
  applicationId: string;
  scope: 'global' | 'guild';
  registered: APIApplicationCommand[];
}

export async function deployCommands({ token, clientId, guildId, apiUrl }: DeployOptions): Promise<DeployResult> {
  const rest = new REST(apiUrl ? { api: apiUrl } : {}).setToken(token);
  const applicationId = clientId ?? ((await rest.get(Routes.currentApplication())) as APIApplication).id;
  const route = guildId ? Routes.applicationGuildCommands(applicationId, guildId) : Routes.applicationCommands(applicationId);
  // PUT replaces the whole set, so a command removed here disappears from Discord too.
  const registered = (await rest.put(route, {
    body: [...commands.map((command) => command.data.toJSON()), askAboutMessage.data.toJSON()],
  })) as APIApplicationCommand[];
  return { applicationId, scope: guildId ? 'guild' : 'global', registered };
}

async function main(): Promise<void> {
  const env = readEnvOrExit(deployEnvSchema);
  try {
    const result = await deployCommands({
      token: env.DISCORD_TOKEN,
      clientId: env.DISCORD_CLIENT_ID,
      guildId: env.DISCORD_GUILD_ID,
      apiUrl: env.DISCORD_API_URL,
    });
    const names = result.registered.map((command) => `/${command.name}`).join(', ');
    const where = result.scope === 'guild' ? `to server ${env.DISCORD_GUILD_ID}` : 'globally';
    process.stdout.write(`Registered ${result.registered.length} commands ${where}: ${names}\n`);
  } catch (error) {
    exitWithError(describeLoginFailure(error, env.DISCORD_API_URL));
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
