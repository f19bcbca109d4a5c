/** Conversation: mentions, replies to the bot's answers, DMs, and follow-ups that use the previous exchange. */
import { PermissionFlagsBits, type APIMessage } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CANNOT_POST_TEXT, UNREADABLE_TEXT } from '../../src/discord/events/message-create.js';
import { quoteHeading } from '../../src/engine/reply.js';
import { buttonIds, carriesNote, startBot, textOf, type Running } from './harness.js';

const P = PermissionFlagsBits;

describe('conversation', () => {
  let run: Running;
  let note: string;

  beforeAll(async () => {
    run = await startBot();
    note = run.engine.safety.safetyNote;
  });
  afterAll(() => run?.close());

  const headings = (message: APIMessage): string[] => message.embeds.flatMap((embed) => (embed.title ? [embed.title] : []));

  async function mention(content: string, extra: { replyTo?: string; pingRepliedUser?: boolean; mentionsBot?: boolean; dm?: boolean } = {}): Promise<APIMessage> {
    const sent = await run.fake.sendMessage({ content, mentionsBot: true, ...extra });
    return sent.waitForReply();
  }

  it('answers a message that mentions it, as a reply, with quotes, titles and the note', async () => {
    const reply = await mention('Is kratom addictive?');
    expect(headings(reply)).toEqual(run.engine.answer('Is kratom addictive?').passages.map(quoteHeading));
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
    expect(headings(more)).toEqual(expected.passages.map(quoteHeading));
    expect(carriesNote(more, note)).toBe(true);
  });

  it('follows up from the answer itself after a restart, when its memory is gone', async () => {
    const answer = await mention('Is kratom addictive?');
    await run.restart();
    const more = await mention('tell me more', { replyTo: answer.id, mentionsBot: false });
    expect(headings(more)).toEqual(run.engine.more(run.engine.answer('Is kratom addictive?').context!).passages.map(quoteHeading));
  });

  it('asks for a mention when a reply arrives without its text (no Message Content intent)', async () => {
    const answer = await mention('Is kratom addictive?');
    const reply = await mention('tell me more', { replyTo: answer.id, mentionsBot: false, pingRepliedUser: false });
    expect(textOf(reply)).toContain(UNREADABLE_TEXT);
    expect(carriesNote(reply, note)).toBe(true);
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
    expect(headings(more)).toEqual(run.engine.more(run.engine.answer('Is kratom addictive?').context!).passages.map(quoteHeading));
    expect(carriesNote(more, note)).toBe(true);
  });

  it('pings no one named in a question: the reply is sent with nothing to parse', async () => {
    const sent = await run.fake.sendMessage({ content: '@everyone @here is kratom addictive? <@&1234567890123456789>', mentionsBot: true });
    const reply = await sent.waitForReply();
    const request = run.fake.requests({ method: 'POST', route: '/channels/:channel/messages' }).find((r) => (r.response as { id?: string }).id === reply.id);
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
      expect(reply.content).toContain('Potential Considerations › Dependency and Withdrawal');
      expect(reply.content.endsWith(note)).toBe(true);
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
