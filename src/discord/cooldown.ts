/** A per-user wait between questions. In memory; forgets users whose wait is over. */
export type CooldownResult = { ok: true } | { ok: false; retryAfterMs: number; firstRefusal: boolean };

export class Cooldown {
  private readonly until = new Map<string, { until: number; refused: boolean }>();
  private readonly now: () => number;

  constructor(
    readonly seconds: number,
    now: () => number = Date.now,
  ) {
    this.now = now;
  }

  /** Starts the user's wait (`seconds`: a server's own cooldown), or says how long is left (and whether they were already told). */
  take(userId: string, seconds: number = this.seconds): CooldownResult {
    if (seconds <= 0) return { ok: true };
    const now = this.now();
    const entry = this.until.get(userId);
    if (entry && entry.until > now) {
      const firstRefusal = !entry.refused;
      entry.refused = true;
      return { ok: false, retryAfterMs: entry.until - now, firstRefusal };
    }
    if (this.until.size >= 10_000) this.sweep(now);
    this.until.set(userId, { until: now + seconds * 1000, refused: false });
    return { ok: true };
  }

  private sweep(now: number): void {
    for (const [userId, entry] of this.until) if (entry.until <= now) this.until.delete(userId);
  }
}

export function cooldownText(retryAfterMs: number): string {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return `You're asking quickly. Please wait ${seconds} second${seconds === 1 ? '' : 's'} before your next question.`;
}
