/**
 * Private "Ask Kratom Guide" answers that their asker may still post publicly, held in memory
 * only (a restart forgets them) for an hour, each taken at most once.
 */
import type { Reply } from '../engine/reply.js';

export const PUBLIC_POST_PREFIX = 'kgp:';
const HOLD_MS = 60 * 60_000;
const MAX_HELD = 1_000;

export interface HeldAnswer {
  reply: Reply;
  channelId: string;
  /** The message the answer is about, which the public post replies to. */
  targetMessageId: string;
}

export class PublicPosts {
  private readonly held = new Map<string, HeldAnswer & { until: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Holds an answer under a key; returns the custom id of its "Post publicly" button. */
  hold(key: string, answer: HeldAnswer): string {
    const now = this.now();
    for (const [k, entry] of this.held) if (entry.until <= now || this.held.size >= MAX_HELD) this.held.delete(k);
    this.held.set(key, { ...answer, until: now + HOLD_MS });
    return PUBLIC_POST_PREFIX + key;
  }

  /** The answer a "Post publicly" button stands for, once; undefined when expired, forgotten or already taken. */
  take(customId: string): HeldAnswer | undefined {
    const key = customId.slice(PUBLIC_POST_PREFIX.length);
    const entry = this.held.get(key);
    this.held.delete(key);
    if (!entry || entry.until <= this.now()) return undefined;
    return entry;
  }
}

export function isPublicPostButton(customId: string): boolean {
  return customId.startsWith(PUBLIC_POST_PREFIX);
}
