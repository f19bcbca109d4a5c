/**
 * The one place that turns an engine Reply into Discord messages. Every message it returns
 * carries the reply's safety note (as small `-# ` text ending its last embed, or its text),
 * however the reply is split to fit Discord's limits.
 *
 * Quotes are Discord block quotes ("> "), each under a short heading that fits a phone (see
 * present/quote-groups.ts): the subsection as the title, its section (and document, when
 * several are loaded) as the small author line above it.
 */
import type { APIActionRowComponent, APIComponentInMessageActionRow, APIEmbed } from 'discord.js';
import type { Quote, Reply, ReplyKind } from '../engine/reply.js';
import { quoteGroups } from '../present/quote-groups.js';
import { PLAIN_LABELS, type QuoteLabels } from '../present/quote-labels.js';
import { splitText } from './split-text.js';

/** Discord's limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits). */
export const LIMITS = {
  content: 2000,
  title: 256,
  authorName: 256,
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

const COLORS: Record<ReplyKind, number> = {
  answer: 0x2d7d46,
  section: 0x2d7d46,
  safety: 0xf0b232,
  crisis: 0xd83c3e,
  no_match: 0x99aab5,
  help: 0x5865f2,
  contents: 0x5865f2,
  notice: 0x5865f2,
};

/** The note as Discord's small grey text, one `-# ` line per line of the note. */
export function noteAsSubtext(note: string): string {
  return note
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => `-# ${line}`)
    .join('\n');
}

/** A quote as a Discord block quote, paragraph by paragraph. */
export function asBlockQuote(text: string): string {
  return text
    .split('\n')
    .map((line) => (line.trim() === '' ? '' : `> ${line}`))
    .join('\n');
}

/** As embeds: the lead, one embed per quoted (sub)section, what follows, and the note ending each message. */
export function renderReply(reply: Reply, components: ActionRow[] = [], labels: QuoteLabels = PLAIN_LABELS): OutgoingMessage[] {
  const note = noteAsSubtext(reply.safetyNote);
  // Each embed keeps room for the note, which may end up in it.
  const room = LIMITS.description - note.length - 2;
  const color = COLORS[reply.kind];
  const blocks: APIEmbed[] = [];
  // The summary's own title says what the engine's "Safety summary, …" lead line would repeat.
  const lead = (reply.kind === 'safety' ? reply.lead.filter((line) => !line.startsWith(SAFETY_SUMMARY_TITLE)) : reply.lead).join('\n\n');
  const after = reply.after.join('\n\n');
  if (reply.kind === 'safety') {
    if (lead !== '') blocks.push(...textEmbeds(lead, color, room));
    blocks.push(...safetyEmbeds(reply, labels, color, room));
    if (after !== '') appendOrAdd(blocks, after, color, room);
  } else if (reply.passages.length === 0) {
    blocks.push(...textEmbeds([lead, after].filter(Boolean).join('\n\n'), color, room));
  } else {
    if (lead !== '') blocks.push(...textEmbeds(lead, color, room));
    blocks.push(...quoteEmbeds(reply.passages, labels, color, room));
    if (after !== '') appendOrAdd(blocks, after, color, room);
  }
  return packEmbeds(blocks, note, components, color);
}

/** As plain text, for channels where the bot may not embed: the note ends every message. */
export function renderReplyAsText(reply: Reply, components: ActionRow[] = [], labels: QuoteLabels = PLAIN_LABELS): OutgoingMessage[] {
  const note = noteAsSubtext(reply.safetyNote);
  const room = LIMITS.content - note.length - 2;
  const blocks = [
    ...reply.lead,
    ...quoteGroups(reply.passages, labels).map(({ title, over, texts }) =>
      [...(over ? [`-# ${over}`] : []), `**${title}**`, ...texts.map(asBlockQuote)].join('\n'),
    ),
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
    content: text === '' ? note : `${text}\n\n${note}`,
    embeds: [],
    components: i === contents.length - 1 ? components : [],
  }));
}

function quoteEmbeds(quotes: Quote[], labels: QuoteLabels, color: number, room: number): APIEmbed[] {
  return quoteGroups(quotes, labels).flatMap(({ title, over, texts }) =>
    splitText(texts.map(asBlockQuote).join('\n\n'), room).map((description, i) => ({
      ...(i === 0 && over !== undefined && { author: { name: clip(over, LIMITS.authorName) } }),
      title: clip(i === 0 ? title : `${title} (continued)`, LIMITS.title),
      description: i === 0 ? description : continuedQuote(description),
      color,
    })),
  );
}

/** A piece of a long quote split over embeds still reads as a quote. */
function continuedQuote(piece: string): string {
  return piece.startsWith('>') ? piece : `> ${piece}`;
}

/**
 * The safety summary, compact: one embed titled once, each sentence quoted under its
 * (sub)section's name in bold (the note, which ends the description, then comes last; an
 * embed's fields would stand below it).
 */
function safetyEmbeds(reply: Reply, labels: QuoteLabels, color: number, room: number): APIEmbed[] {
  const entries = reply.passages.map((quote) => {
    const name = [labels.document(quote), quote.subsection ?? labels.section(quote)].filter(Boolean).join(' › ');
    return `**${name}**\n${asBlockQuote(quote.text)}`;
  });
  return splitText(entries.join('\n\n'), room).map((description, i) => ({
    ...(i === 0 && { title: SAFETY_SUMMARY_TITLE }),
    description: i === 0 ? description : continuedQuote(description),
    color,
  }));
}

function textEmbeds(text: string, color: number, room: number): APIEmbed[] {
  return splitText(text, room).map((description) => ({ description, color }));
}

/** Adds text under the last embed when it fits there, else as its own embed. */
function appendOrAdd(blocks: APIEmbed[], text: string, color: number, room: number): void {
  const last = blocks[blocks.length - 1];
  if (last?.description !== undefined && last.description.length + 2 + text.length <= room) {
    last.description = `${last.description}\n\n${text}`;
  } else {
    blocks.push(...textEmbeds(text, color, room));
  }
}

export function embedSize(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0)
  );
}

/** Fills messages in order, keeping room in each for the note, which ends every message's last embed. */
function packEmbeds(blocks: APIEmbed[], note: string, components: ActionRow[], color: number): OutgoingMessage[] {
  const noteSize = note.length + 2;
  const messages: APIEmbed[][] = [];
  let current: APIEmbed[] = [];
  let size = noteSize;
  for (const block of blocks) {
    const full = current.length + 1 > LIMITS.embedsPerMessage || size + embedSize(block) > LIMITS.embedCharacters;
    if (full && current.length > 0) {
      messages.push(current);
      current = [];
      size = noteSize;
    }
    current.push(block);
    size += embedSize(block);
  }
  messages.push(current);
  return messages.map((embeds, i) => ({ embeds: withNote(embeds, note, color), components: i === messages.length - 1 ? components : [] }));
}

function withNote(embeds: APIEmbed[], note: string, color: number): APIEmbed[] {
  const last = embeds[embeds.length - 1];
  if (!last) return [{ description: note, color }];
  const description = last.description ? `${last.description}\n\n${note}` : note;
  return [...embeds.slice(0, -1), { ...last, description }];
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
