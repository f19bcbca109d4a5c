/**
 * Counts kept in memory and written to the database in one go, on an interval and at shutdown,
 * so that counting never waits on a write. Writes run one after another, in order.
 *
 * ```ts
 * class Visits extends BufferedCounts<{ day: string; count: number }> {
 *   protected async write(batch) { ...insert or add each entry's count... }
 * }
 * visits.add(`2026-12-03`, () => ({ day: '2026-12-03' })); // count 1, or +1 if already pending
 * ```
 */
export abstract class BufferedCounts<Entry extends { count: number }> {
  private pending = new Map<string, Entry>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  /** Flushes on an interval until {@link stop}. */
  start(intervalMs = 60_000): void {
    this.timer ??= setInterval(() => void this.flush().catch(() => undefined), intervalMs).unref();
  }

  /** Adds one to the pending entry with this id, made by `entry` the first time. */
  protected add(id: string, entry: () => Omit<Entry, 'count'>): void {
    const pending = this.pending.get(id);
    if (pending) pending.count += 1;
    else this.pending.set(id, { ...entry(), count: 1 } as Entry);
  }

  /** Writes what was counted since the last flush (after any write still running). */
  flush(): Promise<void> {
    const batch = [...this.pending.values()];
    this.pending = new Map();
    const run = this.flushing.then(() => this.write(batch));
    this.flushing = run.catch(() => undefined);
    return run;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.flush();
  }

  /** Adds a batch (possibly empty) to the database. */
  protected abstract write(batch: Entry[]): Promise<void>;
}
