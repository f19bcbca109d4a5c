/**
 * /stats through the local Discord: refused for a member; for a moderator, a chart image and
 * text whose figures match the traffic this test sent; and after that traffic the database
 * holds nothing but counts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { MessageFlags, type APIMessage } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NAME as ASK_ABOUT_MESSAGE } from '../../src/discord/commands/ask-about-message.js';
import { CHART_FILE, NOT_A_MODERATOR } from '../../src/discord/commands/stats.js';
import { HELPFUL_LABEL, NOT_HELPFUL_LABEL } from '../../src/discord/feedback.js';
import type { Reply } from '../../src/engine/reply.js';
import { loadTopicLabels } from '../../src/stats/topic-labels.js';
import type { UserKey } from '../discord/fake-discord.js';
import { carriesNote, startDeployedBot, textOf, type Running } from './harness.js';

/** Each with a made-up name that appears nowhere else, to find it if it were stored. */
const ASKED = [
  'Is kratom addictive, asks Brindlewick1?',
  'What are the withdrawal symptoms, asks Brindlewick2?',
  'Is kratom addictive, asks Brindlewick3?',
  'How much kratom should I take, asks Brindlewick4?',
  'Does kratom help with anxiety, asks Brindlewick5?',
  'Does kratom cure migraines, asks Brindlewick6?',
  'Can kratom fix my car, asks Brindlewick7?',
  'help',
];
const CRISIS = 'I want to kill myself, says Brindlewick8';
const MENTIONED = 'Can I take kratom with antidepressants, asks Brindlewick9?';
const ABOUT_MESSAGE = 'Is kratom safe with alcohol, asks Brindlewick10?';
const ALL_QUESTIONS = [...ASKED, CRISIS, MENTIONED, ABOUT_MESSAGE];
const USERS: UserKey[] = ['member', 'moderator', 'owner'];

type Extended = Reply & { coverage?: 'full' | 'partial'; topic?: string };

function label(reply: Extended): string {
  if (reply.kind === 'answer') return reply.coverage === 'partial' ? 'partially covered' : 'answered';
  return { no_match: 'not covered', crisis: 'crisis', help: 'help' }[reply.kind as 'no_match' | 'crisis' | 'help'];
}

function buttonLabelled(message: APIMessage, name: string): string {
  const rows = (message.components ?? []) as { components?: { custom_id?: string; label?: string }[] }[];
  const id = rows.flatMap((row) => row.components ?? []).find((b) => b.label === name)?.custom_id;
  if (!id) throw new Error(`no "${name}" button`);
  return id;
}

