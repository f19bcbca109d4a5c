/** /pin-safety: one pinned safety summary per channel, only for moderators, never half done. */
import { InteractionResponseType, MessageFlags, PermissionFlagsBits, Routes, type APIMessage } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAFETY_SUMMARY_TITLE } from '../../src/discord/render.js';
import { carriesNote, startDeployedBot, textOf, type Running } from './harness.js';

const P = PermissionFlagsBits;

describe('/pin-safety', () => {
  let run: Running;
  let note: string;

  beforeAll(async () => {
    ({ run, note } = await startDeployedBot());
  });
  afterAll(() => run?.close());

  const isSummary = (message: APIMessage): boolean =>
    message.author.id === run.fake.ids.botUser && message.embeds.some((embed) => embed.title === SAFETY_SUMMARY_TITLE);

  /** Cleans up through the bot's own REST client, as a moderator deleting the message would. */
  async function deleteMessage(channelId: string, messageId: string): Promise<void> {
    await run.bot.client.rest.delete(Routes.channelMessage(channelId, messageId));
  }

  async function pinSafety(user: 'moderator' | 'member', channelId: string): Promise<APIMessage> {
    const handle = await run.fake.slashCommand({ name: 'pin-safety', user, channelId });
    return handle.waitForFinal();
  }

  it('by a moderator: posts the summary with the note, pins it, and tells them privately', async () => {
    const channel = run.fake.ids.channels.general;
    const told = await pinSafety('moderator', channel);
    expect(textOf(told)).toContain('Pinned the safety summary');
    expect((told.flags ?? 0) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(carriesNote(told, note)).toBe(true);
    const pinned = run.fake.pins(channel).filter(isSummary);
    expect(pinned).toHaveLength(1);
    expect(carriesNote(pinned[0]!, note)).toBe(true);
  });

  it('defers privately before anything else, even for a member who may not use it', async () => {
    for (const user of ['moderator', 'member'] as const) {
      const handle = await run.fake.slashCommand({ name: 'pin-safety', user, channelId: run.fake.ids.channels.general });
      const first = await handle.waitForResponse();
      expect(first.type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
      expect(((first.data as { flags?: number } | undefined)?.flags ?? 0) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
      await handle.waitForFinal();
    }
  });

  it('run twice leaves exactly one pinned summary, the earlier one updated in place', async () => {
    const channel = run.fake.ids.channels.modOnly;
    await pinSafety('moderator', channel);
    const [first] = run.fake.pins(channel).filter(isSummary);
    const told = await pinSafety('moderator', channel);
    expect(textOf(told)).toContain('Updated the safety summary');
    const pinned = run.fake.pins(channel).filter(isSummary);
    expect(pinned.map((message) => message.id)).toEqual([first!.id]);
    expect(run.fake.messages(channel).filter(isSummary)).toHaveLength(1);
  });

  it('run by two moderators at the same moment still leaves one pinned summary', async () => {
    const channel = run.fake.ids.channels.readOnly;
    run.fake.setBotPermissions(channel, P.ViewChannel | P.SendMessages | P.EmbedLinks | P.ReadMessageHistory | P.PinMessages);
    try {
      await Promise.all([pinSafety('moderator', channel), pinSafety('moderator', channel)]);
      expect(run.fake.pins(channel).filter(isSummary)).toHaveLength(1);
      expect(run.fake.messages(channel).filter(isSummary)).toHaveLength(1);
    } finally {
      for (const message of run.fake.messages(channel)) await deleteMessage(channel, message.id);
      run.fake.setBotPermissions(channel, null);
    }
  });

  it('by a member without Pin Messages pins nothing and tells them why, privately', async () => {
    const channel = run.fake.ids.channels.general;
    const pinsBefore = run.fake.pins(channel).length;
    const messagesBefore = run.fake.messages(channel).length;
    const told = await pinSafety('member', channel);
    expect(textOf(told)).toContain('Pin Messages permission');
    expect((told.flags ?? 0) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(carriesNote(told, note)).toBe(true);
    expect(run.fake.pins(channel)).toHaveLength(pinsBefore);
    expect(run.fake.messages(channel)).toHaveLength(messagesBefore);
  });

  it('where the bot lacks Pin Messages, says so privately and posts nothing', async () => {
    const channel = run.fake.ids.channels.readOnly;
    run.fake.setBotPermissions(channel, P.ViewChannel | P.SendMessages | P.EmbedLinks | P.ReadMessageHistory);
    try {
      const told = await pinSafety('moderator', channel);
      expect(textOf(told)).toContain('I’m missing Pin Messages in this channel');
      expect((told.flags ?? 0) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
      expect(carriesNote(told, note)).toBe(true);
      expect(run.fake.messages(channel)).toHaveLength(0);
      expect(run.fake.pins(channel)).toHaveLength(0);
    } finally {
      run.fake.setBotPermissions(channel, null);
    }
  });

  it('where the bot cannot even see the channel, names every missing permission and posts nothing', async () => {
    const channel = run.fake.ids.channels.readOnly;
    run.fake.setBotPermissions(channel, 0n);
    try {
      const told = await pinSafety('moderator', channel);
      expect(textOf(told)).toContain('missing View Channel, Send Messages, Embed Links, Read Message History, Pin Messages');
      expect(run.fake.messages(channel)).toHaveLength(0);
    } finally {
      run.fake.setBotPermissions(channel, null);
    }
  });
});
