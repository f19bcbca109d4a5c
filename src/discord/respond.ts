/**
 * Sends rendered messages in answer to an interaction: the first as the reply (or into the
 * deferred reply), the rest as follow-ups, all with the same visibility.
 */
import { MessageFlags, type Message, type RepliableInteraction } from 'discord.js';
import type { Reply } from '../engine/reply.js';
import { renderReply, type ActionRow, type OutgoingMessage } from './render.js';

export interface RespondOptions {
  ephemeral?: boolean;
  components?: ActionRow[];
}

/** Renders a reply and sends it; returns the messages sent (to remember follow-up context by id). */
export async function respond(interaction: RepliableInteraction, reply: Reply, options: RespondOptions = {}): Promise<Message[]> {
  return sendMessages(interaction, renderReply(reply, options.components), options.ephemeral ?? false);
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
