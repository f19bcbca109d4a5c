/**
 * The storage layer, the same tests on every engine: SQLite always, and a real PostgreSQL
 * server (TEST_DATABASE_URL or a temporary cluster; see test/global-setup.ts).
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { DEFAULT_GUILD_SETTINGS, GuildSettingsStore, type GuildSettings } from '../../src/storage/guild-settings.js';
import { LATEST_MIGRATION, migrateToLatest } from '../../src/storage/migrations.js';
import { GuildSettingsCache } from '../../src/storage/settings-cache.js';
import { DM_KEY, UsageCounter } from '../../src/storage/usage-counts.js';
import { freshDatabaseEach, storageEngines } from '../helpers/storage.js';

const GUILD = '100000000000000001';
const OTHER = '100000000000000002';
const configured: GuildSettings = {
  crisisText: 'In Germany call 112, or TelefonSeelsorge 0800 111 0 111.',
  alertChannelId: '200000000000000001',
  alertRoleId: '300000000000000001',
  askChannelId: '200000000000000002',
  privateReplies: true,
  cooldownSeconds: 30,
};

describe.each(storageEngines())('storage on %s', (engine) => {
  const fresh = freshDatabaseEach(engine);

  describe('migrations', () => {
    it('bring a new database to the latest version at start-up', async () => {
      const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(fresh.storage.db);
      expect(applied.rows.map((row) => row.name).at(-1)).toBe(LATEST_MIGRATION);
    });

    it('apply nothing a second time', async () => {
      const again = await migrateToLatest(fresh.storage.db as never);
      expect(again.results).toEqual([]);
    });

    it('keep what was saved when the database is opened again', async () => {
      await new GuildSettingsStore(fresh.storage.db).save(GUILD, configured);
      await fresh.reopen();
      expect(await new GuildSettingsStore(fresh.storage.db).find(GUILD)).toEqual(configured);
    });
  });

  describe('server settings', () => {
    it('has nothing saved for a server that never ran /setup', async () => {
      expect(await new GuildSettingsStore(fresh.storage.db).find(GUILD)).toBeUndefined();
    });

    it('returns every field as it was saved', async () => {
      const store = new GuildSettingsStore(fresh.storage.db);
      await store.save(GUILD, configured);
      expect(await store.find(GUILD)).toEqual(configured);
    });

    it('replaces a server’s settings when saved again, back to the defaults too', async () => {
      const store = new GuildSettingsStore(fresh.storage.db);
      await store.save(GUILD, configured);
      await store.save(GUILD, DEFAULT_GUILD_SETTINGS);
      expect(await store.find(GUILD)).toEqual(DEFAULT_GUILD_SETTINGS);
    });

    it('keeps each server’s settings apart', async () => {
      const store = new GuildSettingsStore(fresh.storage.db);
      await store.save(GUILD, configured);
      await store.save(OTHER, { ...DEFAULT_GUILD_SETTINGS, cooldownSeconds: 0 });
      const all = await store.all();
      expect([...all.keys()].sort()).toEqual([GUILD, OTHER]);
      expect(all.get(OTHER)).toEqual({ ...DEFAULT_GUILD_SETTINGS, cooldownSeconds: 0 });
      expect(all.get(GUILD)).toEqual(configured);
    });
  });

  describe('the settings cache', () => {
    /** The real store, counting how often the database is read. */
    class CountingStore extends GuildSettingsStore {
      reads = 0;
      override async find(guildId: string): Promise<GuildSettings | undefined> {
        this.reads += 1;
        return super.find(guildId);
      }
    }

    it('gives the defaults to a server with nothing saved, reading the database once', async () => {
      const store = new CountingStore(fresh.storage.db);
      const cache = new GuildSettingsCache(store);
      expect(await cache.get(GUILD)).toEqual(DEFAULT_GUILD_SETTINGS);
      expect(await cache.get(GUILD)).toEqual(DEFAULT_GUILD_SETTINGS);
      expect(store.reads).toBe(1);
    });

    it('serves servers loaded at start-up without reading the database', async () => {
      await new GuildSettingsStore(fresh.storage.db).save(GUILD, configured);
      const store = new CountingStore(fresh.storage.db);
      const cache = new GuildSettingsCache(store);
      expect(await cache.warm()).toBe(1);
      expect(await cache.get(GUILD)).toEqual(configured);
      expect(store.reads).toBe(0);
    });

    it('saves a change to the database and serves the new value at once', async () => {
      const cache = new GuildSettingsCache(new GuildSettingsStore(fresh.storage.db));
      await cache.get(GUILD);
      const change = await cache.update(GUILD, { askChannelId: configured.askChannelId });
      expect(change.before.askChannelId).toBeNull();
      expect(change.after.askChannelId).toBe(configured.askChannelId);
      expect((await cache.get(GUILD)).askChannelId).toBe(configured.askChannelId);
      expect((await new GuildSettingsStore(fresh.storage.db).find(GUILD))?.askChannelId).toBe(configured.askChannelId);
    });

    it('changes only the fields named', async () => {
      const cache = new GuildSettingsCache(new GuildSettingsStore(fresh.storage.db));
      await cache.update(GUILD, configured);
      const { after } = await cache.update(GUILD, { cooldownSeconds: 5 });
      expect(after).toEqual({ ...configured, cooldownSeconds: 5 });
    });
  });

  describe('usage counts', () => {
    const day = (iso: string) => () => new Date(iso);

    it('adds up per server, per kind and per day across flushes', async () => {
      const counter = new UsageCounter(fresh.storage.db, day('2026-12-03T10:00:00Z'));
      counter.count(GUILD, 'answer');
      counter.count(GUILD, 'answer');
      counter.count(GUILD, 'crisis');
      await counter.flush();
      counter.count(GUILD, 'answer');
      counter.count(OTHER, 'answer');
      await counter.stop();
      const rows = await fresh.storage.db.selectFrom('usage_counts').selectAll().orderBy('guild_id').orderBy('kind').execute();
      expect(rows.map((r) => [r.guild_id, r.day, r.kind, Number(r.count)])).toEqual([
        [GUILD, '2026-12-03', 'answer', 3],
        [GUILD, '2026-12-03', 'crisis', 1],
        [OTHER, '2026-12-03', 'answer', 1],
      ]);
    });

    it('counts DMs under one key of their own, not a person', async () => {
      const counter = new UsageCounter(fresh.storage.db, day('2026-12-03T10:00:00Z'));
      counter.count(null, 'answer');
      await counter.flush();
      const rows = await fresh.storage.db.selectFrom('usage_counts').select('guild_id').execute();
      expect(rows).toEqual([{ guild_id: DM_KEY }]);
    });

    it('totals a server’s counts since a day', async () => {
      let now = new Date('2026-11-01T10:00:00Z');
      const counter = new UsageCounter(fresh.storage.db, () => now);
      counter.count(GUILD, 'answer');
      now = new Date('2026-12-02T10:00:00Z');
      counter.count(GUILD, 'answer');
      counter.count(GUILD, 'alert');
      now = new Date('2026-12-03T10:00:00Z');
      counter.count(GUILD, 'answer');
      await counter.flush();
      expect(await counter.totals(GUILD, '2026-11-27')).toEqual({ answer: 2, alert: 1 });
    });
  });
});
