/**
 * The answer buttons ("More from <section>", "Other passages") and their custom ids. A
 * button keeps its whole state in its id, so it works after a restart and on any shard:
 * `kg:<action>:<corpus fingerprint>:<passage ordinals in base 36, dot-separated>`. The
 * fingerprint changes with the corpus, so a button from before an edit gets a polite notice
 * instead of the wrong passages.
 */
import { createHash } from 'node:crypto';
import { ButtonStyle, ComponentType, type APIButtonComponentWithCustomId } from 'discord.js';
import type { AnswerEngine } from '../engine/engine.js';
import { quoteHeading, type ConversationContext, type Reply } from '../engine/reply.js';
import { QuoteLabels } from '../present/quote-labels.js';
import type { ActionRow } from './render.js';

export const CUSTOM_ID_MAX = 100;
const BUTTON_LABEL_MAX = 80;
const BUTTONS_PER_ROW = 5;
const PREFIX = 'kg';
/** "Other passages" shows this many at a time and offers the rest again. */
export const OTHER_PAGE = 3;

export type ButtonAction = { action: 'more'; ids: string[] } | { action: 'other'; ids: string[] };
export type DecodedButton = ButtonAction | { action: 'stale' } | { action: 'unknown' };

const CODES = { more: 'm', other: 'o' } as const;

export class ButtonCodec {
  readonly fingerprint: string;
  private readonly ids: string[];
  private readonly ordinals: Map<string, number>;

  constructor(
    private readonly engine: AnswerEngine,
    private readonly labels: QuoteLabels = QuoteLabels.fromEngine(engine),
  ) {
    this.ids = engine.passageIds();
    this.ordinals = new Map(this.ids.map((id, i) => [id, i]));
    const hash = createHash('sha256');
    for (const id of this.ids) hash.update(`${id}\0${engine.passage(id)?.text ?? ''}\0`);
    this.fingerprint = hash.digest('base64url').slice(0, 8);
  }

  /** Encodes passage ids, dropping the oldest when they do not all fit in Discord's 100 characters. */
  encode({ action, ids }: ButtonAction): string {
    const head = `${PREFIX}:${CODES[action]}:${this.fingerprint}:`;
    const ordinals = ids
      .map((id) => this.ordinals.get(id))
      .filter((n): n is number => n !== undefined)
      .map((n) => n.toString(36));
    while (ordinals.length > 1 && head.length + ordinals.join('.').length > CUSTOM_ID_MAX) {
      // For "more" the newest ids matter (they decide what comes next); for "other", the first.
      if (action === 'more') ordinals.shift();
      else ordinals.pop();
    }
    return head + ordinals.join('.');
  }

  decode(customId: string): DecodedButton {
    const match = /^kg:([mo]):([\w-]+):([0-9a-z]+(?:\.[0-9a-z]+)*)$/.exec(customId);
    if (!match) return { action: 'unknown' };
    const [, code, fingerprint, list] = match as unknown as [string, string, string, string];
    if (fingerprint !== this.fingerprint) return { action: 'stale' };
    const ids = list.split('.').map((n) => this.ids[parseInt(n, 36)]);
    if (ids.some((id) => id === undefined)) return { action: 'stale' };
    return { action: code === 'm' ? 'more' : 'other', ids: ids as string[] };
  }

  /**
   * The buttons under an answer: one "More from <section>" for each quoted section that has
   * more to read (so the label says which section it continues), and "Other passages" when
   * there are other passages.
   */
  buttonsFor(reply: Reply, otherIds: string[] = reply.alternativeIds ?? []): ActionRow[] {
    // A crisis reply is urgent guidance, not a place to browse: no buttons under it.
    if (reply.kind === 'crisis') return [];
    const buttons: APIButtonComponentWithCustomId[] = [];
    if (reply.context) {
      for (const { name, ids } of this.sectionsWithMore(reply.context.shownIds)) {
        buttons.push(button(this.encode({ action: 'more', ids }), clip(`More from ${name}`, BUTTON_LABEL_MAX)));
      }
    }
    if (otherIds.length > 0) {
      buttons.push(button(this.encode({ action: 'other', ids: otherIds }), 'Other passages'));
    }
    return buttons.length === 0 ? [] : [{ type: ComponentType.ActionRow, components: buttons.slice(0, BUTTONS_PER_ROW) }];
  }

  /**
   * The sections among the passages shown that still have unshown passages, in the order
   * first shown; for each, the shown ids reordered so that one of its passages comes last
   * (what "more" continues from).
   */
  sectionsWithMore(shownIds: string[]): { name: string; ids: string[] }[] {
    const shown = new Set(shownIds);
    const found: { name: string; ids: string[] }[] = [];
    const seen = new Set<string>();
    for (const id of shownIds) {
      const passage = this.engine.passage(id);
      if (!passage) continue;
      const key = `${passage.documentId}\0${passage.section}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const inSection = (other: string) => {
        const p = this.engine.passage(other);
        return p !== undefined && p.documentId === passage.documentId && p.section === passage.section;
      };
      if (!this.ids.some((other) => !shown.has(other) && inSection(other))) continue;
      const name = this.labels.section(passage);
      found.push({ name, ids: [...shownIds.filter((other) => !inSection(other)), ...shownIds.filter(inSection)] });
    }
    return found;
  }

  /**
   * The context a bot answer carries in its "more" button, for a follow-up after a restart:
   * the passages shown, and their headings standing in for the question (which is not kept).
   */
  contextFromCustomIds(customIds: string[]): ConversationContext | undefined {
    for (const customId of customIds) {
      const decoded = this.decode(customId);
      if (decoded.action !== 'more') continue;
      const headings = decoded.ids
        .map((id) => this.engine.passage(id))
        .filter((p) => p !== undefined)
        .map((p) => quoteHeading(p));
      return { question: [...new Set(headings)].join(' '), shownIds: decoded.ids };
    }
    return undefined;
  }
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function button(customId: string, label: string): APIButtonComponentWithCustomId {
  return { type: ComponentType.Button, style: ButtonStyle.Secondary, custom_id: customId, label };
}
