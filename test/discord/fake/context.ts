import type { FakeGateway } from './gateway.js';
import type { InteractionStore } from './interactions.js';
import type { Notifier } from './notifier.js';
import type { FakeWorld } from './world.js';

export interface FakeSettings {
  /** Discord's window for the initial interaction callback (3 s); later callbacks get 10062. */
  interactionAckTimeoutMs: number;
  applicationFlags: number;
  /** GET /gateway/bot's `shards`: the shard count Discord recommends. */
  recommendedShards: number;
  /** session_start_limit.max_concurrency: how many shards may identify at once (Discord: 1 for most bots). */
  maxConcurrency: number;
  /** Gateway URL handed out by GET /gateway/bot (ws://127.0.0.1:PORT/gateway). */
  gatewayUrl(): string;
}

/** Everything a REST route handler may touch. */
export interface FakeContext {
  readonly world: FakeWorld;
  readonly gateway: FakeGateway;
  readonly interactions: InteractionStore;
  readonly notifier: Notifier;
  readonly settings: FakeSettings;
}
