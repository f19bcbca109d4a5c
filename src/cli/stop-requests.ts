/**
 * When a long-running process (the bot, the shard manager) is asked to stop: SIGTERM or SIGINT,
 * or its parent disappearing. Under `npm start` a signal may reach npm, its shell or this
 * process, and a terminal's Ctrl-C reaches all of them at once: every path ends in one call of
 * `stop`, and repeated signals do not cut a graceful stop short.
 */

export type StopReason = 'SIGTERM' | 'SIGINT' | 'parent_exited';

export interface StopRequestOptions {
  /** How often to check that the parent is alive (default 1 s). */
  parentCheckMs?: number;
}

/** Calls `stop` once, on the first stop request; later ones are ignored. */
export function onStopRequest(stop: (reason: StopReason) => void, options: StopRequestOptions = {}): void {
  let requested = false;
  const request = (reason: StopReason): void => {
    if (requested) return;
    requested = true;
    stop(reason);
  };
  // `on`, not `once`: a second signal (npm forwarding the Ctrl-C the terminal already sent) must not
  // reach Node's default handler, which would kill the process in the middle of its graceful stop.
  process.on('SIGTERM', () => request('SIGTERM'));
  process.on('SIGINT', () => request('SIGINT'));
  watchParent(() => request('parent_exited'), options.parentCheckMs ?? 1_000);
}

/**
 * A process whose parent died is re-parented (to init or a subreaper): if the shell or npm that
 * started it is killed, it stops instead of running on as an orphan nobody will signal.
 */
function watchParent(onExited: () => void, intervalMs: number): void {
  const parent = process.ppid;
  if (parent <= 1) return; // started by init or as PID 1 (a container): nothing to watch
  const timer = setInterval(() => {
    if (process.ppid !== parent) {
      clearInterval(timer);
      onExited();
    }
  }, intervalMs);
  timer.unref();
}
