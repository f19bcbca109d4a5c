/**
 * Runs the real bot in-process against the local fake Discord: real discord.js, real engine,
 * real HTTP and WebSocket, and a real SQLite database in a temporary folder (reopened on
 * restart, as a restarted process would). Logs are captured so tests can read them.
 */
import type { APIEmbed, APIMessage } from 'discord.js';
import { createEngine, type AnswerEngine } from '../../src/engine/engine.js';
import { deployCommands } from '../../src/discord/deploy-commands.js';
import { createBot, type Bot, type BotConfig } from '../../src/discord/client.js';
import { createLogger } from '../../src/discord/logger.js';
import { noteAsSubtext } from '../../src/discord/render.js';
import { applicationAllowsMessageContent } from '../../src/discord/message-content.js';
import type { Storage } from '../../src/storage/open-storage.js';
import { createTestDatabase, type TestDatabase } from '../helpers/storage.js';
import { startFakeDiscord, type FakeDiscord, type FakeDiscordOptions } from '../discord/fake-discord.js';

/** Shaped like a real token (three dot-separated parts); the fake insists on exactly this one. */
export const TEST_TOKEN = 'MTEzNTc5.Gk2b9c.fake-token-for-tests_only-0123456789';

let sharedEngine: AnswerEngine | undefined;
export function testEngine(): AnswerEngine {
  sharedEngine ??= createEngine();
  return sharedEngine;
}

export interface Running {
  fake: FakeDiscord;
  bot: Bot;
  engine: AnswerEngine;
  /** The bot's database (SQLite in a temporary folder), and its current connection. */
  database: TestDatabase;
  storage: Storage;
  /** Every log line the bot wrote, raw JSON text. */
  logs: string[];
  /** Another bot instance, as after a restart, on the same fake Discord (the old one is stopped); optionally over another corpus. */
  restart(options?: { engine?: AnswerEngine }): Promise<Bot>;
  close(): Promise<void>;
}

export interface RunOptions {
  fake?: FakeDiscordOptions;
  config?: Partial<BotConfig>;
  engine?: AnswerEngine;
}

export async function startBot(options: RunOptions = {}): Promise<Running> {
  const fake = await startFakeDiscord({ token: TEST_TOKEN, ...options.fake });
  let engine = options.engine ?? testEngine();
  const logs: string[] = [];
  const database = await createTestDatabase('sqlite');
  let storage: Storage;
  const launch = async (): Promise<Bot> => {
    storage = await database.open();
    const logger = createLogger({ level: 'debug', secrets: [TEST_TOKEN], destination: { write: (line: string) => void logs.push(line) } });
    const messageContent = await applicationAllowsMessageContent({ token: TEST_TOKEN, apiUrl: fake.apiBaseUrl });
    const config = { token: TEST_TOKEN, apiUrl: fake.apiBaseUrl, cooldownSeconds: 0, messageContent, ...options.config };
    const bot = createBot({ engine, logger, storage, config });
    await bot.start();
    return bot;
  };
  let bot = await launch();
  const running: Running = {
    fake,
    get engine() {
      return engine;
    },
    logs,
    database,
    get storage() {
      return storage;
    },
    get bot() {
      return bot;
    },
    async restart(next = {}) {
      await bot.stop();
      await storage.close();
      engine = next.engine ?? engine;
      bot = await launch();
      return bot;
    },
    async close() {
      await bot.stop();
      await storage.close();
      await fake.close();
      await database.drop();
    },
  };
  return running;
}

/** A bot with its commands deployed, and the note every reply must carry. */
export async function startDeployedBot(options: RunOptions = {}): Promise<{ run: Running; note: string }> {
  const run = await startBot(options);
  await deployCommands({ token: TEST_TOKEN, apiUrl: run.fake.apiBaseUrl });
  return { run, note: run.engine.safety.safetyNote };
}

/** All the text a message shows: its content and every embed's author line, title, description and fields. */
export function textOf(message: Pick<APIMessage, 'content' | 'embeds'>): string {
  return [
    message.content,
    ...message.embeds.flatMap((embed) => [
      embed.author?.name ?? '',
      embed.title ?? '',
      embed.description ?? '',
      ...(embed.fields ?? []).flatMap((field) => [field.name, field.value]),
    ]),
  ]
    .filter(Boolean)
    .join('\n');
}

/** Whether the safety note stands, unchanged (as small `-# ` text, line by line), in the message's content or one of its embeds. */
export function carriesNote(message: { content?: string | null; embeds?: APIEmbed[] }, note: string): boolean {
  const shown = noteAsSubtext(note);
  return (message.content ?? '').includes(shown) || (message.embeds ?? []).some((embed) => (embed.description ?? '').includes(shown));
}

/** The passages a message quotes, in order: every Discord block quote ("> ") in its content, embeds and fields. */
export function quotedIn(message: { content?: string | null; embeds?: APIEmbed[] }): string[] {
  const texts = [
    message.content ?? '',
    ...(message.embeds ?? []).flatMap((embed) => [embed.description ?? '', ...(embed.fields ?? []).map((field) => field.value)]),
  ];
  return texts.flatMap((text) =>
    text.split(/\n\s*\n/).flatMap(
      (paragraph) =>
        paragraph
          .split('\n')
          .filter((line) => line.startsWith('> '))
          .map((line) => line.slice(2))
          .join('\n') || [],
    ),
  );
}

/** The passages a reply quotes, as a message should show them. */
export function quotesOf(reply: { passages: { text: string }[] }): string[] {
  return reply.passages.map((quote) => quote.text);
}

/** The custom ids of a message's buttons. */
export function buttonIds(message: Pick<APIMessage, 'components'>): string[] {
  const rows = (message.components ?? []) as { components?: { custom_id?: string }[] }[];
  return rows.flatMap((row) => row.components ?? []).flatMap((button) => (button.custom_id ? [button.custom_id] : []));
}

/** Size of a message's embeds as Discord counts it. */
export function embedCharacters(embeds: APIEmbed[]): number {
  return embeds.reduce(
    (sum, e) =>
      sum +
      (e.title?.length ?? 0) +
      (e.description?.length ?? 0) +
      (e.footer?.text.length ?? 0) +
      (e.author?.name.length ?? 0) +
      (e.fields ?? []).reduce((s, f) => s + f.name.length + f.value.length, 0),
    0,
  );
}

/** Resolves with the first log entry (parsed) matching the predicate, waiting up to `timeoutMs`. */
export async function waitForLog(
  run: Running,
  predicate: (entry: Record<string, unknown>) => boolean,
  timeoutMs = 5_000,
): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = run.logs.map((line) => JSON.parse(line) as Record<string, unknown>).find(predicate);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no matching log entry within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
