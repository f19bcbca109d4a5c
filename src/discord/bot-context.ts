/** What every command and event handler gets: the engine, server settings, and the bot's small in-memory state. */
import type { AnswerEngine } from '../engine/engine.js';
import type { GuildSettingsCache } from '../storage/settings-cache.js';
import type { StatsCounter } from '../storage/stats-counts.js';
import type { UsageCounter } from '../storage/usage-counts.js';
import type { ButtonCodec } from './buttons.js';
import type { ConversationMemory } from './conversation-memory.js';
import type { Cooldown } from './cooldown.js';
import type { QuoteLabels } from '../present/quote-labels.js';
import type { FeedbackCodec } from './feedback.js';
import type { PublicPosts } from './public-posts.js';
import type { Logger } from './logger.js';
import type { OncePerWindow } from './once-per-window.js';

export interface BotContext {
  engine: AnswerEngine;
  logger: Logger;
  memory: ConversationMemory;
  cooldown: Cooldown;
  buttons: ButtonCodec;
  /** How quotes name their section and document. */
  labels: QuoteLabels;
  /** Each server's /setup settings (cached; read through to the database). */
  settings: GuildSettingsCache;
  /** Daily counts per server and kind (no text, no user id). */
  usage: UsageCounter;
  /** Daily counts for /stats: answer kinds, sections quoted, not-covered topics, ratings (no text, no user id). */
  stats: StatsCounter;
  /** The Helpful / Not helpful buttons. */
  feedback: FeedbackCodec;
  /** Who rated which answer message, so each person counts once per answer (in memory only). */
  rated: OncePerWindow;
  /** Private "Ask Kratom Guide" answers waiting for "Post publicly" (in memory only). */
  publicPosts: PublicPosts;
  /** One crisis alert per person per 10 minutes (in memory: a restart forgets it). */
  alertLimiter: OncePerWindow;
  /** The first "I'm on it" on an alert wins (two moderators clicking at once). */
  alertTakes: OncePerWindow;
  /** One "I can't read messages here" notice per ask channel per hour. */
  unreadableNotices: OncePerWindow;
  /** Whether the bot connected with the Message Content intent (needed for ask channels). */
  messageContent: boolean;
}
