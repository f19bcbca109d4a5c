/**
 * "More from this section" and "Other passages": everything needed is in the button's custom
 * id (see buttons.ts); the answer goes where the clicked one is, public or private.
 */
import { MessageFlags, type ButtonInteraction } from 'discord.js';
import type { BotContext } from './bot-context.js';
import { OTHER_PAGE } from './buttons.js';
import { rememberAnswer } from './remember.js';
import { respond } from './respond.js';

export const STALE_BUTTON_TEXT = 'This button is from an older version of the article, so I can’t follow it any more. Please ask again with /ask.';
export const UNKNOWN_BUTTON_TEXT = 'That is not a button of this bot, so I can’t follow it. Please ask with /ask.';

export async function handleButton(interaction: ButtonInteraction, bot: BotContext): Promise<void> {
  const ephemeral = interaction.message.flags.has(MessageFlags.Ephemeral);
  const decoded = bot.buttons.decode(interaction.customId);
  if (decoded.action === 'stale' || decoded.action === 'unknown') {
    await respond(interaction, bot.engine.notice(decoded.action === 'stale' ? STALE_BUTTON_TEXT : UNKNOWN_BUTTON_TEXT), { ephemeral: true });
    bot.logger.info({ event: 'button', action: decoded.action });
    return;
  }
  let reply;
  let otherIds: string[] | undefined;
  if (decoded.action === 'more') {
    const context = bot.memory.get(interaction.message.id) ?? bot.buttons.contextFromCustomIds([interaction.customId]);
    reply = bot.engine.more(context ?? { question: '', shownIds: decoded.ids });
  } else {
    reply = bot.engine.showPassages(decoded.ids.slice(0, OTHER_PAGE));
    otherIds = decoded.ids.slice(OTHER_PAGE);
  }
  const sent = await respond(interaction, reply, { ephemeral, components: bot.buttons.buttonsFor(reply, otherIds) });
  rememberAnswer(bot, reply, sent);
  bot.logger.info({ event: 'button', action: decoded.action, quotes: reply.passages.length });
}
