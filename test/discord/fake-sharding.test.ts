/**
 * The local Discord server with several shards, as Discord routes them: a session identifies
 * with [id, count]; a guild's events go to shard (guild_id >> 22) % count, DMs to shard 0.
 */
import { Client, Events, GatewayIntentBits, Partials, type Interaction, type Message } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shardReceives } from './fake/gateway.js';
import { startFakeDiscord, type FakeDiscord } from './fake-discord.js';

describe('routing events to shards', () => {
  it('sends a guild to (guild_id >> 22) % count and DMs to shard 0', () => {
    const guildOnShard = (shard: number, count: number): string => ((BigInt(1_000 * count + shard) << 22n) | 5n).toString();
    expect(shardReceives([1, 3], guildOnShard(1, 3))).toBe(true);
    expect(shardReceives([0, 3], guildOnShard(1, 3))).toBe(false);
    expect(shardReceives([0, 2], undefined)).toBe(true);
    expect(shardReceives([1, 2], undefined)).toBe(false);
  });
});

describe('a discord.js client running shards 0 and 1 of 2', () => {
  let fake: FakeDiscord;
  let client: Client<true>;
  const seen: Array<{ what: string; guildId: string | null }> = [];

  beforeAll(async () => {
    fake = await startFakeDiscord({ guilds: 3, maxConcurrency: 2 });
    client = new Client({
      intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages],
      partials: [Partials.Channel],
      rest: { api: fake.apiBaseUrl },
      shards: [0, 1],
      shardCount: 2,
    });
    client.on(Events.InteractionCreate, (interaction: Interaction) => seen.push({ what: 'interaction', guildId: interaction.guildId }));
    client.on(Events.MessageCreate, (message: Message) => seen.push({ what: 'message', guildId: message.guildId }));
    const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
    await client.login('fake-token');
    await ready;
  });
  afterAll(async () => {
    await client?.destroy();
    await fake?.close();
  });

  const guildIds = (): string[] => [fake.ids.guild, ...fake.ids.otherGuilds.map((other) => other.guild)];

  it('identifies each shard with [id, 2]', () => {
    const identified = fake
      .gatewayReceived()
      .filter((payload) => payload.op === 2)
      .map((payload) => (payload.d as { shard: unknown }).shard);
    expect(identified).toEqual(
      expect.arrayContaining([
        [0, 2],
        [1, 2],
      ]),
    );
    expect(fake.connectedShards().sort()).toEqual(['0/2', '1/2']);
  });

  it('gets every guild once, each on the shard Discord would use, and both shards have one', () => {
    expect([...client.guilds.cache.keys()].sort()).toEqual(guildIds().sort());
    for (const guild of client.guilds.cache.values()) expect(guild.shardId).toBe(Number((BigInt(guild.id) >> 22n) % 2n));
    expect(new Set(client.guilds.cache.map((guild) => guild.shardId))).toEqual(new Set([0, 1]));
  });

  it('delivers an interaction from each guild once, and a DM once', async () => {
    const channels = [fake.ids.channels.general, ...fake.ids.otherGuilds.map((other) => other.general)];
    for (const channelId of channels) await fake.slashCommand({ name: 'ping', channelId });
    const dm = await fake.sendMessage({ content: 'hello', dm: true });
    expect(dm.deliveredTo).toBe(1);
    await expect.poll(() => seen.length).toBe(channels.length + 1);
    expect(
      seen
        .filter((event) => event.what === 'interaction')
        .map((event) => event.guildId)
        .sort(),
    ).toEqual(guildIds().sort());
    expect(seen.filter((event) => event.what === 'message')).toEqual([{ what: 'message', guildId: null }]);
  });
});
