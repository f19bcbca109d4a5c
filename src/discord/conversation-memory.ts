/**
 * The previous exchange of a conversation, for follow-ups ("tell me more"). In memory only,
 * bounded in size (least recently used goes first) and in age; nothing is written anywhere.
 */
import type { ConversationContext } from '../engine/reply.js';

export interface MemoryOptions {
  maxEntries: number;
  maxAgeMs: number;
  now?: () => number;
}

export const DEFAULT_MEMORY: MemoryOptions = { maxEntries: 5_000, maxAgeMs: 30 * 60_000 };

export class ConversationMemory {
  private readonly entries = new Map<string, { context: ConversationContext; at: number }>();
  private readonly now: () => number;

  constructor(private readonly options: MemoryOptions = DEFAULT_MEMORY) {
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: string): ConversationContext | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (this.now() - entry.at > this.options.maxAgeMs) return undefined;
    this.entries.set(key, entry); // most recently used last
    return entry.context;
  }

  set(key: string, context: ConversationContext): void {
    this.entries.delete(key);
    this.entries.set(key, { context, at: this.now() });
    while (this.entries.size > this.options.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  clear(): void {
    this.entries.clear();
  }
}
