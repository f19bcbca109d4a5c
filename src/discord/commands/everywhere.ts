/** Where the reading commands can be used: in servers and in the bot's DMs. */
import { ApplicationIntegrationType, InteractionContextType, SlashCommandBuilder } from 'discord.js';

export function readingCommand(name: string, description: string): SlashCommandBuilder {
  return new SlashCommandBuilder()
    .setName(name)
    .setDescription(description)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM);
}
