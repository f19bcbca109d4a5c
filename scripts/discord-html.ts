/**
 * Discord messages as HTML, drawn the way Discord's dark theme draws them: the bot's name and
 * APP tag, embeds (colour bar, author line, title, description, fields), Discord's markdown in
 * them (block quotes, bold, `-#` small text, links), buttons, and the "Only you can see this"
 * line of a private reply. For the screenshots in docs/screenshots/ (npm run screenshots).
 */
import type { APIEmbed } from 'discord.js';
import type { ActionRow, OutgoingMessage } from '../src/discord/render.js';

export interface ShownExchange {
  /** What the member did: "used /ask", or the text of their message. */
  invocation: { user: string; command?: string; text?: string };
  messages: OutgoingMessage[];
  ephemeral: boolean;
  botName: string;
}

const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Inline markdown: **bold**, *italic*, [masked](links) and bare https links. */
function inline(text: string): string {
  return escape(text)
    .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[^*])\*([^*\s][^*]*?)\*/g, '$1<em>$2</em>')
    .replace(/\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)/g, '<a href="$2">$1</a>')
    .replace(/(^|[\s(])(https?:\/\/[^\s<)]+[^\s<).,;:!?])/g, '$1<a href="$2">$2</a>');
}

/** Discord's block markdown, line by line: "> " block quotes, "-# " small text, everything else as lines. */
export function markdown(text: string): string {
  const out: string[] = [];
  let quote: string[] = [];
  const flushQuote = (): void => {
    if (quote.length > 0) out.push(`<blockquote>${quote.join('<br>')}</blockquote>`);
    quote = [];
  };
  for (const line of text.split('\n')) {
    if (line.startsWith('> ') || line === '>') {
      quote.push(inline(line.slice(2)));
      continue;
    }
    flushQuote();
    if (line.startsWith('-# ')) out.push(`<div class="subtext">${inline(line.slice(3))}</div>`);
    else if (line.trim() === '') out.push('<div class="gap"></div>');
    else out.push(`<div class="line">${inline(line)}</div>`);
  }
  flushQuote();
  return out.join('');
}

function embedHtml(embed: APIEmbed): string {
  const color = `#${(embed.color ?? 0x202225).toString(16).padStart(6, '0')}`;
  const parts: string[] = [];
  if (embed.author) parts.push(`<div class="author">${inline(embed.author.name)}</div>`);
  if (embed.title) parts.push(`<div class="title">${inline(embed.title)}</div>`);
  if (embed.description) parts.push(`<div class="description">${markdown(embed.description)}</div>`);
  for (const field of embed.fields ?? []) {
    parts.push(
      `<div class="field"><div class="field-name">${inline(field.name)}</div><div class="field-value">${markdown(field.value)}</div></div>`,
    );
  }
  if (embed.footer) parts.push(`<div class="footer">${escape(embed.footer.text)}</div>`);
  return `<div class="embed" style="border-left-color:${color}">${parts.join('')}</div>`;
}

function rowsHtml(rows: ActionRow[]): string {
  return rows
    .map((row) => {
      const buttons = row.components
        .map((component) => ('label' in component && component.label ? `<span class="button">${escape(component.label)}</span>` : ''))
        .join('');
      return `<div class="row">${buttons}</div>`;
    })
    .join('');
}

function messageHtml(message: OutgoingMessage, first: boolean, exchange: ShownExchange): string {
  const header = first
    ? `<div class="header"><span class="name">${escape(exchange.botName)}</span><span class="app">APP</span><span class="time">Today at 14:02</span></div>`
    : '';
  const content = message.content ? `<div class="content">${markdown(message.content)}</div>` : '';
  const embeds = message.embeds.map(embedHtml).join('');
  const only = exchange.ephemeral ? '<div class="ephemeral">👁 Only you can see this • <a>Dismiss message</a></div>' : '';
  return `<div class="message${first ? ' first' : ''}">${first ? '<div class="avatar bot">KG</div>' : ''}<div class="body">${header}${content}${embeds}${rowsHtml(message.components)}${only}</div></div>`;
}

