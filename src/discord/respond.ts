/**
 * Sends a rendered reply: to an interaction (the first message as the reply or into the
 * deferred reply, the rest as follow-ups, all equally visible), or in reply to a message.
 */
import {
  DiscordAPIError,
  MessageFlags,
  PermissionFlagsBits,
  RESTJSONErrorCodes,
  type Message,
  type RepliableInteraction,
} from 'discord.js';
import type { Reply } from '../engine/reply.js';
import type { QuoteLabels } from '../present/quote-labels.js';
import { renderReply, renderReplyAsText, type ActionRow, type OutgoingMessage } from './render.js';

export interface RespondOptions {
  ephemeral?: boolean;
  components?: ActionRow[];
  /** How quotes name their section and document (the bot's `labels`). */
  labels?: QuoteLabels;
}

/** Renders a reply and sends it; returns the messages sent (to remember follow-up context by id). */
export async function respond(interaction: RepliableInteraction, reply: Reply, options: RespondOptions = {}): Promise<Message[]> {
  return sendMessages(interaction, renderReply(reply, options.components, options.labels), options.ephemeral ?? false);
}

export async function sendMessages(interaction: RepliableInteraction, messages: OutgoingMessage[], ephemeral: boolean): Promise<Message[]> {
  const flags = ephemeral ? MessageFlags.Ephemeral : undefined;
  const sent: Message[] = [];
  for (const message of messages) {
    if (!interaction.deferred && !interaction.replied) {
      const response = await interaction.reply({ ...message, flags, withResponse: true });
      if (response.resource?.message) sent.push(response.resource.message);
    } else if (interaction.deferred && sent.length === 0 && !interaction.replied) {
      sent.push(await interaction.editReply(message));
    } else {
      sent.push(await interaction.followUp({ ...message, flags }));
    }
  }
  return sent;
}

/** Answers a message with replies to it; as plain text where the bot may not embed. */
export async function replyToMessage(
  message: Message,
  reply: Reply,
  components: ActionRow[] = [],
  labels?: QuoteLabels,
): Promise<Message[]> {
  const messages = canEmbed(message) ? renderReply(reply, components, labels) : renderReplyAsText(reply, components, labels);
  const sent: Message[] = [];
  for (const outgoing of messages) sent.push(await message.reply(outgoing));
  return sent;
}

/** A quiet sign on a message (a reaction); false when the bot may not react there. */
export async function react(message: Message, emoji: string): Promise<boolean> {
  try {
    await message.react(emoji);
    return true;
  } catch {
    return false;
  }
}

/**
 * A DM to the message's author (or a reply, in a DM already): 'sent', or 'dms_closed' when the
 * person does not accept DMs from the bot. Any other failure (a rate limit, a Discord error) is
 * thrown: it says nothing about the person's DMs.
 */
export async function tellPrivately(message: Message, reply: Reply): Promise<'sent' | 'dms_closed'> {
  if (!message.inGuild()) {
    await replyToMessage(message, reply);
    return 'sent';
  }
  try {
    for (const outgoing of renderReply(reply)) await message.author.send(outgoing);
    return 'sent';
  } catch (error) {
    if (error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.CannotSendMessagesToThisUser) return 'dms_closed';
    throw error;
  }
}

function canEmbed(message: Message): boolean {
  if (!message.inGuild()) return true;
  const me = message.guild.members.me;
  const permissions = me ? message.channel.permissionsFor(me) : null;
  return permissions?.has(PermissionFlagsBits.EmbedLinks) ?? true;
}
