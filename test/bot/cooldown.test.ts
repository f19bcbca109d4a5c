/**
 * The cooldown's scope: it holds back questions only. Lookups, help, the buttons under the
 * bot's own answers and crisis messages are never held back, and a mention held back in a
 * channel gets a quiet ⏳ reaction instead of a reply or a DM.
 */
import { MessageFlags, type APIMessage } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { COOLDOWN_REACTION } from '../../src/discord/cooldown.js';
import { buttonIds, carriesNote, quotedIn, quotesOf, startDeployedBot, textOf, type Running } from './harness.js';

const QUESTION = 'Is kratom addictive?';
const WAIT = /Please wait \d+ seconds/;
const ephemeral = (message: APIMessage): boolean => ((message.flags ?? 0) & MessageFlags.Ephemeral) !== 0;

describe('cooldown', () => {
  let run: Running | undefined;
  afterEach(async () => {
    await run?.close();
    run = undefined;
  });

  async function start(): Promise<Running> {
    ({ run } = await startDeployedBot({ config: { cooldownSeconds: 60 } }));
    return run;
  }

  async function command(name: string, options: Record<string, string> = {}, user: 'member' | 'owner' = 'member'): Promise<APIMessage> {
    return (await run!.fake.slashCommand({ name, options, user })).waitForFinal();
  }

  it('asks someone who asks a second question too soon to wait, privately and with the note; others are not held up', async () => {
    const { engine } = await start();
    await command('ask', { question: QUESTION });
    const again = await command('ask', { question: 'Can I take kratom with antidepressants?' });
    expect(textOf(again)).toMatch(WAIT);
    expect(ephemeral(again)).toBe(true);
    expect(carriesNote(again, engine.safety.safetyNote)).toBe(true);
    const other = await command('ask', { question: QUESTION }, 'owner');
    expect(quotedIn(other)).toEqual(quotesOf(engine.answer(QUESTION)));
  });

  it('does not hold back /help, /sections, /section or /safety, before or after a question', async () => {
    await start();
    for (const [name, options] of [
      ['help', {}],
      ['ask', { question: QUESTION }],
      ['sections', {}],
      ['section', { name: 'Potential Considerations' }],
      ['safety', {}],
    ] as const) {
      expect(textOf(await command(name, options))).not.toMatch(WAIT);
    }
  });

  it('lets the person who asked read on with the buttons under the answer', async () => {
    const { fake, engine } = await start();
    const answer = await command('ask', { question: QUESTION });
    const more = await (await fake.buttonClick({ customId: buttonIds(answer)[0]!, message: answer })).waitForFinal();
    expect(textOf(more)).not.toMatch(WAIT);
    expect(quotedIn(more)).toEqual(quotesOf(engine.more(engine.answer(QUESTION).context!)));
  });

  it('lets the person read on with "tell me more" in reply to the answer, as the button would', async () => {
    const { fake, engine } = await start();
    const answer = await (await fake.sendMessage({ content: QUESTION, mentionsBot: true })).waitForReply();
    const more = await (await fake.sendMessage({ content: 'tell me more', replyTo: answer.id })).waitForReply();
    expect(quotedIn(more)).toEqual(quotesOf(engine.more(engine.answer(QUESTION).context!)));
  });

  it('never holds back a message that sounds like a crisis', async () => {
    const { engine } = await start();
    await command('ask', { question: QUESTION });
    const crisis = await command('ask', { question: 'I want to end my life' });
    expect(textOf(crisis)).not.toMatch(WAIT);
    expect(textOf(crisis)).toContain(engine.answer('I want to end my life').lead[0]);
  });

  it('answers a mention held back in a channel with a ⏳ reaction only: no reply there, no DM', async () => {
    const { fake } = await start();
    await (await fake.sendMessage({ content: QUESTION, mentionsBot: true })).waitForReply();
    const tooSoon = await fake.sendMessage({ content: 'Can I take kratom with antidepressants?', mentionsBot: true });
    const channel = fake.ids.channels.general;
    await expect
      .poll(() =>
        fake
          .messages(channel)
          .find((m) => m.id === tooSoon.message.id)
          ?.reactions?.map((r) => [r.emoji.name, r.me]),
      )
      .toEqual([[COOLDOWN_REACTION, true]]);
    expect(fake.messages(channel).filter((m) => m.message_reference?.message_id === tooSoon.message.id)).toHaveLength(0);
    expect(fake.requests({ method: 'POST', route: '/users/@me/channels' })).toHaveLength(0);
  });
});
