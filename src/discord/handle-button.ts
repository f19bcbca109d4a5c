/**
 * "More from <section>" and "Other passages": everything needed is in the button's custom id
 * (see buttons.ts). The answer goes to whoever clicked, privately: a button under a public
 * answer is not a way to post in the channel.
 */
import type { ButtonInteraction } from 'discord.js';
import type { BotContext } from './bot-context.js';
import { OTHER_PAGE } from './buttons.js';
import { rememberAnswer } from './remember.js';
import { respond } from './respond.js';

export const STALE_BUTTON_TEXT =
  'This button is from an older version of the article, so I can’t follow it any more. Please ask again with /ask.';
export const UNKNOWN_BUTTON_TEXT = 'That is not a button of this bot, so I can’t follow it. Please ask with /ask.';

export async function handleButton(interaction: ButtonInteraction, bot: BotContext): Promise<void> {
  const decoded = bot.buttons.decode(interaction.customId);
  if (decoded.action === 'stale' || decoded.action === 'unknown') {
    await respond(interaction, bot.engine.notice(decoded.action === 'stale' ? STALE_BUTTON_TEXT : UNKNOWN_BUTTON_TEXT), {
      ephemeral: true,
    });
    bot.logger.info({ event: 'button', action: decoded.action });
    return;
  }
  let reply;
  let otherIds: string[] | undefined;
  if (decoded.action === 'more') {
    // The button names the section to continue (its passages come last); the remembered
    // exchange, when there is one, adds the question and everything shown before.
    const remembered = bot.memory.get(interaction.message.id);
    const carried = bot.buttons.contextFromCustomIds([interaction.customId]);
    const earlier = (remembered?.shownIds ?? []).filter((id) => !decoded.ids.includes(id));
    reply = bot.engine.more({ question: remembered?.question ?? carried?.question ?? '', shownIds: [...earlier, ...decoded.ids] });
  } else {
    reply = bot.engine.showPassages(decoded.ids.slice(0, OTHER_PAGE));
    otherIds = decoded.ids.slice(OTHER_PAGE);
  }
  const sent = await respond(interaction, reply, {
    ephemeral: true,
    components: bot.buttons.buttonsFor(reply, otherIds),
    labels: bot.labels,
  });
  rememberAnswer(bot, reply, sent);
  bot.logger.info({ event: 'button', action: decoded.action, quotes: reply.passages.length });
}
