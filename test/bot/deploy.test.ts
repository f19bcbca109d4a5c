/** Registering the slash commands with Discord (the function `npm run deploy-commands` runs). */
import { ApplicationCommandOptionType, InteractionContextType, PermissionFlagsBits } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployCommands } from '../../src/discord/deploy-commands.js';
import { startFakeDiscord, type FakeDiscord } from '../discord/fake-discord.js';
import { TEST_TOKEN } from './harness.js';

describe('deploy-commands', () => {
  let fake: FakeDiscord;
  beforeAll(async () => {
    fake = await startFakeDiscord({ token: TEST_TOKEN });
  });
  afterAll(() => fake?.close());

  it('registers every command globally, finding the application id with the token', async () => {
    const result = await deployCommands({ token: TEST_TOKEN, apiUrl: fake.apiBaseUrl });
    expect(result).toMatchObject({ applicationId: fake.ids.application, scope: 'global' });
    expect(
      fake
        .commands()
        .map((command) => command.name)
        .sort(),
    ).toEqual(['Ask Kratom Guide', 'ask', 'help', 'pin-safety', 'safety', 'section', 'sections', 'setup', 'stats']);
    expect(fake.requests({ method: 'GET', route: '/applications/@me' })).toHaveLength(1);
  });

  it('registers /ask with a required question and an optional private switch', async () => {
    await deployCommands({ token: TEST_TOKEN, apiUrl: fake.apiBaseUrl });
    const ask = fake.commands().find((command) => command.name === 'ask');
    expect(ask?.options).toEqual([
      expect.objectContaining({ name: 'question', type: ApplicationCommandOptionType.String, required: true }),
      expect.objectContaining({ name: 'private', type: ApplicationCommandOptionType.Boolean }),
    ]);
    expect(ask?.options?.[1]).not.toMatchObject({ required: true });
  });

  it('registers /section with an autocompleted name', async () => {
    await deployCommands({ token: TEST_TOKEN, apiUrl: fake.apiBaseUrl });
    const section = fake.commands().find((command) => command.name === 'section');
    expect(section?.options).toEqual([
      expect.objectContaining({ name: 'name', type: ApplicationCommandOptionType.String, required: true, autocomplete: true }),
    ]);
  });

  it('registers /pin-safety for members with Pin Messages, in servers only', async () => {
    await deployCommands({ token: TEST_TOKEN, apiUrl: fake.apiBaseUrl });
    const pin = fake.commands().find((command) => command.name === 'pin-safety');
    expect(pin?.default_member_permissions).toBe(PermissionFlagsBits.PinMessages.toString());
    expect(PermissionFlagsBits.PinMessages).toBe(1n << 51n);
    expect(pin?.contexts).toEqual([InteractionContextType.Guild]);
  });

  it('registers /setup for members with Manage Server, in servers only, with its five subcommands', async () => {
    await deployCommands({ token: TEST_TOKEN, apiUrl: fake.apiBaseUrl });
    const setup = fake.commands().find((command) => command.name === 'setup');
    expect(setup?.default_member_permissions).toBe(PermissionFlagsBits.ManageGuild.toString());
    expect(setup?.contexts).toEqual([InteractionContextType.Guild]);
    expect(setup?.options?.every((option) => option.type === ApplicationCommandOptionType.Subcommand)).toBe(true);
    expect(setup?.options).toHaveLength(5);
  });

  it('registers /stats for members with Manage Server, in servers only, with 7 or 30 days', async () => {
    await deployCommands({ token: TEST_TOKEN, apiUrl: fake.apiBaseUrl });
    const stats = fake.commands().find((command) => command.name === 'stats');
    expect(stats?.default_member_permissions).toBe(PermissionFlagsBits.ManageGuild.toString());
    expect(stats?.contexts).toEqual([InteractionContextType.Guild]);
    expect(stats?.options).toEqual([
      expect.objectContaining({ name: 'days', choices: [expect.objectContaining({ value: 7 }), expect.objectContaining({ value: 30 })] }),
    ]);
  });

  it('leaves the reading commands usable by everyone, in servers and DMs', async () => {
    await deployCommands({ token: TEST_TOKEN, apiUrl: fake.apiBaseUrl });
    for (const command of fake.commands().filter((c) => !['pin-safety', 'setup', 'stats'].includes(c.name))) {
      expect(command.default_member_permissions ?? null).toBeNull();
      expect(command.contexts).toEqual([InteractionContextType.Guild, InteractionContextType.BotDM]);
    }
  });

  it('registers to one server when a guild id is given, using the client id as given', async () => {
    const before = fake.requests({ method: 'GET', route: '/applications/@me' }).length;
    const result = await deployCommands({
      token: TEST_TOKEN,
      apiUrl: fake.apiBaseUrl,
      clientId: fake.ids.application,
      guildId: fake.ids.guild,
    });
    expect(result.scope).toBe('guild');
    expect(fake.commands(fake.ids.guild)).toHaveLength(9);
    expect(fake.requests({ method: 'GET', route: '/applications/@me' })).toHaveLength(before);
  });

  it('replaces the set on a second run instead of adding to it', async () => {
    await deployCommands({ token: TEST_TOKEN, apiUrl: fake.apiBaseUrl });
    await deployCommands({ token: TEST_TOKEN, apiUrl: fake.apiBaseUrl });
    expect(fake.commands()).toHaveLength(9);
  });
});
