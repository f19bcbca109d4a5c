/**
 * The Discord bot: a discord.js client wired to the answer engine and the database. Handlers
 * are attached when it is created, before it logs in; `start()` loads every server's settings,
 * then logs in. `stop()` stops taking new work, lets replies in flight finish, writes the
 * day's counts, and disconnects (the caller closes the database it opened).
 */
import { Client, GatewayIntentBits, Options, Partials } from 'discord.js';
import type { AnswerEngine } from '../engine/engine.js';
import { QuoteLabels } from '../present/quote-labels.js';
import { GuildSettingsStore } from '../storage/guild-settings.js';
import type { Storage } from '../storage/open-storage.js';
import { GuildSettingsCache } from '../storage/settings-cache.js';
import { StatsCounter } from '../storage/stats-counts.js';
import { UsageCounter } from '../storage/usage-counts.js';
import type { BotContext } from './bot-context.js';
import { ButtonCodec } from './buttons.js';
import { ConversationMemory, DEFAULT_MEMORY, type MemoryOptions } from './conversation-memory.js';
import { Cooldown } from './cooldown.js';
import { FeedbackCodec } from './feedback.js';
import { PublicPosts } from './public-posts.js';
import * as interactionCreate from './events/interaction-create.js';
import { logLifecycle } from './events/lifecycle.js';
import * as messageCreate from './events/message-create.js';
import { ALERT_WINDOW_MS } from './crisis-alerts.js';
import type { Logger } from './logger.js';
import { OncePerWindow } from './once-per-window.js';
import { WorkTracker } from './work-tracker.js';

export interface BotConfig {
  token: string;
  /** REST base URL without /v10 (a proxy or a local test server); default Discord's. */
  apiUrl?: string | undefined;
  cooldownSeconds: number;
  /**
   * Connect with the privileged Message Content intent (ask channels). Only when the application
   * has it switched on (see message-content.ts): Discord refuses the connection otherwise.
   */
  messageContent?: boolean;
  memory?: MemoryOptions;
  /** How long `stop()` waits for replies in flight (default 8 s: within Docker's 10 s stop grace). */
  drainTimeoutMs?: number;
}

export interface Bot {
  client: Client;
  context: BotContext;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createBot({
  engine,
  config,
  logger,
  storage,
}: {
  engine: AnswerEngine;
  config: BotConfig;
  logger: Logger;
  storage: Storage;
}): Bot {
  const messageContent = config.messageContent ?? false;
  const client = new Client({
    // Messages that mention the bot, and DMs, carry their text without the privileged MessageContent;
    // an ask channel's other messages need it.
    intents: [
      GatewayIntentBits.Guilds,
      GatewayIntentBits.GuildMessages,
      GatewayIntentBits.DirectMessages,
      ...(messageContent ? [GatewayIntentBits.MessageContent] : []),
    ],
    partials: [Partials.Channel], // DM channels arrive uncached
    // Text quoted back from a person never pings anyone.
    allowedMentions: { parse: [] },
    makeCache: Options.cacheWithLimits({ ...Options.DefaultMakeCacheSettings, MessageManager: 50 }),
    ...(config.apiUrl !== undefined && { rest: { api: config.apiUrl } }),
  });
  const labels = QuoteLabels.fromEngine(engine);
  const buttons = new ButtonCodec(engine, labels);
  const context: BotContext = {
    engine,
    logger,
    memory: new ConversationMemory(config.memory ?? DEFAULT_MEMORY),
    cooldown: new Cooldown(config.cooldownSeconds),
    buttons,
    labels,
    settings: new GuildSettingsCache(new GuildSettingsStore(storage.db)),
    usage: new UsageCounter(storage.db),
    stats: new StatsCounter(storage.db),
    feedback: new FeedbackCodec(engine, buttons.fingerprint),
    rated: new OncePerWindow(365 * 24 * 60 * 60_000),
    publicPosts: new PublicPosts(),
    alertLimiter: new OncePerWindow(ALERT_WINDOW_MS),
    unreadableNotices: new OncePerWindow(60 * 60_000),
    alertTakes: new OncePerWindow(24 * 60 * 60_000),
    messageContent,
  };
  const work = new WorkTracker();
  logLifecycle(client, logger, () => !work.accepting);
  client.on(interactionCreate.name, interactionCreate.handler(context, work));
  client.on(messageCreate.name, messageCreate.handler(context, work));

  let stopping: Promise<void> | undefined;
  return {
    client,
    context,
    async start() {
      const startedAt = performance.now();
      const guilds = await context.settings.warm();
      logger.info({ event: 'settings_loaded', guilds, ms: Math.round(performance.now() - startedAt), database: storage.target.kind });
      context.usage.start();
      context.stats.start();
      const ready = new Promise<void>((resolve) => client.once('clientReady', () => resolve()));
      // Discord refuses an intent the application does not have (close 4014): say which, do not hang.
      const refused = new Promise<never>((_resolve, reject) => {
        client.on('shardDisconnect', (event) => {
          if (event.code === 4014) reject(new DisallowedIntentError());
        });
      });
      refused.catch(() => undefined);
      try {
        await Promise.race([client.login(config.token).then(() => ready), refused]);
      } catch (error) {
        if (error instanceof Error && /disallowed intents/i.test(error.message)) throw new DisallowedIntentError();
        throw error;
      }
    },
    stop() {
      stopping ??= (async () => {
        logger.info({ event: 'stopping', inFlight: work.pending });
        await work.close(config.drainTimeoutMs ?? 8_000);
        await client.destroy();
        await context.usage.stop().catch((error: unknown) => logger.error({ err: error, event: 'usage_flush_failed' }));
        await context.stats.stop().catch((error: unknown) => logger.error({ err: error, event: 'stats_flush_failed' }));
        context.memory.clear();
        logger.info({ event: 'stopped' });
      })();
      return stopping;
    },
  };
}

export class DisallowedIntentError extends Error {
  constructor() {
    super(
      'Discord refused the Message Content intent (close code 4014): switch it on in the Developer Portal → Bot → Privileged Gateway Intents, or leave it off',
    );
    this.name = 'DisallowedIntentError';
  }
}
