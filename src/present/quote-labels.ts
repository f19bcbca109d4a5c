/**
 * How a quote is labelled wherever it is shown (Discord and the console): its section as the
 * table of contents names it ("Introduction" for the text before a document's first heading),
 * and its document's title when more than one document is loaded. Built from the engine's
 * table of contents; a passage id's first path segment is its document id.
 */
import type { AnswerEngine } from '../engine/engine.js';
import type { Quote } from '../engine/reply.js';

/** What the table of contents (/sections) calls the text before a document's first heading. */
export const INTRODUCTION = 'Introduction';

type Labelled = Pick<Quote, 'id' | 'section' | 'subsection'>;

export class QuoteLabels {
  /** Whether quotes must say which document they come from. */
  readonly manyDocuments: boolean;

  constructor(private readonly documentTitles: ReadonlyMap<string, string>) {
    this.manyDocuments = documentTitles.size > 1;
  }

  static fromEngine(engine: Pick<AnswerEngine, 'sections'>): QuoteLabels {
    return new QuoteLabels(new Map(engine.sections.map((entry) => [documentIdOf(entry.key), entry.documentTitle])));
  }

  /** The document's title, only when more than one document is loaded (otherwise it goes without saying). */
  document(quote: Labelled): string | undefined {
    return this.manyDocuments ? this.documentTitles.get(documentIdOf(quote.id)) : undefined;
  }

  /** The section's name as /sections lists it. */
  section(quote: Labelled): string {
    return quote.section === this.documentTitles.get(documentIdOf(quote.id)) ? INTRODUCTION : quote.section;
  }

  /** The whole heading on one line: "Document › Section › Subsection" (document only when several). */
  heading(quote: Labelled): string {
    return [this.document(quote), this.section(quote), quote.subsection].filter((part) => part).join(' › ');
  }
}

/** Labels for when nothing is known about the documents: one document, sections as they are. */
export const PLAIN_LABELS = new QuoteLabels(new Map());

export function documentIdOf(passageOrSectionId: string): string {
  const slash = passageOrSectionId.indexOf('/');
  return slash === -1 ? passageOrSectionId : passageOrSectionId.slice(0, slash);
}
