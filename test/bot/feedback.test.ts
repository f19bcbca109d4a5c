/**
 * "Helpful" / "Not helpful" under answers, through the local Discord: acknowledged privately,
 * counted once per person per answer, stored as counts per passage and answer kind only;
 * "Not helpful" offers the nearest other passages privately.
 */
import { MessageFlags, type APIMessage } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ALREADY_RATED,
  HELPFUL_LABEL,
  NOT_HELPFUL_LABEL,
  OTHER_PASSAGES_LEAD,
  THANKS_HELPFUL,
  THANKS_NOT_HELPFUL,
} from '../../src/discord/feedback.js';
import { onePerSection } from '../../src/stats/count-answer.js';
import type { UserKey } from '../discord/fake-discord.js';
import { carriesNote, startDeployedBot, textOf, type Running } from './harness.js';

function buttonLabelled(message: APIMessage, label: string): string | undefined {
  const rows = (message.components ?? []) as { components?: { custom_id?: string; label?: string }[] }[];
  return rows.flatMap((row) => row.components ?? []).find((b) => b.label === label)?.custom_id;
}

const isPrivate = (message: APIMessage) => ((message.flags ?? 0) & MessageFlags.Ephemeral) !== 0;

describe('feedback on answers', () => {
  let run: Running;
  let note: string;

  beforeAll(async () => {
    ({ run, note } = await startDeployedBot());
  });
  afterAll(() => run?.close());

  const ask = async (question: string) => (await run.fake.slashCommand({ name: 'ask', options: { question } })).waitForFinal();
  const rate = async (answer: APIMessage, label: string, user: UserKey) =>
    (await run.fake.buttonClick({ customId: buttonLabelled(answer, label)!, message: answer, user })).waitForFinal();

  async function storedCounts(): Promise<{ metric: string; key: string; count: number }[]> {
    await run.bot.context.stats.flush();
    const rows = await run.storage.db
      .selectFrom('stats_counts')
      .select(['metric', 'key', 'count'])
      .where('metric', 'in', ['helpful', 'not_helpful', 'helpful_kind', 'not_helpful_kind'])
      .execute();
    return rows.map((row) => ({ ...row, count: Number(row.count) }));
  }

  async function clearCounts(): Promise<void> {
    await run.bot.context.stats.flush();
    await run.storage.db.deleteFrom('stats_counts').execute();
  }

  it('puts Helpful and Not helpful under an answer, and none under a crisis reply', async () => {
    const answer = await ask('Is kratom addictive?');
    expect(buttonLabelled(answer, HELPFUL_LABEL)).toBeDefined();
    expect(buttonLabelled(answer, NOT_HELPFUL_LABEL)).toBeDefined();
    const crisis = await ask('I want to kill myself');
    expect(buttonLabelled(crisis, HELPFUL_LABEL)).toBeUndefined();
  });

  it('acknowledges a rating privately, with the note', async () => {
    const thanks = await rate(await ask('What are the withdrawal symptoms?'), HELPFUL_LABEL, 'member');
    expect(isPrivate(thanks)).toBe(true);
    expect(textOf(thanks)).toContain(THANKS_HELPFUL);
    expect(carriesNote(thanks, note)).toBe(true);
  });

  it('counts one rating per person per answer, per section quoted and per answer kind, and nothing else', async () => {
    await clearCounts();
    const question = 'Is kratom addictive?';
    const sections = onePerSection(run.engine.answer(question).passages);
    const answer = await ask(question);
    await rate(answer, HELPFUL_LABEL, 'member');
    const again = await rate(answer, NOT_HELPFUL_LABEL, 'member');
    expect(textOf(again)).toContain(ALREADY_RATED);
    await rate(answer, HELPFUL_LABEL, 'moderator');
    await rate(answer, NOT_HELPFUL_LABEL, 'owner');
    const counts = await storedCounts();
    const expected = [
      ...sections.map((key) => ({ metric: 'helpful', key, count: 2 })),
      ...sections.map((key) => ({ metric: 'not_helpful', key, count: 1 })),
      { metric: 'helpful_kind', key: 'answered', count: 2 },
      { metric: 'not_helpful_kind', key: 'answered', count: 1 },
    ];
    const order = (rows: { metric: string; key: string }[]) =>
      [...rows].sort((a, b) => `${a.metric}${a.key}`.localeCompare(`${b.metric}${b.key}`));
    expect(order(counts)).toEqual(order(expected));
  });

  it('counts the same person again on another answer', async () => {
    await clearCounts();
    const question = 'Does kratom help with anxiety?';
    await rate(await ask(question), HELPFUL_LABEL, 'member');
    await rate(await ask(question), HELPFUL_LABEL, 'member');
    const kinds = (await storedCounts()).filter((row) => row.metric === 'helpful_kind');
    const kind = run.engine.answer(question).coverage === 'partial' ? 'partial' : 'answered';
    expect(kinds).toEqual([{ metric: 'helpful_kind', key: kind, count: 2 }]);
  });

  it('offers the nearest other passages privately on "Not helpful", with the note', async () => {
    const question = 'Can I take kratom with antidepressants?';
    const alternatives = run.engine.answer(question).alternativeIds ?? [];
    expect(alternatives.length).toBeGreaterThan(0);
    const offered = await rate(await ask(question), NOT_HELPFUL_LABEL, 'owner');
    expect(isPrivate(offered)).toBe(true);
    expect(textOf(offered)).toContain(THANKS_NOT_HELPFUL);
    expect(textOf(offered)).toContain(OTHER_PASSAGES_LEAD);
    // Embeds are titled with the subsection (the section stands above it), as on a phone.
    const expected = run.engine.showPassages(alternatives.slice(0, 3)).passages.map((p) => p.subsection ?? p.section);
    expect(offered.embeds.filter((e) => e.title !== undefined).map((e) => e.title)).toEqual(expected);
    expect(carriesNote(offered, note)).toBe(true);
  });
});
