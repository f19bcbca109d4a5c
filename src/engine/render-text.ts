/** Renders a reply as plain text, the way the console prints it (and the JSON `reply` field). */
import { quoteHeading, type Reply } from './reply.js';

export function renderText(reply: Reply): string {
  const blocks: string[] = [...reply.lead];
  for (const quote of reply.passages) {
    blocks.push(`${quoteHeading(quote)}\n  “${quote.text}”`);
  }
  blocks.push(...reply.after);
  blocks.push(reply.safetyNote);
  return blocks.join('\n\n');
}
