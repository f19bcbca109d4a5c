/**
 * What follows every answer: it is counted (server, kind, day: no text, no user id), and a
 * crisis in a server, asked where others can see it, alerts the server's moderators.
 */
import type { Client } from 'discord.js';
import type { Reply } from '../engine/reply.js';
import { countAnswer } from '../stats/count-answer.js';
import type { GuildSettings } from '../storage/guild-settings.js';
import type { BotContext } from './bot-context.js';
import { sendCrisisAlert } from './crisis-alerts.js';

export interface Answered {
  client: Client<true>;
  reply: Reply;
  via: string;
  /** null in DMs. */
  guildId: string | null;
  settings: GuildSettings;
  channelId: string;
  userId: string;
  /** Link to the message to jump to; null when the reply is visible to the person only. */
  messageUrl: string | null;
  /** The person asked privately (private:true): no alert, they chose privacy. */
  privateByChoice: boolean;
}

export async function afterAnswer(bot: BotContext, answered: Answered): Promise<void> {
  bot.usage.count(answered.guildId, answered.reply.kind);
  countAnswer(bot.stats, answered.guildId, answered.reply);
  if (answered.reply.kind !== 'crisis') return;
  if (answered.guildId === null || answered.privateByChoice) {
    bot.logger.info({ event: 'crisis_alert', via: answered.via, outcome: answered.guildId === null ? 'not_for_dm' : 'not_for_private' });
    return;
  }
  try {
    const outcome = await sendCrisisAlert(answered.client, bot.engine, bot.alertLimiter, answered.settings, {
      guildId: answered.guildId,
      channelId: answered.channelId,
      userId: answered.userId,
      messageUrl: answered.messageUrl,
      at: new Date(),
    });
    if (outcome === 'sent') bot.usage.count(answered.guildId, 'alert');
    bot.logger.info({ event: 'crisis_alert', via: answered.via, outcome });
  } catch (error) {
    bot.logger.error({ err: error, event: 'crisis_alert_failed', via: answered.via });
  }
}
