/**
 * The privileged Message Content intent: needed to read messages in an ask channel that do
 * not mention the bot. The bot asks for it only when the application has it switched on
 * (Discord would otherwise close the connection with 4014), and says how to switch it on.
 */
import { ApplicationFlags, REST, Routes, type APIApplication } from 'discord.js';

/** Discord's flags for "Message Content Intent" switched on (verified apps, or below 100 servers). */
const MESSAGE_CONTENT_FLAGS = ApplicationFlags.GatewayMessageContent | ApplicationFlags.GatewayMessageContentLimited;

export function allowsMessageContent(flags: number | undefined): boolean {
  return ((flags ?? 0) & MESSAGE_CONTENT_FLAGS) !== 0;
}

/** Asks Discord whether the application has the intent switched on (GET /applications/@me). */
export async function applicationAllowsMessageContent({ token, apiUrl }: { token: string; apiUrl?: string | undefined }): Promise<boolean> {
  const rest = new REST(apiUrl ? { api: apiUrl } : {}).setToken(token);
  const application = (await rest.get(Routes.currentApplication())) as APIApplication;
  return allowsMessageContent(application.flags);
}

export const TURN_ON_MESSAGE_CONTENT =
  'To answer messages that do not mention me, I need the **Message Content** intent, which is switched off for this bot. The bot’s owner turns it on in the Discord Developer Portal → the application → **Bot** → **Privileged Gateway Intents** → **Message Content Intent** (free for bots in fewer than 100 servers; larger bots apply for it), then restarts me. Until then, people here can mention me or use /ask.';

/** Said in an ask channel when messages arrive without their text. */
export const ASK_CHANNEL_UNREADABLE =
  'I can’t read messages in this channel yet, so I can’t answer them here: mention me, or use /ask. (Moderators: /setup show says how to fix this.)';