describe('/stats', () => {
  let run: Running;
  let note: string;
  let rated: Extended;

  beforeAll(async () => {
    ({ run, note } = await startDeployedBot());
    const { fake } = run;
    await (
      await fake.slashCommand({ name: 'setup', subcommand: 'alerts', options: { channel: fake.ids.channels.modOnly }, user: 'owner' })
    ).waitForFinal();
    let first: APIMessage | undefined;
    for (const [i, question] of [...ASKED, CRISIS].entries()) {
      const answer = await (await fake.slashCommand({ name: 'ask', options: { question }, user: USERS[i % USERS.length]! })).waitForFinal();
      first ??= answer;
    }
    await (await fake.sendMessage({ content: MENTIONED, mentionsBot: true })).waitForReply();
    const target = await fake.sendMessage({ content: ABOUT_MESSAGE, author: 'owner' });
    await (await fake.messageCommand({ name: ASK_ABOUT_MESSAGE, target: target.message, user: 'member' })).waitForFinal();
    // The first answer: rated helpful by two people (one of them twice), not helpful by one.
    rated = run.engine.answer(ASKED[0]!);
    const click = async (name: string, user: UserKey) =>
      (await fake.buttonClick({ customId: buttonLabelled(first!, name), message: first!, user })).waitForFinal();
    await click(HELPFUL_LABEL, 'member');
    await click(HELPFUL_LABEL, 'member');
    await click(HELPFUL_LABEL, 'moderator');
    await click(NOT_HELPFUL_LABEL, 'owner');
  }, 60_000);
  afterAll(() => run?.close());

  const stats = async (user: UserKey, days?: number) =>
    (await run.fake.slashCommand({ name: 'stats', user, ...(days ? { options: { days } } : {}) })).waitForFinal(10_000);

  it('is refused for a member without Manage Server, privately, with the note', async () => {
    const refused = await stats('member');
    expect(textOf(refused)).toContain(NOT_A_MODERATOR);
    expect((refused.flags ?? 0) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(refused.attachments).toHaveLength(0);
  });

  it('is registered for Manage Server by default', () => {
    const command = run.fake.commands().find((c) => c.name === 'stats');
    expect(command?.default_member_permissions).toBe('32');
  });

  describe('for a moderator', () => {
    let report: APIMessage;
    let text: string;
    beforeAll(async () => {
      report = await stats('moderator');
      text = textOf(report);
    });

    it('is private, with a PNG chart attached and the note', () => {
      expect((report.flags ?? 0) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
      expect(report.attachments.map((a) => a.filename)).toEqual([CHART_FILE]);
      expect(report.attachments[0]!.content_type).toBe('image/png');
      expect(report.attachments[0]!.size).toBeGreaterThan(5_000);
      expect(carriesNote(report, note)).toBe(true);
    });

    it('counts the questions sent, by answer kind', () => {
      const replies = ALL_QUESTIONS.map((q) => run.engine.answer(q) as Extended);
      expect(text).toContain(`**Questions: ${replies.length}**`);
      for (const kind of ['answered', 'partially covered', 'not covered', 'crisis', 'help']) {
        expect(text).toContain(`- ${kind}: ${replies.filter((r) => label(r) === kind).length}\n`);
      }
    });

    it('names the sections answered most, each answer once per section', () => {
      const perSection = new Map<string, number>();
      for (const q of ALL_QUESTIONS) {
        const reply = run.engine.answer(q);
        if (reply.kind !== 'answer') continue;
        for (const section of new Set(reply.passages.map((p) => p.section))) perSection.set(section, (perSection.get(section) ?? 0) + 1);
      }
      const [topSection, topCount] = [...perSection].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]!;
      expect(text).toContain(`1. ${topSection}: ${topCount}`);
      for (const [section, count] of perSection) expect(text).toContain(`${section}: ${count}`);
    });

    it('lists the not-covered topics the engine recognised (by label, never the words asked)', () => {
      const topics = ALL_QUESTIONS.map((q) => (run.engine.answer(q) as Extended).topic).filter((t): t is string => t !== undefined);
      if (topics.length === 0) expect(text).toContain('**Not-covered topics asked most**\nNone recognised yet.');
      const labels = loadTopicLabels();
      const perTopic = new Map<string, number>();
      for (const topic of topics) perTopic.set(labels.get(topic) ?? topic, (perTopic.get(labels.get(topic) ?? topic) ?? 0) + 1);
      for (const [topic, count] of perTopic) expect(text).toContain(`${topic}: ${count}`);
      for (const question of ALL_QUESTIONS.filter((q) => q !== 'help')) expect(text).not.toContain(question);
    });

    it('counts the crisis and the alert it sent', () => {
      expect(text).toContain('- crisis replies: 1');
      expect(text).toContain('- alerts sent to moderators: 1');
    });

    it('shows the feedback per section: one rating per person', () => {
      for (const section of new Set(rated.passages.map((p) => p.section))) expect(text).toContain(`- ${section}: 2 helpful, 1 not helpful`);
      expect(text).toContain('- answered: 2 helpful, 1 not helpful');
    });

    it('gives the same figures for the last 30 days', async () => {
      const month = textOf(await stats('owner', 30));
      const figures = (t: string) => t.split('\n').filter((line) => /^(- |\d+\. )/.test(line));
      expect(figures(month)).toEqual(figures(text));
      expect(month).toContain('**Last 30 days in this server**');
    });
  });

  describe('what the database holds after this traffic', () => {
    let tables: Record<string, Record<string, unknown>[]>;
    let files: Buffer[];
    beforeAll(async () => {
      await run.bot.context.stats.flush();
      await run.bot.context.usage.flush();
      const db = run.storage.db;
      tables = {
        guild_settings: await db.selectFrom('guild_settings').selectAll().execute(),
        usage_counts: await db.selectFrom('usage_counts').selectAll().execute(),
        stats_counts: await db.selectFrom('stats_counts').selectAll().execute(),
      };
      await run.restart();
      const target = run.database.target;
      if (target.kind !== 'sqlite') throw new Error('reads the SQLite file');
      const dir = dirname(target.path);
      files = readdirSync(dir).map((name) => readFileSync(join(dir, name)));
    });

    it('has counts whose keys are answer kinds, passage ids and topic keys only', () => {
      const passageIds = new Set(run.engine.passageIds());
      const kinds = new Set(['answered', 'partial', 'not_covered', 'crisis', 'help']);
      expect(tables.stats_counts!.length).toBeGreaterThan(0);
      for (const row of tables.stats_counts!) {
        expect(Object.keys(row).sort()).toEqual(['count', 'day', 'guild_id', 'key', 'metric']);
        expect(row.guild_id).toBe(run.fake.ids.guild);
        const key = String(row.key);
        if (['question', 'helpful_kind', 'not_helpful_kind'].includes(String(row.metric))) expect(kinds.has(key)).toBe(true);
        else if (row.metric === 'topic') expect(key).toMatch(/^[a-z-]+$/);
        else expect(passageIds.has(key)).toBe(true);
      }
    });

    it('has no other tables than settings, counts and the migration log', async () => {
      const names = await run.storage.db.introspection.getTables({ withInternalKyselyTables: true });
      expect(names.map((t) => t.name).sort()).toEqual([
        'guild_settings',
        'kysely_migration',
        'kysely_migration_lock',
        'stats_counts',
        'usage_counts',
      ]);
    });

    it('holds no question text and no user id anywhere in its files', () => {
      const inDatabase = (text: string) => files.some((bytes) => bytes.includes(Buffer.from(text, 'utf8')));
      expect(inDatabase(run.fake.ids.guild)).toBe(true);
      expect(ALL_QUESTIONS.filter((q) => q !== 'help').filter((q) => inDatabase(q) || inDatabase(/Brindlewick\d+/.exec(q)![0]))).toEqual(
        [],
      );
      expect(USERS.map((u) => run.fake.ids.users[u]).filter(inDatabase)).toEqual([]);
    });
  });
});
