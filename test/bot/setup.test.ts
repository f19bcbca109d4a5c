/** /setup through the local Discord: each subcommand by a moderator, refused for a member, and settings that survive a restart. */
import { ApplicationFlags, InteractionContextType, MessageFlags, PermissionFlagsBits, type APIMessage } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBot, DisallowedIntentError } from '../../src/discord/client.js';
import { createLogger } from '../../src/discord/logger.js';
import { ASK_CHANNEL_UNREADABLE, TURN_ON_MESSAGE_CONTENT } from '../../src/discord/message-content.js';
import { STORAGE_STATEMENT } from '../../src/discord/privacy.js';
import { CANCEL_CRISIS_TEXT_ID, PREVIEW_TITLE, SAVE_CRISIS_TEXT_ID } from '../../src/discord/setup/crisis-preview.js';
import { CRISIS_TEXT_SUGGESTIONS } from '../../src/discord/setup/crisis-resources-text.js';
import { GuildSettingsStore } from '../../src/storage/guild-settings.js';
import type { CommandOptionsInput, UserKey } from '../discord/fake-discord.js';
import { buttonIds, carriesNote, startDeployedBot, TEST_TOKEN, textOf, type Running } from './harness.js';

const GERMAN_LINES = 'Germany: call 112 in an emergency. TelefonSeelsorge, free and anonymous, day and night: 0800 111 0 111.';
const CRISIS_QUESTION = 'I want to kill myself';

