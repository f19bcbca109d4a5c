/**
 * When things go wrong: a dropped gateway connection, a failing handler, a shutdown with
 * replies in flight (a person asking too fast: cooldown.test.ts). Each still ends in a reply that carries the note.
 */
import { once } from 'node:events';
import { Events, MessageFlags } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { deployCommands } from '../../src/discord/deploy-commands.js';
import { ERROR_TEXT, RESTARTING_TEXT } from '../../src/discord/events/interaction-create.js';
import type { AnswerEngine } from '../../src/engine/engine.js';
import { carriesNote, quotedIn, quotesOf, startBot, TEST_TOKEN, testEngine, textOf, type Running, type RunOptions } from './harness.js';

const QUESTION = 'Is kratom addictive?';
const ephemeral = (flags: number | undefined): boolean => ((flags ?? 0) & MessageFlags.Ephemeral) !== 0;

/** The real engine, except that answering a question fails (reading sections still works). */
function engineThatFailsToAnswer(): AnswerEngine {
  const engine = Object.create(testEngine()) as AnswerEngine;
  engine.answer = () => {
    throw new Error('engine failure for the test');
  };
  return engine;
}

describe('resilience', () => {
  let run: Running | undefined;
  afterEach(async () => {
    await run?.close();
    run = undefined;
  });

  async function start(options: RunOptions = {}): Promise<Running> {
    run = await startBot(options);
    await deployCommands({ token: TEST_TOKEN, apiUrl: run.fake.apiBaseUrl });
    return run;
  }

  it('resumes after the gateway connection drops and keeps answering, also what was sent meanwhile', async () => {
    const { fake, bot, engine } = await start();
    const resumed = once(bot.client, Events.ShardResume);
    fake.dropConnection({ abrupt: true });
    const sentWhileDown = await fake.sendMessage({ content: QUESTION, mentionsBot: true });
    await resumed;
    expect(fake.gatewayConnections().filter((connection) => connection.mode === 'resume')).toHaveLength(1);
    const reply = await sentWhileDown.waitForReply();
    expect(quotedIn(reply)).toEqual(quotesOf(engine.answer(QUESTION)));
    const ask = await fake.slashCommand({ name: 'ask', options: { question: QUESTION } });
    expect(carriesNote(await ask.waitForFinal(), engine.safety.safetyNote)).toBe(true);
  });

  it('tells the person privately, with the note, when a command fails, and logs the error without the question', async () => {
    const { fake, logs, engine } = await start({ engine: engineThatFailsToAnswer() });
    const ask = await fake.slashCommand({ name: 'ask', options: { question: 'Quixotic question about kratom' } });
    const told = await ask.waitForFinal();
    expect(textOf(told)).toContain(ERROR_TEXT);
    expect(ephemeral(told.flags)).toBe(true);
    expect(carriesNote(told, engine.safety.safetyNote)).toBe(true);
    // The failure's one line comes once the person has been told.
    await expect.poll(() => logs.find((line) => line.includes('"handler_failed"'))).toBeDefined();
    const failure = logs.find((line) => line.includes('"handler_failed"'));
    expect(failure).toContain('engine failure for the test');
    expect(failure).toContain('"notice":"sent"');
    expect(logs.join('\n')).not.toContain('Quixotic');
  });

  it('tells the person in a DM, with the note, when answering their mention fails', async () => {
    const { fake, engine } = await start({ engine: engineThatFailsToAnswer() });
    await fake.sendMessage({ content: QUESTION, mentionsBot: true });
    await expect.poll(() => fake.requests({ method: 'POST', route: '/users/@me/channels' }).length).toBeGreaterThan(0);
    const dmChannel = (fake.requests({ method: 'POST', route: '/users/@me/channels' })[0]!.response as { id: string }).id;
    const told = await fake.waitForBotMessage(dmChannel);
    expect(textOf(told)).toContain(ERROR_TEXT);
    expect(carriesNote(told, engine.safety.safetyNote)).toBe(true);
  });

  /** /pin-safety, held while Discord posts the summary: the reply is in flight until `release()`. */
  async function pinInFlight(
    running: Running,
  ): Promise<{ pin: Awaited<ReturnType<Running['fake']['slashCommand']>>; release: () => void }> {
    const held = running.fake.holdNextRequest('POST /channels/:channel/messages');
    const pin = await running.fake.slashCommand({ name: 'pin-safety', user: 'moderator' });
    await held.arrived;
    return { pin, release: held.release };
  }

  it('on stop, finishes the replies in flight before it disconnects', async () => {
    const running = await start();
    const { fake, bot } = running;
    const { pin, release } = await pinInFlight(running);
    const stopped = bot.stop();
    expect(pin.record().finalized).toBe(false);
    release();
    await stopped;
    expect(pin.record().finalized).toBe(true);
    expect(textOf(pin.record().original!)).toContain('Pinned the safety summary');
    expect(fake.gatewayConnections().every((connection) => connection.closedAt !== undefined)).toBe(true);
  });

  it('while stopping, answers a new command with a private "restarting" notice instead of new work', async () => {
    const running = await start();
    const { fake, bot, engine } = running;
    const { release } = await pinInFlight(running);
    const stopping = bot.stop();
    const ask = await fake.slashCommand({ name: 'ask', options: { question: QUESTION } });
    const told = await ask.waitForFinal();
    release();
    await stopping;
    expect(textOf(told)).toContain(RESTARTING_TEXT);
    expect(ephemeral(told.flags)).toBe(true);
    expect(carriesNote(told, engine.safety.safetyNote)).toBe(true);
  });
});
