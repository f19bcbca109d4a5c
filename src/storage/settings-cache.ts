/**
 * Server settings in memory, read through to the database: a server's first read loads it
 * (or learns it has none), later reads cost a map lookup, and every write replaces the
 * cached copy with what was saved. One process owns a server's events (Discord sends them
 * to one shard), so its cache stays right; another process (after resharding, or a restart)
 * reads the database afresh.
 */
import { DEFAULT_GUILD_SETTINGS, type GuildSettings, type GuildSettingsStore } from './guild-settings.js';

export interface SettingsChange {
  before: GuildSettings;
  after: GuildSettings;
}

export class GuildSettingsCache {
  private readonly cached = new Map<string, GuildSettings>();
  private readonly loading = new Map<string, Promise<GuildSettings>>();

  constructor(private readonly store: GuildSettingsStore) {}

  /** Loads every saved server at start-up; returns how many. */
  async warm(): Promise<number> {
    const all = await this.store.all();
    for (const [guildId, settings] of all) this.cached.set(guildId, settings);
    return all.size;
  }

  get(guildId: string): Promise<GuildSettings> {
    const hit = this.cached.get(guildId);
    if (hit) return Promise.resolve(hit);
    let pending = this.loading.get(guildId);
    if (!pending) {
      pending = this.store.find(guildId).then(
        (found) => {
          const settings = found ?? DEFAULT_GUILD_SETTINGS;
          // A write that finished meanwhile wins over this older read.
          if (this.loading.get(guildId) === pending) this.cached.set(guildId, settings);
          this.loading.delete(guildId);
          return this.cached.get(guildId) ?? settings;
        },
        (error: unknown) => {
          this.loading.delete(guildId);
          throw error;
        },
      );
      this.loading.set(guildId, pending);
    }
    return pending;
  }

  /** Saves a change to the database, then caches what was saved. Returns the settings before and after. */
  async update(guildId: string, change: Partial<GuildSettings>): Promise<SettingsChange> {
    const before = await this.get(guildId);
    const after: GuildSettings = { ...before, ...change };
    await this.store.save(guildId, after);
    this.loading.delete(guildId);
    this.cached.set(guildId, after);
    return { before, after };
  }

  get size(): number {
    return this.cached.size;
  }
}
