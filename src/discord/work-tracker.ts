/** Replies in flight, so a shutdown can stop taking new work and still finish them. */
export class WorkTracker {
  private open = true;
  private readonly inFlight = new Set<Promise<void>>();

  get accepting(): boolean {
    return this.open;
  }

  get pending(): number {
    return this.inFlight.size;
  }

  /** Runs a handler and keeps track of it until it settles; it must catch its own errors. */
  run(handler: () => Promise<void>): Promise<void> {
    const task = handler().finally(() => this.inFlight.delete(task));
    this.inFlight.add(task);
    return task;
  }

  /** Stops taking new work and waits for what is in flight, at most `timeoutMs`. */
  async close(timeoutMs: number): Promise<void> {
    this.open = false;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    });
    while (this.inFlight.size > 0) {
      const settled = Promise.allSettled([...this.inFlight]).then(() => 'settled' as const);
      if ((await Promise.race([settled, timeout.then(() => 'timeout' as const)])) === 'timeout') break;
    }
    clearTimeout(timer);
  }
}
