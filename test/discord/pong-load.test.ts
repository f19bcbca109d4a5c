/** The baseline pong bot answers every interaction of a short load run through the fake Discord. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeDiscord, type FakeDiscord } from './fake-discord.js';
import { percentile, runInteractionLoad } from './load.js';
import { startPongBot, type PongBot } from './pong-bot.js';

describe('pong bot under interaction load', () => {
  let fake: FakeDiscord;
  let bot: PongBot;

  beforeAll(async () => {
    fake = await startFakeDiscord();
    bot = await startPongBot(fake.apiBaseUrl);
  });

  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
  });

  it('answers all 50 slash commands sent at 100/s', async () => {
    const result = await runInteractionLoad({ fake, count: 50, ratePerSecond: 100, commandName: 'ping' });
    console.info(
      `pong load: ${result.responded}/${result.count} answered, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, ` +
        `max ${result.maxMs} ms, ${result.achievedRatePerSecond}/s over ${result.durationMs} ms`,
    );
    expect(result).toMatchObject({ count: 50, responded: 50, noResponse: 0, rejectedCallbacks: 0 });
    expect(result.p50Ms).toBeGreaterThan(0);
    expect(result.p99Ms).toBeGreaterThanOrEqual(result.p50Ms);
    expect(bot.errors).toEqual([]);
    const replies = fake.interactions().map((r) => r.callback?.data);
    expect(replies.every((data) => (data as { content?: string } | undefined)?.content === 'pong')).toBe(true);
  });

  it('percentile uses nearest rank', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });
});
