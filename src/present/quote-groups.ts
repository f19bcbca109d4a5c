/**
 * Quotes grouped for display: consecutive quotes of one (sub)section under one heading. The
 * heading is short enough for a phone: the subsection's title, with its section (and document,
 * when several are loaded) as a small line over it, left out when the group before already
 * said it, so `/section Potential Considerations` does not repeat its name on every block.
 */
import type { Quote } from '../engine/reply.js';
import { documentIdOf, type QuoteLabels } from './quote-labels.js';

export interface QuoteGroup {
  /** The subsection's title, or the section's when the quote is not in a subsection. */
  title: string;
  /** "Document › Section" over the title, when it is news; undefined when it goes without saying. */
  over: string | undefined;
  /** The quoted texts, verbatim, in order. */
  texts: string[];
  /** Their passage ids. */
  ids: string[];
}

/** A document's title over a quote is cut to this, at a word, so the line fits a phone. */
export const DOCUMENT_TITLE_MAX = 40;

export function shortened(title: string | undefined, max: number): string | undefined {
  if (title === undefined || title.length <= max) return title;
  const cut = title.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:–-]+$/, '')}…`;
}

export function quoteGroups(quotes: Quote[], labels: QuoteLabels): QuoteGroup[] {
  const groups: (QuoteGroup & { key: string })[] = [];
  let previousPath: string | undefined;
  let previousDocument: string | undefined;
  for (const quote of quotes) {
    const key = `${documentIdOf(quote.id)}\0${quote.section}\0${quote.subsection ?? ''}`;
    const last = groups[groups.length - 1];
    if (last?.key === key) {
      last.texts.push(quote.text);
      last.ids.push(quote.id);
      continue;
    }
    const section = labels.section(quote);
    const document = shortened(labels.document(quote), DOCUMENT_TITLE_MAX);
    const path = [document, section].filter(Boolean).join(' › ');
    const over = quote.subsection ? (path !== previousPath ? path : undefined) : document !== previousDocument ? document : undefined;
    groups.push({ key, title: quote.subsection ?? section, over, texts: [quote.text], ids: [quote.id] });
    previousPath = path;
    previousDocument = document;
  }
  return groups.map(({ title, over, texts, ids }) => ({ title, over, texts, ids }));
}
