/**
 * Routes interactions: slash commands, their autocomplete, and answer buttons. Each gets a
 * reply, whatever happens: a failure is answered privately, with the note. Only /ask is held
 * back by the cooldown (see commands/ask.ts); lookups, help and answer buttons never are.
 */
import { Events, type Interaction, type RepliableInteraction } from 'discord.js';
import type { BotContext } from '../bot-context.js';
import * as askAboutMessage from '../commands/ask-about-message.js';
import { commandsByName } from '../commands/index.js';
import { describeFailure } from '../failure.js';
import { TAKE_ALERT_ID } from '../crisis-alerts.js';
import { handleFeedback, isFeedbackButton } from '../feedback.js';
import { handleButton } from '../handle-button.js';
import { isPublicPostButton } from '../public-posts.js';
import { handleSetupButton, isSetupButton } from '../setup/crisis-preview.js';
import { takeAlert } from '../take-alert.js';
import { respond } from '../respond.js';
import type { WorkTracker } from '../work-tracker.js';

export const name = Events.InteractionCreate;

export const ERROR_TEXT = 'Sorry, something went wrong on my side and I couldn’t answer that. Please try again in a moment.';
export const RESTARTING_TEXT = 'I’m restarting right now. Please try again in a minute.';

export function handler(bot: BotContext, work: WorkTracker): (interaction: Interaction) => void {
  return (interaction) => {
    void work.run(() => handleInteraction(interaction, bot, work.accepting));
  };
}

async function handleInteraction(interaction: Interaction, bot: BotContext, accepting: boolean): Promise<void> {
  if (interaction.isAutocomplete()) {
    const command = commandsByName.get(interaction.commandName);
    try {
      await command?.autocomplete?.(interaction, bot);
    } catch (error) {
      const failure = describeFailure(error);
      bot.logger[failure.level]({
        event: 'autocomplete_failed',
        command: interaction.commandName,
        failure: failure.kind,
        reason: failure.reason,
        ...(failure.kind === 'unexpected' && { err: error }),
      });
      // An empty list rather than Discord's "Loading options failed" (pointless once the interaction is gone).
      if (!interaction.responded && failure.kind !== 'interaction_expired') await interaction.respond([]).catch(() => undefined);
    }
    return;
  }
  if (!interaction.isChatInputCommand() && !interaction.isButton() && !interaction.isMessageContextMenuCommand()) return;
  const what = interaction.isButton() ? 'button' : interaction.commandName;
  try {
    if (!accepting) {
      await respond(interaction, bot.engine.notice(RESTARTING_TEXT), { ephemeral: true });
      return;
    }
    const command = interaction.isChatInputCommand() ? commandsByName.get(interaction.commandName) : undefined;
    if (interaction.isChatInputCommand() && !command) {
      await respond(interaction, bot.engine.notice('I don’t know that command any more. Try /help.'), { ephemeral: true });
      return;
    }
    // Moderators' buttons (alerts, /setup previews).
    if (interaction.isButton() && interaction.customId === TAKE_ALERT_ID) {
      await takeAlert(interaction, bot);
      return;
    }
    // Ratings and "Post publicly" add no question: no cooldown.
    if (interaction.isButton() && isFeedbackButton(interaction.customId)) {
      await handleFeedback(interaction, bot);
      return;
    }
    if (interaction.isButton() && isPublicPostButton(interaction.customId)) {
      await askAboutMessage.postPublicly(interaction, bot);
      return;
    }
    if (interaction.isButton() && isSetupButton(interaction.customId)) {
      await handleSetupButton(interaction, bot, { defaultCooldownSeconds: bot.cooldown.seconds, messageContent: bot.messageContent });
      return;
    }
    if (interaction.isChatInputCommand()) await command!.execute(interaction, bot);
    else if (interaction.isMessageContextMenuCommand()) await askAboutMessage.execute(interaction, bot);
    else await handleButton(interaction, bot);
  } catch (error) {
    // One line per failure: what went wrong, why, and whether the person was told. An interaction
    // Discord no longer knows cannot carry a notice either, so none is tried.
    const failure = describeFailure(error);
    const notice = failure.kind === 'interaction_expired' ? 'not sent: the interaction is gone' : await tellFailure(interaction, bot);
    bot.logger[failure.level]({
      event: 'handler_failed',
      via: what,
      failure: failure.kind,
      reason: failure.reason,
      notice,
      ...(failure.kind === 'unexpected' && { err: error }),
    });
  }
}

/** The error notice, privately: 'sent', or why not. */
async function tellFailure(interaction: RepliableInteraction, bot: BotContext): Promise<string> {
  try {
    // A deferred reply becomes the notice (/pin-safety defers first, privately); otherwise a private reply or follow-up.
    await respond(interaction, bot.engine.notice(ERROR_TEXT), { ephemeral: true });
    return 'sent';
  } catch (error) {
    return `not sent: ${describeFailure(error).reason}`;
  }
}
