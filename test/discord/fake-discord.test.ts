/**
 * Proves the fake Discord works with the real discord.js v14 client: login, interactions,
 * messages, pins, permission errors, gateway resume and clean shutdown.
 */
import { once } from 'node:events';
import {
  ActionRowBuilder,
  ApplicationCommandOptionType,
  ButtonBuilder,
  ButtonStyle,
  ChannelType,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  InteractionResponseType,
  MessageFlags,
  PermissionFlagsBits,
  Routes,
  type Client,
  type Interaction,
  type Message,
  type TextChannel,
} from 'discord.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loginTestClient } from './client.js';
import { startFakeDiscord, type FakeDiscord } from './fake-discord.js';

type Handler<T> = (value: T) => Promise<void>;
const noop = (): Promise<void> => Promise.resolve();

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function networkHandles(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap' || r === 'TCPServerWrap').length;
}

describe('fake Discord with the real discord.js client', () => {
  let fake: FakeDiscord;
  let client: Client<true>;
  let onInteraction: Handler<Interaction> = noop;
  let onMessage: Handler<Message> = noop;
  const handlerErrors: unknown[] = [];

  const textChannel = (id: string): TextChannel => {
    const channel = client.channels.cache.get(id);
    if (channel?.type !== ChannelType.GuildText) throw new Error(`channel ${id} is not a cached text channel`);
    return channel;
  };

  beforeAll(async () => {
    fake = await startFakeDiscord();
    client = await loginTestClient(fake.apiBaseUrl, {
      setup: (c) => {
        c.on(Events.InteractionCreate, (i) => void onInteraction(i).catch((e: unknown) => handlerErrors.push(e)));
        c.on(Events.MessageCreate, (m) => void onMessage(m).catch((e: unknown) => handlerErrors.push(e)));
      },
    });
  });

  afterAll(async () => {
    await client?.destroy();
    await fake?.close();
  });

  afterEach(() => {
    onInteraction = noop;
    onMessage = noop;
    expect(handlerErrors).toEqual([]);
    handlerErrors.length = 0;
  });

  it('logs in: READY + GUILD_CREATE give discord.js a coherent guild', () => {
    expect(client.user.id).toBe(fake.ids.botUser);
    expect(client.application.id).toBe(fake.ids.application);
    const guild = client.guilds.cache.get(fake.ids.guild);
    expect(guild?.available).toBe(true);
    expect(guild?.roles.everyone.id).toBe(fake.ids.guild);
    expect(guild?.roles.cache.find((r) => r.name === 'Moderator')?.permissions.has(PermissionFlagsBits.PinMessages)).toBe(true);
    expect(guild?.members.me?.roles.cache.has(fake.ids.roles.bot)).toBe(true);

    // discord.js computes the same channel permissions as the fake.
    const general = textChannel(fake.ids.channels.general);
    expect(general.permissionsFor(client.user)?.bitfield).toBe(fake.permissionsOf('bot', fake.ids.channels.general));
    expect(textChannel(fake.ids.channels.readOnly).permissionsFor(client.user)?.has(PermissionFlagsBits.SendMessages)).toBe(false);

    const [connection] = fake.gatewayConnections();
    expect(connection).toMatchObject({ path: '/gateway', query: { v: '10', encoding: 'json' }, mode: 'identify' });
    const identify = fake.gatewayReceived().find((p) => p.op === 2);
    expect(identify?.d).toMatchObject({
      token: '[redacted]',
      intents: GatewayIntentBits.Guilds | GatewayIntentBits.GuildMessages | GatewayIntentBits.DirectMessages,
      shard: [0, 1],
    });
    expect(fake.requests({ route: '/gateway/bot' })[0]).toMatchObject({ status: 200, authorized: true });
  });

  it('stores deployed commands and delivers a slash command that interaction.reply answers', async () => {
    await client.application.commands.set([
      {
        name: 'ask',
        description: 'Ask about the article',
        options: [
          { type: ApplicationCommandOptionType.String, name: 'question', description: 'Your question', required: true, autocomplete: true },
        ],
      },
    ]);
    const [registered] = fake.commands();
    expect(registered).toMatchObject({ name: 'ask', application_id: fake.ids.application });

    let seen: { commandId: string; question: string; canPin: boolean | undefined; appCanSend: boolean; cachedChannel: boolean } | undefined;
    onInteraction = async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      seen = {
        commandId: interaction.commandId,
        question: interaction.options.getString('question', true),
        canPin: interaction.memberPermissions?.has(PermissionFlagsBits.PinMessages),
        appCanSend: interaction.appPermissions.has(PermissionFlagsBits.SendMessages),
        cachedChannel: interaction.channel?.id === fake.ids.channels.general,
      };
      await interaction.reply({ content: `You asked: ${seen.question}`, allowedMentions: { parse: [] } });
    };

    const ask = await fake.slashCommand({ name: 'ask', options: { question: 'is kratom safe?' }, user: 'moderator' });
    const callback = await ask.waitForResponse();
    expect(callback).toMatchObject({ type: InteractionResponseType.ChannelMessageWithSource, withResponse: false });
    expect(callback.data).toMatchObject({ content: 'You asked: is kratom safe?', allowed_mentions: { parse: [] } });
    expect(seen).toEqual({ commandId: registered?.id, question: 'is kratom safe?', canPin: true, appCanSend: true, cachedChannel: true });

    const final = await ask.waitForFinal();
    expect(fake.messages(fake.ids.channels.general).at(-1)).toMatchObject({
      id: final.id,
      content: 'You asked: is kratom safe?',
      interaction_metadata: { id: ask.id },
    });
  });

  it('deferReply + editReply: waitForFinal resolves with the edited content; followUp lands', async () => {
    onInteraction = async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      await interaction.editReply('Here is the answer.');
      await interaction.followUp({ content: 'And a safety note.', flags: MessageFlags.Ephemeral });
    };
    const before = fake.messages(fake.ids.channels.general).length;
    const ask = await fake.slashCommand({ name: 'ask', options: { question: 'dose?' } });

    expect((await ask.waitForResponse()).type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    const final = await ask.waitForFinal();
    expect(final.content).toBe('Here is the answer.');
    expect(final.flags).toBe(MessageFlags.Ephemeral); // Loading cleared, Ephemeral kept
    expect((await ask.waitForFollowUp(1)).content).toBe('And a safety note.');
    expect(ask.record().edits).toHaveLength(1);
    expect(fake.messages(fake.ids.channels.general)).toHaveLength(before); // ephemeral: not in the channel
  });

  it('reply({ withResponse: true }) returns the callback response (with_response=true)', async () => {
    let resourceContent: string | undefined;
    onInteraction = async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      const response = await interaction.reply({ content: 'with response', withResponse: true });
      resourceContent = response.resource?.message?.content;
    };
    const ask = await fake.slashCommand({ name: 'ask', options: { question: 'x' } });
    expect((await ask.waitForResponse()).withResponse).toBe(true);
    await expect.poll(() => resourceContent, { timeout: 2000 }).toBe('with response');
    const request = fake.requests({ route: '/interactions/:interaction/:token/callback' }).at(-1);
    expect(request).toMatchObject({ status: 200, query: { with_response: 'true' } });
  });

  it('autocomplete: respond() lands as a type 8 result', async () => {
    onInteraction = async (interaction) => {
      if (!interaction.isAutocomplete()) return;
      const typed = interaction.options.getFocused();
      await interaction.respond([{ name: `${typed} side effects`, value: `${typed}-side-effects` }]);
    };
    const typing = await fake.autocomplete({ name: 'ask', focused: 'question', value: 'kratom' });
    const callback = await typing.waitForResponse();
    expect(callback.type).toBe(InteractionResponseType.ApplicationCommandAutocompleteResult);
    expect(callback.data).toEqual({ choices: [{ name: 'kratom side effects', value: 'kratom-side-effects' }] });
  });

  it('button click: update() edits the message that carries the button', async () => {
    const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
      new ButtonBuilder().setCustomId('more').setLabel('More').setStyle(ButtonStyle.Primary),
    );
    const sent = await textChannel(fake.ids.channels.general).send({ content: 'Answer', components: [row] });
    onInteraction = async (interaction) => {
      if (interaction.isButton() && interaction.customId === 'more') await interaction.update({ content: 'Longer answer', components: [] });
    };
    const stored = fake.messages(fake.ids.channels.general).find((m) => m.id === sent.id);
    if (!stored) throw new Error('bot message not stored');
    const click = await fake.buttonClick({ customId: 'more', message: stored });
    const final = await click.waitForFinal();
    expect(final).toMatchObject({ id: sent.id, content: 'Longer answer', components: [] });
  });

  it('a mention reaches messageCreate and message.reply lands with allowed_mentions recorded', async () => {
    let seenContent: string | undefined;
    onMessage = async (message) => {
      if (message.author.bot || !message.mentions.users.has(client.user.id)) return;
      seenContent = message.content;
      await message.reply({ content: 'From the article: …', allowedMentions: { repliedUser: false } });
    };
    const question = await fake.sendMessage({ content: 'what is kratom?', mentionsBot: true });
    expect(question.deliveredTo).toBe(1);
    const reply = await question.waitForReply();
    expect(seenContent).toBe(`<@${fake.ids.botUser}> what is kratom?`);
    expect(reply.content).toBe('From the article: …');
    expect(reply.mentions).toEqual([]); // replied_user: false → the asker is not pinged
    const post = fake.requests({ method: 'POST', route: '/channels/:channel/messages' }).at(-1);
    expect(post?.body).toMatchObject({
      message_reference: { message_id: question.message.id },
      allowed_mentions: { replied_user: false },
    });
  });

  it('without the MessageContent intent, unmentioned guild messages arrive with empty content', async () => {
    const seen: string[] = [];
    onMessage = (message) => {
      if (!message.author.bot) seen.push(message.content);
      return Promise.resolve();
    };
    await fake.sendMessage({ content: 'no mention here' });
    await expect.poll(() => seen, { timeout: 2000 }).toEqual(['']);
  });

  it('a DM reaches messageCreate (partial channel) and the reply lands in the DM channel', async () => {
    onMessage = async (message) => {
      if (!message.author.bot && message.channel.type === ChannelType.DM) await message.reply('DM answer');
    };
    const dm = await fake.sendMessage({ content: 'private question', dm: true });
    const reply = await dm.waitForReply();
    expect(reply.content).toBe('DM answer');
    expect(reply.channel_id).toBe(dm.message.channel_id);
  });

  it('pins: pin, list via the new and the legacy routes, unpin', async () => {
    const channel = textChannel(fake.ids.channels.general);
    const message = await channel.send('Pin me');
    await message.pin();
    expect(fake.pins(channel.id).map((m) => m.id)).toEqual([message.id]);

    const pins = await channel.messages.fetchPins();
    expect(pins.items.map((p) => p.message.id)).toEqual([message.id]);
    expect(pins.hasMore).toBe(false);
    const legacy = (await client.rest.get(Routes.channelPins(channel.id))) as Array<{ id: string; pinned: boolean }>;
    expect(legacy.map((m) => [m.id, m.pinned])).toEqual([[message.id, true]]);

    await message.unpin();
    expect(fake.pins(channel.id)).toEqual([]);
    expect(fake.requests({ method: 'PUT' }).at(-1)?.route).toBe('/channels/:channel/messages/pins/:message');
  });

  it('pinning without PinMessages fails with 403 / 50013 Missing Permissions', async () => {
    const channel = textChannel(fake.ids.channels.general);
    const message = await channel.send('Try to pin me');
    const updated = once(client, Events.ChannelUpdate);
    const P = PermissionFlagsBits;
    fake.setBotPermissions(channel.id, P.ViewChannel | P.SendMessages | P.ReadMessageHistory);
    try {
      await withTimeout(updated, 2000, 'CHANNEL_UPDATE');
      expect(message.pinnable).toBe(false); // discord.js saw the new overwrite
      const error = await message.pin().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DiscordAPIError);
      expect(error).toMatchObject({ status: 403, code: 50013, message: 'Missing Permissions' });
    } finally {
      fake.setBotPermissions(channel.id, null);
    }
  });

  it('reactions: message.react keeps the bot’s reaction on the message, once', async () => {
    const channel = textChannel(fake.ids.channels.general);
    const message = await channel.send('React to me');
    await message.react('⏳');
    await message.react('⏳');
    const stored = fake.messages(channel.id).find((m) => m.id === message.id);
    expect(stored?.reactions?.map((r) => [r.emoji.name, r.count, r.me])).toEqual([['⏳', 1, true]]);
    expect(fake.requests({ method: 'PUT' }).at(-1)?.route).toBe('/channels/:channel/messages/:message/reactions/:emoji/@me');
  });

  it('reacting without AddReactions fails with 403 / 50013 Missing Permissions', async () => {
    const channel = textChannel(fake.ids.channels.general);
    const message = await channel.send('Try to react to me');
    const P = PermissionFlagsBits;
    fake.setBotPermissions(channel.id, P.ViewChannel | P.SendMessages | P.ReadMessageHistory);
    try {
      await expect(message.react('⏳')).rejects.toMatchObject({ status: 403, code: 50013 });
      expect(fake.messages(channel.id).find((m) => m.id === message.id)?.reactions).toBeUndefined();
    } finally {
      fake.setBotPermissions(channel.id, null);
    }
  });

  it('sending where the bot lacks SendMessages yields 50013 and is recorded', async () => {
    await expect(textChannel(fake.ids.channels.readOnly).send('hello')).rejects.toMatchObject({ status: 403, code: 50013 });
    const attempt = fake.requests({ method: 'POST', route: '/channels/:channel/messages' }).at(-1);
    expect(attempt).toMatchObject({ path: `/channels/${fake.ids.channels.readOnly}/messages`, status: 403 });
  });

  it('unknown routes answer 404 with a JSON error and are recorded', async () => {
    await expect(client.rest.get('/no/such/route')).rejects.toMatchObject({ status: 404, code: 0 });
    expect(fake.unknownRoutes().map((r) => `${r.method} ${r.path}`)).toContain('GET /no/such/route');
  });

  it('resumes after dropped connections and still receives interactions, also ones sent while down', async () => {
    onInteraction = async (interaction) => {
      if (interaction.isChatInputCommand()) await interaction.reply('still here');
    };
    const outages = [
      () => fake.dropConnection({ code: 4000 }), // close code 4000 → resume
      () => fake.dropConnection({ abrupt: true }), // TCP reset, the client sees 1006 → resume
      () => fake.requestReconnect(), // op 7: the client closes with 4200 itself and resumes
    ];
    for (const outage of outages) {
      const resumed = once(client, Events.ShardResume);
      expect(outage()).toBe(1);
      const whileDown = await fake.slashCommand({ name: 'ask', options: { question: 'during outage' } });
      const [, replayed] = (await withTimeout(resumed, 3000, 'shardResume')) as [number, number];
      expect(replayed).toBeGreaterThanOrEqual(1);
      expect((await whileDown.waitForResponse()).data).toMatchObject({ content: 'still here' });
      const afterwards = await fake.slashCommand({ name: 'ask', options: { question: 'after resume' } });
      expect((await afterwards.waitForResponse()).data).toMatchObject({ content: 'still here' });
    }
    const connections = fake.gatewayConnections();
    expect(connections.slice(0, 3).map((c) => [c.closedBy, c.closeCode])).toEqual([
      ['server', 4000],
      ['server', 1006],
      ['client', 4200],
    ]);
    const resumes = connections.filter((c) => c.mode === 'resume');
    expect(resumes).toHaveLength(3);
    expect(resumes.every((c) => c.path === '/gateway-resume' && (c.replayed ?? 0) >= 1)).toBe(true);
  });
});

