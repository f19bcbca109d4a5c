/**
 * What the bot stores, kept to what /help and the README say: after a day's worth of varied
 * traffic through the local Discord (mentions, replies, follow-ups, DMs, /ask public and
 * private, the ask channel, crises with alerts, buttons, lookups), no question text and no
 * user id is anywhere in the database's files: only settings and counts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ApplicationFlags } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAVE_CRISIS_TEXT_ID } from '../../src/discord/setup/crisis-preview.js';
import type { UserKey } from '../discord/fake-discord.js';
import { buttonIds, startDeployedBot, type Running } from './harness.js';

const TOPICS = [
  'Is kratom addictive',
  'Can I take kratom with antidepressants',
  'What is the difference between red and white vein',
  'How should a beginner start',
  'Does kratom help with anxiety',
  'What are the withdrawal symptoms',
  'Does kratom cure migraines',
  'Is kratom safe with alcohol',
];
const CRISES = ['I want to kill myself', 'I took way too much kratom and my chest hurts', 'I am going to end my life tonight'];
const USERS: UserKey[] = ['member', 'moderator', 'owner'];
const CRISIS_TEXT = 'Germany: call 112 in an emergency. TelefonSeelsorge, day and night: 0800 111 0 111.';

describe('privacy: what a day of traffic leaves in the database', () => {
  let run: Running;
  /** Every question sent, each with a made-up name in it that appears nowhere else. */
  const sent: string[] = [];
  let files: Buffer[];

  const question = (i: number, base: string): string => {
    const text = `${base}, asks Quillonmarsh${i}?`;
    sent.push(text);
    return text;
  };

  beforeAll(async () => {
    ({ run } = await startDeployedBot({ fake: { applicationFlags: ApplicationFlags.GatewayMessageContentLimited } }));
    const { fake } = run;
    const { general, modOnly, questions } = fake.ids.channels;
    const setup = async (subcommand: string, options: Record<string, string | number | boolean>) =>
      (await fake.slashCommand({ name: 'setup', subcommand, options, user: 'owner' })).waitForFinal();
    await setup('alerts', { channel: modOnly, role: fake.ids.roles.moderator });
    await setup('ask-channel', { channel: questions });
    await fake
      .buttonClick({ customId: SAVE_CRISIS_TEXT_ID, message: await setup('crisis-resources', { text: CRISIS_TEXT }), user: 'owner' })
      .then((h) => h.waitForFinal());

    for (let i = 0; i < 120; i++) {
      const user = USERS[i % USERS.length]!;
      const base = i % 10 === 9 ? CRISES[i % CRISES.length]! : TOPICS[i % TOPICS.length]!;
      switch (i % 6) {
        case 0: {
          const answer = await (
            await fake.sendMessage({ content: question(i, base), mentionsBot: true, author: user, channelId: general })
          ).waitForReply();
          await (
            await fake.sendMessage({ content: question(i, 'tell me more'), replyTo: answer.id, author: user, channelId: general })
          ).waitForReply();
          break;
        }
        case 1:
          await (await fake.sendMessage({ content: question(i, base), dm: true, author: user })).waitForReply();
          break;
        case 2: {
          const answer = await (await fake.slashCommand({ name: 'ask', options: { question: question(i, base) }, user })).waitForFinal();
          const [button] = buttonIds(answer);
          if (button) await (await fake.buttonClick({ customId: button, message: answer, user })).waitForFinal();
          break;
        }
        case 3:
          await (await fake.slashCommand({ name: 'ask', options: { question: question(i, base), private: true }, user })).waitForFinal();
          break;
        case 4:
          await (await fake.sendMessage({ content: question(i, base), author: user, channelId: questions })).waitForReply();
          break;
        default:
          await (await fake.slashCommand({ name: i % 2 ? 'help' : 'sections', user })).waitForFinal();
          await (await fake.slashCommand({ name: 'section', options: { name: question(i, 'Dependency') }, user })).waitForFinal();
      }
    }
    // Stopping writes the day's counts; closing the database folds its write-ahead log into the file.
    await run.bot.stop();
    await run.storage.close();
    const target = run.database.target;
    if (target.kind !== 'sqlite') throw new Error('the privacy test reads the SQLite file');
    const dir = dirname(target.path);
    files = readdirSync(dir).map((name) => readFileSync(join(dir, name)));
  }, 120_000);
  afterAll(() => run?.close());

  const inDatabase = (text: string): boolean => files.some((bytes) => bytes.includes(Buffer.from(text, 'utf8')));

  it('holds what it should: the server’s settings and counts (so the scan reads real data)', () => {
    expect(sent.length).toBeGreaterThanOrEqual(120);
    expect(inDatabase(run.fake.ids.guild)).toBe(true);
    expect(inDatabase(run.fake.ids.channels.modOnly)).toBe(true);
    expect(inDatabase(CRISIS_TEXT)).toBe(true);
    expect(inDatabase('crisis')).toBe(true);
  });

  it('holds no question text, not even the made-up name in each', () => {
    const found = sent.filter((text) => inDatabase(text) || inDatabase(/Quillonmarsh\d+/.exec(text)![0]));
    expect(found).toEqual([]);
  });

  it('holds no user id of anyone who asked', () => {
    const ids = USERS.map((user) => run.fake.ids.users[user]);
    expect(ids.filter(inDatabase)).toEqual([]);
  });
});