describe('/setup', () => {
  let run: Running;
  let note: string;

  beforeAll(async () => {
    ({ run, note } = await startDeployedBot({ fake: { applicationFlags: ApplicationFlags.GatewayMessageContentLimited } }));
  });
  afterAll(() => run?.close());

  async function setup(subcommand: string, options: CommandOptionsInput = {}, user: UserKey = 'moderator'): Promise<APIMessage> {
    const handle = await run.fake.slashCommand({ name: 'setup', subcommand, options, user });
    return handle.waitForFinal();
  }
  async function click(customId: string, message: APIMessage, user: UserKey = 'moderator'): Promise<APIMessage> {
    const handle = await run.fake.buttonClick({ customId, message, user });
    return handle.waitForFinal();
  }
  const saved = () => new GuildSettingsStore(run.storage.db).find(run.fake.ids.guild);
  const isPrivate = (message: APIMessage) => ((message.flags ?? 0) & MessageFlags.Ephemeral) !== 0;
  const crisisLead = async (): Promise<string> => {
    const handle = await run.fake.slashCommand({ name: 'ask', options: { question: CRISIS_QUESTION } });
    // The crisis text opens the first embed; the note follows it as small text.
    return ((await handle.waitForFinal()).embeds[0]?.description ?? '').split('\n\n-# ')[0]!;
  };

  it('is registered for servers only, for members with Manage Server by default', () => {
    const command = run.fake.commands().find((c) => c.name === 'setup');
    expect(command?.default_member_permissions).toBe(PermissionFlagsBits.ManageGuild.toString());
    expect(command?.contexts).toEqual([InteractionContextType.Guild]);
    expect(command?.options?.map((o) => o.name)).toEqual(['crisis-resources', 'alerts', 'ask-channel', 'replies', 'show']);
  });

  it.each([
    ['crisis-resources', { text: GERMAN_LINES }],
    ['alerts', {}],
    ['ask-channel', {}],
    ['replies', { visibility: 'private' }],
    ['show', {}],
  ] as const)('refuses %s to a member without Manage Server, privately, changing nothing', async (subcommand, options) => {
    const before = await saved();
    const message = await setup(subcommand, options, 'member');
    expect(textOf(message)).toContain('Only members with the Manage Server permission can use /setup.');
    expect(isPrivate(message)).toBe(true);
    expect(carriesNote(message, note)).toBe(true);
    expect(await saved()).toEqual(before);
  });

  describe('crisis-resources', () => {
    it('shows a preview with Save and Cancel and saves nothing yet', async () => {
      const preview = await setup('crisis-resources', { text: GERMAN_LINES });
      expect(isPrivate(preview)).toBe(true);
      expect(preview.embeds[0]).toMatchObject({ title: PREVIEW_TITLE, description: GERMAN_LINES });
      expect(buttonIds(preview)).toEqual([SAVE_CRISIS_TEXT_ID, CANCEL_CRISIS_TEXT_ID]);
      expect(carriesNote(preview, note)).toBe(true);
      expect((await saved())?.crisisText ?? null).toBeNull();
    });

    it('on Save, says what changed, and crisis replies here open with the text', async () => {
      const preview = await setup('crisis-resources', { text: GERMAN_LINES });
      const done = await click(SAVE_CRISIS_TEXT_ID, preview);
      expect(textOf(done)).toContain('Crisis resources**: now this server’s own text (was the built-in default)');
      expect(buttonIds(done)).toEqual([]);
      expect(await crisisLead()).toBe(GERMAN_LINES);
    });

    it('on Cancel, leaves the crisis resources as they were', async () => {
      const before = await saved();
      const preview = await setup('crisis-resources', { text: 'UK: call 999 in an emergency, or Samaritans on 116 123.' });
      const done = await click(CANCEL_CRISIS_TEXT_ID, preview);
      expect(textOf(done)).toContain('Cancelled');
      expect(await saved()).toEqual(before);
    });

    it('refuses Save to a member', async () => {
      const preview = await setup('crisis-resources', { text: 'UK: call 999 in an emergency, or Samaritans on 116 123.' });
      const handle = await run.fake.buttonClick({ customId: SAVE_CRISIS_TEXT_ID, message: preview, user: 'member' });
      expect(textOf(await handle.waitForFinal())).toContain('Only members with the Manage Server permission');
      expect((await saved())?.crisisText).not.toContain('Samaritans');
    });

    it.each([
      ['without a phone number or https link', 'Please talk to someone you trust about how you feel.', 'at least one phone number'],
      ['too short', 'Call 112.', 'too short'],
      ['too long', `Call 112. ${'x'.repeat(991)}`, 'too long'],
      ['pinging everyone', '@everyone call 112 now, this is an emergency', 'must not mention'],
    ])('refuses a text %s, saying why', async (_what, text, why) => {
      const message = await setup('crisis-resources', { text });
      expect(textOf(message)).toContain('Not saved');
      expect(textOf(message)).toContain(why);
      expect(buttonIds(message)).toEqual([]);
    });

    it('offers each country’s emergency and crisis lines as you type', async () => {
      const handle = await run.fake.autocomplete({
        name: 'setup',
        subcommand: 'crisis-resources',
        focused: 'text',
        value: 'germ',
        user: 'moderator',
      });
      const choices = ((await handle.waitForResponse()).data as { choices: { name: string; value: string }[] }).choices;
      expect(choices.map((c) => c.value)).toEqual(CRISIS_TEXT_SUGGESTIONS.filter((s) => s.startsWith('Germany')));
    });

    it('reset returns to the built-in default', async () => {
      const preview = await setup('crisis-resources', { text: GERMAN_LINES });
      await click(SAVE_CRISIS_TEXT_ID, preview);
      const message = await setup('crisis-resources', { reset: true });
      expect(textOf(message)).toContain('now the built-in default (was this server’s own text)');
      expect(await crisisLead()).toBe(run.engine.safety.crisisText);
    });
  });

  describe('alerts', () => {
    it('sets the channel and the role, and says what changed', async () => {
      const { modOnly } = run.fake.ids.channels;
      const role = run.fake.ids.roles.moderator;
      const message = await setup('alerts', { channel: modOnly, role });
      expect(textOf(message)).toContain(`**Alerts**: now in <#${modOnly}>, pinging <@&${role}> (was off).`);
      expect(await saved()).toMatchObject({ alertChannelId: modOnly, alertRoleId: role });
    });

    it('refuses a channel where the bot cannot post, naming what is missing', async () => {
      run.fake.setBotPermissions(run.fake.ids.channels.readOnly, PermissionFlagsBits.ViewChannel);
      try {
        const message = await setup('alerts', { channel: run.fake.ids.channels.readOnly });
        expect(textOf(message)).toContain('Not changed: I’m missing Send Messages, Embed Links');
      } finally {
        run.fake.setBotPermissions(run.fake.ids.channels.readOnly, null);
      }
    });

    it('never pings @everyone', async () => {
      const message = await setup('alerts', { channel: run.fake.ids.channels.modOnly, role: run.fake.ids.roles.everyone });
      expect(textOf(message)).toContain('alerts never ping @everyone');
    });

    it('turns off', async () => {
      await setup('alerts', { channel: run.fake.ids.channels.modOnly });
      const message = await setup('alerts', { off: true });
      expect(textOf(message)).toContain('**Alerts**: now off');
      expect((await saved())?.alertChannelId).toBeNull();
    });
  });

  describe('ask-channel', () => {
    it('sets the channel and answers a message there without a mention', async () => {
      const { questions } = run.fake.ids.channels;
      const message = await setup('ask-channel', { channel: questions });
      expect(textOf(message)).toContain(`**Ask channel**: now <#${questions}>`);
      expect(textOf(message)).not.toContain(TURN_ON_MESSAGE_CONTENT);
      const sent = await run.fake.sendMessage({ content: 'Is kratom addictive?', channelId: questions });
      const reply = await sent.waitForReply();
      expect(reply.embeds[0]?.title).toBe('Dependency and Withdrawal');
      expect(carriesNote(reply, note)).toBe(true);
    });

    it('in a forum, answers each new post, and not the messages that follow in it without a mention', async () => {
      const { forum } = run.fake.ids.channels;
      const message = await setup('ask-channel', { channel: forum });
      expect(textOf(message)).toContain(`**Ask channel**: now <#${forum}>`);
      const post = await run.fake.createForumPost({ forumId: forum, title: 'Addiction?', content: 'Is kratom addictive?' });
      const reply = await post.waitForReply();
      expect(reply.channel_id).toBe(post.message.id);
      expect(reply.embeds[0]?.title).toBe('Dependency and Withdrawal');
      const later = await run.fake.sendMessage({ content: 'Thanks! And withdrawal?', channelId: post.message.id });
      const mentioned = await run.fake.sendMessage({ content: 'What about withdrawal?', channelId: post.message.id, mentionsBot: true });
      await mentioned.waitForReply();
      expect(run.fake.messages(post.message.id).map((m) => m.message_reference?.message_id)).not.toContain(later.message.id);
    });

    it('refuses a forum where the bot cannot reply in posts, naming the permission', async () => {
      const { forum } = run.fake.ids.channels;
      const P = PermissionFlagsBits;
      run.fake.setBotPermissions(forum, P.ViewChannel | P.EmbedLinks | P.ReadMessageHistory);
      try {
        const message = await setup('ask-channel', { channel: forum });
        expect(textOf(message)).toContain('Not changed: I’m missing Send Messages in Posts');
      } finally {
        run.fake.setBotPermissions(forum, null);
      }
    });

    it('turns off: a message there without a mention is left alone again', async () => {
      const { questions } = run.fake.ids.channels;
      await setup('ask-channel', { channel: questions });
      await setup('ask-channel', { off: true });
      const unmentioned = await run.fake.sendMessage({ content: 'Is kratom addictive?', channelId: questions });
      // A mention sent after it is answered; the unmentioned one before it is not.
      const mentioned = await run.fake.sendMessage({ content: 'Is kratom addictive?', channelId: questions, mentionsBot: true });
      await mentioned.waitForReply();
      const answered = run.fake.messages(questions).map((m) => m.message_reference?.message_id);
      expect(answered).toContain(mentioned.message.id);
      expect(answered).not.toContain(unmentioned.message.id);
    });
  });

  describe('replies', () => {
    it('makes /ask private by default, and people can still choose public', async () => {
      const message = await setup('replies', { visibility: 'private' });
      expect(textOf(message)).toContain('**Answers**: now private');
      const byDefault = await (await run.fake.slashCommand({ name: 'ask', options: { question: 'Is kratom addictive?' } })).waitForFinal();
      const chosen = await (
        await run.fake.slashCommand({ name: 'ask', options: { question: 'Is kratom addictive?', private: false } })
      ).waitForFinal();
      expect(isPrivate(byDefault)).toBe(true);
      expect(isPrivate(chosen)).toBe(false);
      await setup('replies', { visibility: 'public' });
    });

    it('sets this server’s cooldown, which then holds people to it', async () => {
      const message = await setup('replies', { cooldown: 600 });
      expect(textOf(message)).toContain('**Cooldown**: now 600 seconds (was 0 seconds (the bot’s default))');
      await (await run.fake.slashCommand({ name: 'ask', options: { question: 'Is kratom addictive?' }, user: 'owner' })).waitForFinal();
      const refused = await (
        await run.fake.slashCommand({ name: 'ask', options: { question: 'Is kratom addictive?' }, user: 'owner' })
      ).waitForFinal();
      expect(textOf(refused)).toContain('Please wait');
      await setup('replies', { cooldown: 0 });
    });

    it('says nothing changed when nothing did', async () => {
      const message = await setup('replies', { visibility: 'public' });
      expect(textOf(message)).toContain('Nothing changed');
    });
  });

  describe('show', () => {
    it('lists every setting and what the bot stores, privately', async () => {
      await setup('alerts', { channel: run.fake.ids.channels.modOnly, role: run.fake.ids.roles.moderator });
      const message = await setup('show');
      const text = textOf(message);
      expect(isPrivate(message)).toBe(true);
      for (const name of ['Crisis resources', 'Alerts', 'Ask channel', 'Answers', 'Cooldown']) expect(text).toContain(`**${name}**`);
      expect(text).toContain(`<#${run.fake.ids.channels.modOnly}>, pinging <@&${run.fake.ids.roles.moderator}>`);
      expect(text).toContain(STORAGE_STATEMENT);
      expect(text).toMatch(/Last 7 days: .*\d+ answer/);
      expect(carriesNote(message, note)).toBe(true);
    });
  });

  it('keeps every setting across a restart', async () => {
    const { questions, modOnly } = run.fake.ids.channels;
    const preview = await setup('crisis-resources', { text: GERMAN_LINES });
    await click(SAVE_CRISIS_TEXT_ID, preview);
    await setup('alerts', { channel: modOnly, role: run.fake.ids.roles.moderator });
    await setup('ask-channel', { channel: questions });
    await setup('replies', { visibility: 'private', cooldown: 0 });
    const before = textOf(await setup('show')).replace(/Last 7 days:.*/, '');
    await run.restart();
    const after = textOf(await setup('show')).replace(/Last 7 days:.*/, '');
    expect(after).toBe(before);
    expect(await crisisLead()).toBe(GERMAN_LINES);
    const sent = await run.fake.sendMessage({ content: 'Is kratom addictive?', channelId: questions });
    expect((await sent.waitForReply()).embeds[0]?.title).toBe('Dependency and Withdrawal');
  });
});