describe('fake Discord lifecycle', () => {
  it('rejects late interaction callbacks with 10062, and leaves no open handles after destroy + close', async () => {
    const baseline = networkHandles();
    // A window of -1 ms: every callback is late, however fast the client is.
    const fake = await startFakeDiscord({ interactionAckTimeoutMs: -1 });
    let lateError: unknown;
    const client = await loginTestClient(fake.apiBaseUrl, {
      intents: [GatewayIntentBits.Guilds],
      setup: (c) =>
        c.on(Events.InteractionCreate, (interaction) => {
          if (!interaction.isChatInputCommand()) return;
          void interaction.reply('too late').catch((e: unknown) => (lateError = e));
        }),
    });
    const slow = await fake.slashCommand({ name: 'ask' });
    await expect.poll(() => lateError, { timeout: 2000 }).toMatchObject({ status: 404, code: 10062 });
    expect(slow.record().rejectedCallbacks).toMatchObject([{ status: 404, code: 10062 }]);
    await expect(slow.waitForResponse(50)).rejects.toThrow(/Timed out after 50 ms waiting for the initial response/);

    await client.destroy();
    await fake.close();
    expect(fake.gatewayConnections().every((c) => c.closedBy === 'client' && c.closeCode === 1000)).toBe(true);
    await expect.poll(networkHandles, { timeout: 2000 }).toBeLessThanOrEqual(baseline);
  });
});
