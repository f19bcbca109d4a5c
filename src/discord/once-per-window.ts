/** Lets something happen once per key per time window: in memory, forgetting keys whose window is over. */
export class OncePerWindow {
  private readonly last = new Map<string, number>();

  constructor(
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether it may happen now for this key (and if so, its window starts). */
  allow(key: string): boolean {
    const now = this.now();
    const previous = this.last.get(key);
    if (previous !== undefined && now - previous < this.windowMs) return false;
    if (this.last.size >= 10_000) for (const [k, at] of this.last) if (now - at >= this.windowMs) this.last.delete(k);
    this.last.set(key, now);
    return true;
  }
}
