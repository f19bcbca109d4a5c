/** Every slash command, by name. Deploying and dispatching both read this list. */
import type { Command } from './command.js';
import * as ask from './ask.js';
import * as help from './help.js';
import * as pinSafety from './pin-safety.js';
import * as safety from './safety.js';
import * as section from './section.js';
import * as sections from './sections.js';
import * as setup from './setup.js';
import * as stats from './stats.js';

export type { Command } from './command.js';

export const commands: readonly Command[] = [ask, section, sections, safety, pinSafety, setup, stats, help];

export const commandsByName: ReadonlyMap<string, Command> = new Map(commands.map((command) => [command.data.name, command]));