function invocationHtml(exchange: ShownExchange): string {
  const { user, command, text } = exchange.invocation;
  if (command) {
    return `<div class="reply-to"><span class="curve"></span><span class="mini-avatar"></span><span class="who">${escape(user)}</span> used <span class="command">${escape(command)}</span></div>`;
  }
  return `<div class="message first"><div class="avatar user">${escape(user.slice(0, 1).toUpperCase())}</div><div class="body"><div class="header"><span class="name user-name">${escape(user)}</span><span class="time">Today at 14:02</span></div><div class="content">${inline(text ?? '')}</div></div></div>`;
}

export function pageHtml(exchange: ShownExchange): string {
  const messages = exchange.messages.map((message, i) => messageHtml(message, i === 0, exchange)).join('');
  return `<!doctype html><html><head><meta charset="utf-8"><style>${CSS}</style></head><body><main>${invocationHtml(exchange)}${messages}</main></body></html>`;
}

const CSS = `
* { box-sizing: border-box; }
html, body { margin: 0; background: #313338; color: #dbdee1; font-family: "Liberation Sans", "DejaVu Sans", Arial, sans-serif, "Noto Color Emoji"; font-size: 16px; line-height: 1.375; }
main { padding: 12px 0 16px; }
a { color: #00a8fc; text-decoration: none; }
.message { display: flex; padding: 2px 12px 2px 0; }
.message.first { margin-top: 14px; }
.avatar { flex: 0 0 40px; height: 40px; border-radius: 50%; margin: 2px 12px 0 12px; display: flex; align-items: center; justify-content: center; font-weight: 700; color: white; font-size: 15px; }
.avatar.bot { background: #2d7d46; }
.avatar.user { background: #5865f2; }
.message:not(.first) .body { margin-left: 64px; }
.body { min-width: 0; flex: 1; }
.header { display: flex; align-items: baseline; gap: 6px; flex-wrap: wrap; }
.name { color: #f2f3f5; font-weight: 600; }
.user-name { color: #c9cdfb; }
.app { background: #5865f2; color: white; font-size: 10px; font-weight: 700; padding: 1px 4px; border-radius: 3px; align-self: center; }
.time { color: #949ba4; font-size: 12px; }
.content { overflow-wrap: anywhere; }
.embed { margin-top: 4px; background: #2b2d31; border-left: 4px solid; border-radius: 4px; padding: 8px 16px 14px 12px; max-width: 520px; overflow-wrap: anywhere; }
.author { font-size: 14px; font-weight: 600; color: #f2f3f5; margin-top: 8px; }
.title { font-weight: 700; color: #f2f3f5; margin-top: 8px; }
.description, .field-value { font-size: 14px; margin-top: 8px; }
.field { margin-top: 8px; }
.field-name { font-size: 14px; font-weight: 600; color: #f2f3f5; }
.field-value { margin-top: 2px; }
.gap { height: 0.7em; }
blockquote { margin: 0; padding: 0 8px 0 12px; border-left: 4px solid #4e5058; }
.subtext { font-size: 12px; color: #949ba4; line-height: 1.3; }
.footer { margin-top: 8px; font-size: 12px; color: #dbdee1; }
.row { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 8px; }
.button { background: #4e5058; color: white; font-size: 14px; font-weight: 500; border-radius: 3px; padding: 6px 16px; min-height: 32px; display: inline-flex; align-items: center; }
.ephemeral { margin-top: 6px; font-size: 12px; color: #949ba4; }
.reply-to { margin: 14px 0 -10px 28px; color: #b5bac1; font-size: 14px; display: flex; align-items: center; gap: 4px; }
.curve { width: 30px; height: 10px; border-left: 2px solid #4e5058; border-top: 2px solid #4e5058; border-top-left-radius: 6px; margin-top: 8px; }
.mini-avatar { width: 16px; height: 16px; border-radius: 50%; background: #5865f2; display: inline-block; }
.who { color: #c9cdfb; font-weight: 600; }
.command { color: #00a8fc; }
`;
