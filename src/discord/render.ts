/**
 * The one place that turns an engine Reply into Discord messages. Every message it returns
 * carries the reply's safety note unchanged (in its last embed, or in its text), however the
 * reply is split to fit Discord's limits.
 */
import type { APIActionRowComponent, APIComponentInMessageActionRow, APIEmbed } from 'discord.js';
import { quoteHeading, type Reply, type ReplyKind } from '../engine/reply.js';
import { splitText } from './split-text.js';

/** Discord's limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits). */
export const LIMITS = {
  content: 2000,
  title: 256,
  description: 4096,
  embedsPerMessage: 10,
  /** Sum of every embed's title, description, fields, footer and author in one message. */
  embedCharacters: 6000,
} as const;

export type ActionRow = APIActionRowComponent<APIComponentInMessageActionRow>;

export interface OutgoingMessage {
  content?: string;
  embeds: APIEmbed[];
  components: ActionRow[];
}

/** The title of the summary /safety shows and /pin-safety pins; how the bot finds its old pin. */
export const SAFETY_SUMMARY_TITLE = 'Safety summary';

const COLORS: Record<ReplyKind | 'note', number> = {
  answer: 0x2d7d46,
  section: 0x2d7d46,
  safety: 0xf0b232,
  crisis: 0xd83c3e,
  no_match: 0x99aab5,
  help: 0x5865f2,
  contents: 0x5865f2,
  notice: 0x5865f2,
  note: 0xf0b232,
};

/** As embeds: the lead, one embed per quote headed "Section › Subsection", what follows, the note. */
export function renderReply(reply: Reply, components: ActionRow[] = []): OutgoingMessage[] {
  const note: APIEmbed = { description: reply.safetyNote, color: COLORS.note };
  const color = COLORS[reply.kind];
  const blocks: APIEmbed[] = [];
  const leadTitle = reply.kind === 'safety' ? SAFETY_SUMMARY_TITLE : undefined;
  if (reply.lead.length > 0) blocks.push(...textEmbeds(reply.lead.join('\n\n'), color, leadTitle));
  for (const quote of reply.passages) {
    blocks.push(...textEmbeds(quote.text, color, quoteHeading(quote)));
  }
  if (reply.after.length > 0) blocks.push(...textEmbeds(reply.after.join('\n\n'), color));
  return packEmbeds(blocks, note, components);
}

/** As plain text, for channels where the bot may not embed: the note ends every message. */
export function renderReplyAsText(reply: Reply, components: ActionRow[] = []): OutgoingMessage[] {
  const room = LIMITS.content - reply.safetyNote.length - 2;
  const blocks = [
    ...reply.lead,
    ...reply.passages.map((quote) => `**${quoteHeading(quote)}**\n${quote.text}`),
    ...reply.after,
  ].flatMap((block) => splitText(block, room));
  const contents: string[] = [];
  let current = '';
  for (const block of blocks) {
    if (current !== '' && current.length + 2 + block.length > room) {
      contents.push(current);
      current = '';
    }
    current = current === '' ? block : `${current}\n\n${block}`;
  }
  if (current !== '' || contents.length === 0) contents.push(current);
  return contents.map((text, i) => ({
    content: text === '' ? reply.safetyNote : `${text}\n\n${reply.safetyNote}`,
    embeds: [],
    components: i === contents.length - 1 ? components : [],
  }));
}

function textEmbeds(text: string, color: number, title?: string): APIEmbed[] {
  const heading = title === undefined ? undefined : clip(title, LIMITS.title);
  return splitText(text, LIMITS.description).map((description, i) => ({
    ...(heading !== undefined && { title: i === 0 ? heading : clip(`${heading} (continued)`, LIMITS.title) }),
    description,
    color,
  }));
}

function embedSize(embed: APIEmbed): number {
  return (embed.title?.length ?? 0) + (embed.description?.length ?? 0);
}

/** Fills messages in order, keeping room in each for the note, which ends every message. */
function packEmbeds(blocks: APIEmbed[], note: APIEmbed, components: ActionRow[]): OutgoingMessage[] {
  const messages: APIEmbed[][] = [];
  let current: APIEmbed[] = [];
  let size = embedSize(note);
  for (const block of blocks) {
    const full = current.length + 2 > LIMITS.embedsPerMessage || size + embedSize(block) > LIMITS.embedCharacters;
    if (full && current.length > 0) {
      messages.push(current);
      current = [];
      size = embedSize(note);
    }
    current.push(block);
    size += embedSize(block);
  }
  messages.push(current);
  return messages.map((embeds, i) => ({ embeds: [...embeds, note], components: i === messages.length - 1 ? components : [] }));
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
