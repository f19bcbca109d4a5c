/**
 * Interaction load driver: dispatches `count` slash commands at `ratePerSecond` through the fake
 * gateway and measures, per interaction, dispatch → first callback received by the fake.
 */
import type { CommandOptionsInput, FakeDiscord, UserKey } from './fake-discord.js';

export interface InteractionLoadOptions {
  fake: FakeDiscord;
  count: number;
  ratePerSecond: number;
  commandName: string;
  options?: CommandOptionsInput;
  user?: UserKey;
  channelId?: string;
  /** How long to wait for each first response. Default 3000 ms (Discord's acknowledgement window). */
  responseTimeoutMs?: number;
}

export interface InteractionLoadResult {
  count: number;
  responded: number;
  /** Interactions with no accepted callback within responseTimeoutMs. */
  noResponse: number;
  /** Callback attempts the fake refused (e.g. 10062 after the 3 s window). */
  rejectedCallbacks: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  meanMs: number;
  /** Sorted latencies of the interactions that got a response. */
  latenciesMs: number[];
  /** From first dispatch to last settled response. */
  durationMs: number;
  achievedRatePerSecond: number;
}

/** Nearest-rank percentile of an ascending array (NaN when empty). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(Math.max(rank, 1), sorted.length) - 1] ?? Number.NaN;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const round = (ms: number): number => Math.round(ms * 100) / 100;

export async function runInteractionLoad(opts: InteractionLoadOptions): Promise<InteractionLoadResult> {
  const { fake, count, ratePerSecond } = opts;
  if (count < 1 || ratePerSecond <= 0) throw new Error('count must be ≥ 1 and ratePerSecond > 0');
  const timeoutMs = opts.responseTimeoutMs ?? 3_000;
  const intervalMs = 1000 / ratePerSecond;
  await fake.waitForSession();

  const started = performance.now();
  let lastDispatch = started;
  const pending: Array<Promise<number | undefined>> = [];
  const tokens: string[] = [];
  for (let i = 0; i < count; i++) {
    const due = started + i * intervalMs; // absolute schedule: no drift from slow iterations
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const handle = await fake.slashCommand({
      name: opts.commandName,
      ...(opts.options ? { options: opts.options } : {}),
      ...(opts.user ? { user: opts.user } : {}),
      ...(opts.channelId ? { channelId: opts.channelId } : {}),
    });
    lastDispatch = performance.now();
    tokens.push(handle.token);
    pending.push(
      handle.waitForResponse(timeoutMs).then(
        (cb) => cb.latencyMs,
        () => undefined,
      ),
    );
  }
  const results = await Promise.all(pending);
  const durationMs = performance.now() - started;

  const latencies = results.filter((ms): ms is number => ms !== undefined).sort((a, b) => a - b);
  const ours = new Set(tokens);
  const rejectedCallbacks = fake
    .interactions()
    .filter((r) => ours.has(r.token))
    .reduce((sum, r) => sum + r.rejectedCallbacks.length, 0);
  const dispatchSpan = Math.max(lastDispatch - started, 1);
  return {
    count,
    responded: latencies.length,
    noResponse: count - latencies.length,
    rejectedCallbacks,
    p50Ms: round(percentile(latencies, 50)),
    p99Ms: round(percentile(latencies, 99)),
    maxMs: round(latencies.at(-1) ?? Number.NaN),
    meanMs: round(latencies.reduce((a, b) => a + b, 0) / Math.max(latencies.length, 1)),
    latenciesMs: latencies.map(round),
    durationMs: round(durationMs),
    achievedRatePerSecond: count > 1 ? round(((count - 1) * 1000) / dispatchSpan) : Number.NaN,
  };
}
