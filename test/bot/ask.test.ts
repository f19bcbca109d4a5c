/** /ask through the local Discord: answers quoted with their titles, the note on every reply. */
import { MessageFlags, type APIMessage } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isVerbatim } from '../helpers/engine.js';
import { carriesNote, quotedIn, quotesOf, startDeployedBot, TEST_TOKEN, textOf, type Running } from './harness.js';

describe('/ask', () => {
  let run: Running;
  let note: string;

  beforeAll(async () => {
    ({ run, note } = await startDeployedBot());
  });
  afterAll(() => run?.close());

  async function ask(question: string, extra: Record<string, boolean> = {}): Promise<APIMessage> {
    const handle = await run.fake.slashCommand({ name: 'ask', options: { question, ...extra } });
    return handle.waitForFinal();
  }

  it('answers with the article’s passages verbatim as block quotes, each under its subsection with its section above, and the note', async () => {
    const expected = run.engine.answer('Is kratom addictive?');
    const message = await ask('Is kratom addictive?');
    expect(quotedIn(message)).toEqual(quotesOf(expected));
    for (const text of quotedIn(message)) expect(isVerbatim(text)).toBe(true);
    expect(message.embeds[0]).toMatchObject({ author: { name: 'Potential Considerations' }, title: 'Dependency and Withdrawal' });
    expect(carriesNote(message, note)).toBe(true);
  });

  it('is public by default and private when asked', async () => {
    const open = await ask('Can I take kratom with antidepressants?');
    const hidden = await ask('Can I take kratom with antidepressants?', { private: true });
    expect((open.flags ?? 0) & MessageFlags.Ephemeral).toBe(0);
    expect((hidden.flags ?? 0) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(carriesNote(hidden, note)).toBe(true);
  });

  it('says plainly when the article does not cover the question, with the note', async () => {
    const message = await ask('Does kratom cure migraines?');
    expect(textOf(message)).toMatch(/The article does not cover (other health conditions|that)/);
    expect(quotedIn(message)).toEqual([]);
    expect(carriesNote(message, note)).toBe(true);
  });

  it('puts the urgent crisis guidance first on a crisis question, with the note', async () => {
    const message = await ask('I took way too much kratom and my chest hurts');
    expect(message.embeds[0]?.description).toContain(run.engine.safety.crisisText);
    expect(carriesNote(message, note)).toBe(true);
  });

  it('lets no one be pinged by text quoted back: every reply sends allowed_mentions with nothing to parse', async () => {
    const before = run.fake.requests().length;
    await ask('@everyone is kratom addictive? <@&1234567890123456789>');
    const sent = run.fake
      .requests()
      .slice(before)
      .filter((request) => request.method === 'POST' && request.body !== undefined);
    expect(sent.length).toBeGreaterThan(0);
    for (const request of sent) {
      const body = request.body as { data?: { allowed_mentions?: unknown }; allowed_mentions?: unknown };
      expect(body.data?.allowed_mentions ?? body.allowed_mentions).toEqual({ parse: [] });
    }
  });

  it('never writes the question or the token into its logs', async () => {
    const question = 'Is kratom addictive for someone called Zebulon Quartermaine?';
    await ask(question);
    const logs = run.logs.join('\n');
    expect(logs).toContain('"event":"answer"');
    expect(logs).not.toContain('Zebulon');
    expect(logs).not.toContain(TEST_TOKEN);
  });

  it('answers in a DM with the bot too', async () => {
    const handle = await run.fake.slashCommand({ name: 'ask', options: { question: 'Is kratom addictive?' }, dm: true, user: 'owner' });
    const message = await handle.waitForFinal();
    expect(message.embeds[0]?.title).toBe('Dependency and Withdrawal');
    expect(carriesNote(message, note)).toBe(true);
  });
});