describe('/setup ask-channel without the Message Content intent', () => {
  let run: Running;
  beforeAll(async () => {
    ({ run } = await startDeployedBot());
  });
  afterAll(() => run?.close());

  it('connects without asking for the intent, so Discord does not refuse it', () => {
    const identify = run.fake.gatewayReceived().find((p) => p.op === 2)?.d as { intents: number };
    expect(identify.intents & (1 << 15)).toBe(0);
  });

  it('sets the channel and tells the moderator how to turn the intent on', async () => {
    const handle = await run.fake.slashCommand({
      name: 'setup',
      subcommand: 'ask-channel',
      options: { channel: run.fake.ids.channels.questions },
      user: 'moderator',
    });
    const text = textOf(await handle.waitForFinal());
    expect(text).toContain(TURN_ON_MESSAGE_CONTENT);
    expect(text).toContain('Privileged Gateway Intents');
  });

  it('says in the ask channel that it cannot read messages there, once, instead of staying silent', async () => {
    const { questions } = run.fake.ids.channels;
    await (
      await run.fake.slashCommand({ name: 'setup', subcommand: 'ask-channel', options: { channel: questions }, user: 'moderator' })
    ).waitForFinal();
    const first = await run.fake.sendMessage({ content: 'Is kratom addictive?', channelId: questions });
    const reply = await first.waitForReply();
    expect(textOf(reply)).toContain(ASK_CHANNEL_UNREADABLE);
    const second = await run.fake.sendMessage({ content: 'And withdrawal?', channelId: questions });
    const mentioned = await run.fake.sendMessage({ content: 'Is kratom addictive?', channelId: questions, mentionsBot: true });
    expect((await mentioned.waitForReply()).embeds[0]?.title).toBe('Dependency and Withdrawal');
    expect(run.fake.messages(questions).map((m) => m.message_reference?.message_id)).not.toContain(second.message.id);
  });

  it('refuses to start with the intent when Discord does not allow it, saying so instead of hanging', async () => {
    const storage = await run.database.open();
    const bot = createBot({
      engine: run.engine,
      logger: createLogger({ level: 'silent' }),
      storage,
      config: { token: TEST_TOKEN, apiUrl: run.fake.apiBaseUrl, cooldownSeconds: 0, messageContent: true },
    });
    try {
      await expect(bot.start()).rejects.toThrow(DisallowedIntentError);
    } finally {
      await bot.client.destroy();
      await storage.close();
    }
  });
});
