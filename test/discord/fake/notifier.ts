/**
 * Bounded waiting on fake state: every mutation calls `changed()`, and waiters re-check their
 * predicate. Every wait has a timeout and rejects with a descriptive message; `close()` rejects
 * all pending waits so no timer outlives the fake.
 */
interface Waiter {
  check(): boolean;
  fail(error: Error): void;
}

export class Notifier {
  private readonly waiters = new Set<Waiter>();
  private closed = false;

  changed(): void {
    for (const waiter of [...this.waiters]) waiter.check();
  }

  /**
   * Resolves with the first non-undefined value of `probe`, re-evaluated after every change.
   * `describe` is called on timeout to explain what was awaited and what state was seen.
   */
  waitFor<T>(probe: () => T | undefined, timeoutMs: number, describe: () => string): Promise<T> {
    if (this.closed) return Promise.reject(new Error(`Fake Discord is closed; cannot wait for ${describe()}`));
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter = {
        check: () => {
          const value = probe();
          if (value === undefined) return false;
          finish();
          resolve(value);
          return true;
        },
        fail: (error) => {
          finish();
          reject(error);
        },
      };
      const timer = setTimeout(() => waiter.fail(new Error(`Timed out after ${timeoutMs} ms waiting for ${describe()}`)), timeoutMs);
      const finish = (): void => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
      };
      this.waiters.add(waiter);
      waiter.check();
    });
  }

  close(): void {
    this.closed = true;
    for (const waiter of [...this.waiters]) waiter.fail(new Error('Fake Discord was closed while waiting'));
  }
}
