/** Conversation: mentions, replies to the bot's answers, DMs, and follow-ups that use the previous exchange. */
import { PermissionFlagsBits, type APIMessage } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CANNOT_POST_TEXT } from '../../src/discord/events/message-create.js';
import { buttonIds, carriesNote, quotedIn, quotesOf, startBot, textOf, type Running } from './harness.js';

const P = PermissionFlagsBits;

describe('conversation', () => {
  let run: Running;
  let note: string;

  beforeAll(async () => {
    run = await startBot();
    note = run.engine.safety.safetyNote;
  });
  afterAll(() => run?.close());

  async function mention(
    content: string,
    extra: { replyTo?: string; pingRepliedUser?: boolean; mentionsBot?: boolean; dm?: boolean } = {},
  ): Promise<APIMessage> {
    const sent = await run.fake.sendMessage({ content, mentionsBot: true, ...extra });
    return sent.waitForReply();
  }

  it('answers a message that mentions it, as a reply, with quotes, titles and the note', async () => {
    const reply = await mention('Is kratom addictive?');
    expect(quotedIn(reply)).toEqual(quotesOf(run.engine.answer('Is kratom addictive?')));
    expect(reply.embeds[0]?.title).toBe('Dependency and Withdrawal');
    expect(carriesNote(reply, note)).toBe(true);
  });

  it('gives the help reply to a mention with no question', async () => {
    const reply = await mention('');
    expect(textOf(reply)).toContain(run.engine.help().lead[0]);
    expect(carriesNote(reply, note)).toBe(true);
  });

  it('answers a reply to its answer as a follow-up: "tell me more" continues the section', async () => {
    const answer = await mention('Is kratom addictive?');
    const more = await mention('tell me more', { replyTo: answer.id, mentionsBot: false });
    const expected = run.engine.more(run.engine.answer('Is kratom addictive?').context!);
    expect(expected.passages.length).toBeGreaterThan(0);
    expect(quotedIn(more)).toEqual(quotesOf(expected));
    expect(carriesNote(more, note)).toBe(true);
  });

  it('follows up from the answer itself after a restart, when its memory is gone', async () => {
    const answer = await mention('Is kratom addictive?');
    await run.restart();
    const more = await mention('tell me more', { replyTo: answer.id, mentionsBot: false });
    expect(quotedIn(more)).toEqual(quotesOf(run.engine.more(run.engine.answer('Is kratom addictive?').context!)));
  });

  it('leaves a reply that arrives without its text (ping switched off) alone: no scolding in the channel', async () => {
    const answer = await mention('Is kratom addictive?');
    const unreadable = await run.fake.sendMessage({ content: 'tell me more', replyTo: answer.id, pingRepliedUser: false });
    // A later mention is answered, so the unreadable reply was handled (and left alone) before it.
    await mention('Can I take kratom with antidepressants?');
    await expect.poll(() => run.logs.some((line) => line.includes('"unreadable_reply"'))).toBe(true);
    const channel = run.fake.ids.channels.general;
    expect(run.fake.messages(channel).filter((m) => m.message_reference?.message_id === unreadable.message.id)).toHaveLength(0);
    expect(run.fake.messages(channel).find((m) => m.id === unreadable.message.id)?.reactions ?? []).toEqual([]);
  });

  it('continues the person’s last exchange in the channel on a new "@bot tell me more" (not a reply)', async () => {
    await mention('Is kratom addictive?');
    const more = await mention('tell me more');
    expect(quotedIn(more)).toEqual(quotesOf(run.engine.more(run.engine.answer('Is kratom addictive?').context!)));
  });

  it('continues the person’s last public /ask in the channel on a new "@bot tell me more"', async () => {
    await (await run.fake.slashCommand({ name: 'ask', options: { question: 'How should a beginner start?' } })).waitForFinal();
    const more = await mention('tell me more');
    expect(quotedIn(more)).toEqual(quotesOf(run.engine.more(run.engine.answer('How should a beginner start?').context!)));
  });

  it('keeps each person’s exchange to themselves: another member’s "@bot tell me more" does not continue it', async () => {
    await mention('Is kratom addictive?');
    const fromOwner = await (await run.fake.sendMessage({ content: 'tell me more', mentionsBot: true, author: 'owner' })).waitForReply();
    expect(quotedIn(fromOwner)).not.toEqual(quotesOf(run.engine.more(run.engine.answer('Is kratom addictive?').context!)));
  });

  it('ignores a server message that neither mentions it nor replies to it', async () => {
    const ignored = await run.fake.sendMessage({ content: 'Is kratom addictive?' });
    const answered = await run.fake.sendMessage({ content: 'Is kratom addictive?', mentionsBot: true });
    await answered.waitForReply();
    const replies = run.fake.messages(run.fake.ids.channels.general).filter((m) => m.message_reference?.message_id === ignored.message.id);
    expect(replies).toHaveLength(0);
  });

  it('answers every message in a DM, and a follow-up there uses the previous exchange', async () => {
    const first = await run.fake.sendMessage({ content: 'Is kratom addictive?', dm: true });
    await first.waitForReply();
    const second = await run.fake.sendMessage({ content: 'tell me more', dm: true });
    const more = await second.waitForReply();
    expect(quotedIn(more)).toEqual(quotesOf(run.engine.more(run.engine.answer('Is kratom addictive?').context!)));
    expect(carriesNote(more, note)).toBe(true);
  });

  it('pings no one named in a question: the reply is sent with nothing to parse', async () => {
    const sent = await run.fake.sendMessage({ content: '@everyone @here is kratom addictive? <@&1234567890123456789>', mentionsBot: true });
    const reply = await sent.waitForReply();
    const request = run.fake
      .requests({ method: 'POST', route: '/channels/:channel/messages' })
      .find((r) => (r.response as { id?: string }).id === reply.id);
    expect((request?.body as { allowed_mentions?: unknown }).allowed_mentions).toMatchObject({ parse: [] });
    expect(reply.mention_everyone).toBe(false);
    expect(reply.mention_roles).toEqual([]);
  });

  it('offers buttons under an answer: more from the section, other passages, then Helpful and Not helpful', async () => {
    const answer = await mention('Is kratom addictive?');
    expect(buttonIds(answer).map((id) => id.slice(0, 4))).toEqual(['kg:m', 'kg:o', 'kgf:', 'kgf:']);
  });

  it('answers in plain text, note included, where it may not embed', async () => {
    const channel = run.fake.ids.channels.general;
    run.fake.setBotPermissions(channel, P.ViewChannel | P.SendMessages | P.ReadMessageHistory);
    try {
      const reply = await mention('Is kratom addictive?');
      expect(reply.embeds).toEqual([]);
      expect(reply.content).toContain('**Dependency and Withdrawal**');
      expect(quotedIn(reply)).toEqual(quotesOf(run.engine.answer('Is kratom addictive?')));
      expect(carriesNote(reply, note)).toBe(true);
    } finally {
      run.fake.setBotPermissions(channel, null);
    }
  });

  it('tells the person in a DM, with the note, when it may not post in the channel they asked in', async () => {
    const channel = run.fake.ids.channels.general;
    run.fake.setBotPermissions(channel, P.ViewChannel | P.ReadMessageHistory);
    try {
      const before = run.fake.requests({ method: 'POST', route: '/users/@me/channels' }).length;
      await run.fake.sendMessage({ content: 'Is kratom addictive?', mentionsBot: true, author: 'owner' });
      await expect.poll(() => run.fake.requests({ method: 'POST', route: '/users/@me/channels' }).length).toBeGreaterThan(before);
      const dm = run.fake.requests({ method: 'POST', route: '/users/@me/channels' }).at(-1)!.response as { id: string };
      const told = await run.fake.waitForBotMessage(dm.id, (message) => textOf(message).includes(CANNOT_POST_TEXT));
      expect(carriesNote(told, note)).toBe(true);
    } finally {
      run.fake.setBotPermissions(channel, null);
    }
  });
});
