/**
 * "Ask Kratom Guide" on another member's message, through the local Discord: the answer
 * privately to whoever used it, then posted publicly as a reply to that message; the note on both.
 */
import { ApplicationCommandType, MessageFlags, type APIMessage } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOT_CANNOT_POST, CANNOT_SEND, EXPIRED, NAME, NO_TEXT, POST_PUBLICLY_LABEL } from '../../src/discord/commands/ask-about-message.js';
import { buttonIds, carriesNote, startDeployedBot, textOf, type Running } from './harness.js';

const QUESTION = 'Is kratom addictive?';

function postButton(message: APIMessage): string {
  const rows = (message.components ?? []) as { components?: { custom_id?: string; label?: string }[] }[];
  const button = rows.flatMap((row) => row.components ?? []).find((b) => b.label === POST_PUBLICLY_LABEL);
  if (!button?.custom_id) throw new Error('no "Post publicly" button');
  return button.custom_id;
}

const isPrivate = (message: APIMessage) => ((message.flags ?? 0) & MessageFlags.Ephemeral) !== 0;

describe('"Ask Kratom Guide" on a message', () => {
  let run: Running;
  let note: string;

  beforeAll(async () => {
    ({ run, note } = await startDeployedBot());
  });
  afterAll(() => run?.close());

  async function useOn(
    content: string,
    options: { author?: 'member' | 'owner'; user?: 'member' | 'moderator' | 'owner'; channelId?: string } = {},
  ) {
    const target = await run.fake.sendMessage({
      content,
      author: options.author ?? 'owner',
      ...(options.channelId ? { channelId: options.channelId } : {}),
    });
    const handle = await run.fake.messageCommand({ name: NAME, target: target.message, user: options.user ?? 'member' });
    return { target: target.message, answer: await handle.waitForFinal() };
  }

  it('is deployed with the other commands, as a message command', () => {
    const deployed = run.fake.commands().find((command) => command.name === NAME);
    expect(deployed?.type).toBe(ApplicationCommandType.Message);
    expect(run.fake.commands().some((command) => command.name === 'ask')).toBe(true);
  });

  it('answers another member’s message privately, as /ask would, with the note and a button to post it', async () => {
    const expected = run.engine.answer(QUESTION);
    const { answer } = await useOn(QUESTION);
    expect(isPrivate(answer)).toBe(true);
    expect(answer.embeds.filter((e) => e.title !== undefined).map((e) => e.title)).toEqual(
      expected.passages.map((p) => p.subsection ?? p.section),
    );
    expect(carriesNote(answer, note)).toBe(true);
    expect(postButton(answer)).toMatch(/^kgp:/);
    // Nothing appeared in the channel yet.
    expect(run.fake.messages(run.fake.ids.channels.general).filter((m) => m.author.id === run.fake.ids.botUser)).toHaveLength(0);
  });

  it('posts the same answer publicly as a reply to that message, with the note, and tells the asker privately where', async () => {
    const { target, answer } = await useOn('What are the withdrawal symptoms?');
    const click = await run.fake.buttonClick({ customId: postButton(answer), message: answer, user: 'member' });
    const confirmation = await click.waitForFinal();
    const posted = await run.fake.waitForBotMessage(target.channel_id, (m) => m.message_reference?.message_id === target.id);
    expect(isPrivate(posted)).toBe(false);
    expect(textOf(posted)).toBe(textOf(answer));
    expect(carriesNote(posted, note)).toBe(true);
    expect(isPrivate(confirmation)).toBe(true);
    expect(textOf(confirmation)).toContain(`/channels/${run.fake.ids.guild}/${target.channel_id}/${posted.id}`);
    expect(carriesNote(confirmation, note)).toBe(true);
    // The public answer can be rated; it has no "Post publicly" button.
    expect(buttonIds(posted).some((id) => id.startsWith('kgf:'))).toBe(true);
    expect(buttonIds(posted).some((id) => id.startsWith('kgp:'))).toBe(false);
  });

  it('posts an answer once: a second click says it is no longer held', async () => {
    const { target, answer } = await useOn('Does kratom help with anxiety?');
    await (await run.fake.buttonClick({ customId: postButton(answer), message: answer })).waitForFinal();
    const again = await (await run.fake.buttonClick({ customId: postButton(answer), message: answer })).waitForFinal();
    expect(textOf(again)).toContain(EXPIRED);
    expect(run.fake.messages(target.channel_id).filter((m) => m.message_reference?.message_id === target.id)).toHaveLength(1);
  });

  it('does not post for someone who cannot send messages in the channel', async () => {
    const { answer } = await useOn(QUESTION, { channelId: run.fake.ids.channels.readOnly, author: 'owner' });
    const refused = await (await run.fake.buttonClick({ customId: postButton(answer), message: answer, user: 'member' })).waitForFinal();
    expect(textOf(refused)).toContain(CANNOT_SEND);
    expect(carriesNote(refused, note)).toBe(true);
  });

  it('says so, privately, when the message has no text', async () => {
    const { answer } = await useOn('   ');
    expect(isPrivate(answer)).toBe(true);
    expect(textOf(answer)).toContain(NO_TEXT);
  });

  it('tells the asker privately when the bot cannot post in the channel', async () => {
    const { answer } = await useOn('Is kratom safe with alcohol?');
    run.fake.setBotPermissions(run.fake.ids.channels.general, 0n);
    try {
      const failed = await (await run.fake.buttonClick({ customId: postButton(answer), message: answer })).waitForFinal();
      expect(textOf(failed)).toContain(BOT_CANNOT_POST);
    } finally {
      run.fake.setBotPermissions(run.fake.ids.channels.general, null);
    }
  });
});
