/**
 * The reply model every surface renders, and the one function that makes a reply: it always
 * carries the safety note, so no path (answer, lookup, help, refusal, error) can leave it out.
 */

import type { Coverage } from '../corpus/examples.js';
import type { RiskLevel } from './risk.js';
import type { Trace } from './trace.js';

/** The kinds the answer engine gives a question (the JSON contract's `kind`). */
export type AnswerKind = 'answer' | 'no_match' | 'crisis' | 'help';
/** Every kind of reply, including lookups and notices that are not answers to a question. */
export type ReplyKind = AnswerKind | 'section' | 'contents' | 'safety' | 'notice';

export interface Quote {
  /** The passage's stable id. */
  id: string;
  section: string;
  subsection: string | null;
  /** Verbatim from the corpus; "…" marks sentences left out. */
  text: string;
  /** Relevance, rounded; 0 for lookups. */
  score: number;
}

/** What a follow-up needs to know about the exchange before it. Kept only in memory. */
export interface ConversationContext {
  /** The question (or combined question) the previous answer answered. */
  question: string;
  /** Passages already shown in this exchange, in order. */
  shownIds: string[];
  /** The previous reply said the article does not cover the question: "more" has nothing to add. */
  notCovered?: boolean;
  /** Someone in this conversation may be in danger: every later reply keeps the urgent line first. */
  crisis?: boolean;
}

export interface Reply {
  kind: ReplyKind;
  /** What was asked, as given (trimmed). */
  question: string;
  /** Said before the quotes: urgent guidance first on a crisis, "not covered" statements. */
  lead: string[];
  /** The quoted passages, best first (the JSON contract's `passages`). */
  passages: Quote[];
  /** Said after the quotes: where else to look, how to ask. */
  after: string[];
  safetyNote: string;
  /** For follow-ups; present on answers. */
  context?: ConversationContext;
  /** Further passages worth offering ("other passages"), best first. */
  alternativeIds?: string[];
  /** On answers: whether the article covers the question fully or only in general. */
  coverage?: Coverage;
  /** On not-covered replies: the topic recognised (a key of `corpus/topics.json`). */
  topic?: string;
  /** How much danger the message shows; on every reply to a question. */
  risk?: RiskLevel;
  /** How the reply was decided, for `--explain`; never shown to members. */
  trace?: Trace;
}

export type ReplyFields = Omit<Reply, 'safetyNote' | 'lead' | 'passages' | 'after'> & Partial<Pick<Reply, 'lead' | 'passages' | 'after'>>;

/** Builds a reply; the only place that does, and it always adds the note. */
export function makeReply(fields: ReplyFields, safetyNote: string): Reply {
  return { lead: [], passages: [], after: [], ...fields, safetyNote };
}

/** The heading a quote stands under: "Section › Subsection". */
export function quoteHeading(quote: Pick<Quote, 'section' | 'subsection'>): string {
  return quote.subsection ? `${quote.section} › ${quote.subsection}` : quote.section;
}
