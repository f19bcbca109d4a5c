/**
 * The Discord bot: a discord.js client wired to the answer engine. Handlers are attached when
 * it is created, before it logs in. `stop()` stops taking new work, lets replies in flight
 * finish, and disconnects.
 */
import { Client, GatewayIntentBits, Options, Partials } from 'discord.js';
import type { AnswerEngine } from '../engine/engine.js';
import { QuoteLabels } from '../present/quote-labels.js';
import type { BotContext } from './bot-context.js';
import { ButtonCodec } from './buttons.js';
import { ConversationMemory, DEFAULT_MEMORY, type MemoryOptions } from './conversation-memory.js';
import { Cooldown } from './cooldown.js';
import * as interactionCreate from './events/interaction-create.js';
import { logLifecycle } from './events/lifecycle.js';
import * as messageCreate from './events/message-create.js';
import type { Logger } from './logger.js';
import { WorkTracker } from './work-tracker.js';

export interface BotConfig {
  token: string;
  /** REST base URL without /v10 (a proxy or a local test server); default Discord's. */
  apiUrl?: string | undefined;
  cooldownSeconds: number;
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

export function createBot({ engine, config, logger }: { engine: AnswerEngine; config: BotConfig; logger: Logger }): Bot {
  const client = new Client({
    // Not the privileged MessageContent: messages that mention the bot, and DMs, carry their text anyway.
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages],
    partials: [Partials.Channel], // DM channels arrive uncached
    // Text quoted back from a person never pings anyone.
    allowedMentions: { parse: [] },
    makeCache: Options.cacheWithLimits({ ...Options.DefaultMakeCacheSettings, MessageManager: 50 }),
    ...(config.apiUrl !== undefined && { rest: { api: config.apiUrl } }),
  });
  const labels = QuoteLabels.fromEngine(engine);
  const context: BotContext = {
    engine,
    logger,
    memory: new ConversationMemory(config.memory ?? DEFAULT_MEMORY),
    cooldown: new Cooldown(config.cooldownSeconds),
    buttons: new ButtonCodec(engine, labels),
    labels,
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
      const ready = new Promise<void>((resolve) => client.once('clientReady', () => resolve()));
      await client.login(config.token);
      await ready;
    },
    stop() {
      stopping ??= (async () => {
        logger.info({ event: 'stopping', inFlight: work.pending });
        await work.close(config.drainTimeoutMs ?? 8_000);
        await client.destroy();
        context.memory.clear();
        logger.info({ event: 'stopped' });
      })();
      return stopping;
    },
  };
}
