/** The shape of a slash command module: its definition, its handler, and autocomplete if it has any. */
import type { AutocompleteInteraction, ChatInputCommandInteraction, RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { BotContext } from '../bot-context.js';

export interface Command {
  data: { name: string; toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody };
  execute(interaction: ChatInputCommandInteraction, bot: BotContext): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, bot: BotContext): Promise<void>;
}
