/** What every command and event handler gets: the engine and the bot's small in-memory state. */
import type { AnswerEngine } from '../engine/engine.js';
import type { ButtonCodec } from './buttons.js';
import type { ConversationMemory } from './conversation-memory.js';
import type { Cooldown } from './cooldown.js';
import type { QuoteLabels } from '../present/quote-labels.js';
import type { Logger } from './logger.js';

export interface BotContext {
  engine: AnswerEngine;
  logger: Logger;
  memory: ConversationMemory;
  cooldown: Cooldown;
  buttons: ButtonCodec;
  /** How quotes name their section and document. */
  labels: QuoteLabels;
}
