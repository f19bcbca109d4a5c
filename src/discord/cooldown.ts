/**
 * A per-user wait between questions. Only questions count: lookups, help, the buttons under
 * the bot's own answers, "tell me more" reading on, and any message that sounds like a crisis
 * are never held back.
 * In memory; forgets users whose wait is over.
 */
import type { ConversationContext, Reply } from '../engine/reply.js';

export type CooldownResult = { ok: true } | { ok: false; retryAfterMs: number };

export class Cooldown {
  private readonly until = new Map<string, number>();
  private readonly now: () => number;

  constructor(
    readonly seconds: number,
    now: () => number = Date.now,
  ) {
    this.now = now;
  }

  /** Starts the user's wait (`seconds`: a server's own cooldown, else the deployment's), or says how long is left. */
  take(userId: string, seconds: number = this.seconds): CooldownResult {
    if (seconds <= 0) return { ok: true };
    const now = this.now();
    const until = this.until.get(userId);
    if (until !== undefined && until > now) return { ok: false, retryAfterMs: until - now };
    if (this.until.size >= 10_000) this.sweep(now);
    this.until.set(userId, now + seconds * 1000);
    return { ok: true };
  }

  private sweep(now: number): void {
    for (const [userId, until] of this.until) if (until <= now) this.until.delete(userId);
  }
}

export function cooldownText(retryAfterMs: number): string {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return `You're asking quickly. Please wait ${seconds} second${seconds === 1 ? '' : 's'} before your next question.`;
}

/**
 * Whether a reply answers a question the cooldown holds back: an answer or a not-covered reply,
 * never help or a crisis, and not "tell me more" continuing the exchange before (`previous`),
 * which is reading on, like the "More from" button.
 */
export function countsAsQuestion(reply: Pick<Reply, 'kind' | 'context'>, previous?: ConversationContext): boolean {
  if (reply.kind !== 'answer' && reply.kind !== 'no_match') return false;
  return !(previous && reply.context && continues(reply.context, previous));
}

/** A continuation keeps the question it continues and adds to what was shown. */
function continues(next: ConversationContext, previous: ConversationContext): boolean {
  return next.question === previous.question && previous.shownIds.length > 0 && previous.shownIds.every((id, i) => next.shownIds[i] === id);
}

/** The sign a held-back message in a channel gets instead of a reply or a DM. */
export const COOLDOWN_REACTION = '⏳';
