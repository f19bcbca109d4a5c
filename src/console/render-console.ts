/**
 * A reply as the console shows it: the same blocks as the plain-text rendering (lead, quotes
 * under their headings, what follows, the note), quotes in quotation marks with a hanging
 * indent, sections named as /sections names them, documents named when several are loaded,
 * and everything wrapped to the terminal's width.
 */
import type { Reply } from '../engine/reply.js';
import { quoteGroups } from '../present/quote-groups.js';
import { PLAIN_LABELS, type QuoteLabels } from '../present/quote-labels.js';
import { wrapText } from './wrap.js';

export function renderConsole(reply: Reply, width: number, labels: QuoteLabels = PLAIN_LABELS): string {
  const blocks: string[] = [...reply.lead];
  for (const group of quoteGroups(reply.passages, labels)) {
    const heading = group.over ? `${group.over} › ${group.title}` : group.title;
    blocks.push([heading, ...group.texts.map((text) => `  “${text}”`)].join('\n'));
  }
  blocks.push(...reply.after, reply.safetyNote);
  return blocks.map((block) => wrapText(block, width)).join('\n\n');
}
