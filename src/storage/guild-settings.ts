/**
 * A server's settings, as moderators set them with /setup, and their table. A server that
 * never ran /setup has no row and gets {@link DEFAULT_GUILD_SETTINGS}.
 */
import type { Kysely, Selectable } from 'kysely';
import type { DatabaseSchema, GuildSettingsTable } from './schema.js';

export interface GuildSettings {
  /** Shown first on crisis replies here; null = the deployment's default crisis text. */
  crisisText: string | null;
  /** Where crisis alerts go; null = no alerts. */
  alertChannelId: string | null;
  /** The only role an alert pings; null = none. */
  alertRoleId: string | null;
  /** A text or forum channel answered without a mention; null = none. */
  askChannelId: string | null;
  /** Whether /ask answers privately unless the person says otherwise. */
  privateReplies: boolean;
  /** Seconds between one person's questions; null = the deployment's COOLDOWN_SECONDS. */
  cooldownSeconds: number | null;
}

export const DEFAULT_GUILD_SETTINGS: Readonly<GuildSettings> = Object.freeze({
  crisisText: null,
  alertChannelId: null,
  alertRoleId: null,
  askChannelId: null,
  privateReplies: false,
  cooldownSeconds: null,
});

export class GuildSettingsStore {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  /** The server's settings, or undefined when it has none saved. */
  async find(guildId: string): Promise<GuildSettings | undefined> {
    const row = await this.db.selectFrom('guild_settings').selectAll().where('guild_id', '=', guildId).executeTakeFirst();
    return row ? fromRow(row) : undefined;
  }

  /** Every server's saved settings (start-up warms the cache with them). */
  async all(): Promise<Map<string, GuildSettings>> {
    const rows = await this.db.selectFrom('guild_settings').selectAll().execute();
    return new Map(rows.map((row) => [row.guild_id, fromRow(row)]));
  }

  /** Saves the whole set for a server (insert or replace). */
  async save(guildId: string, settings: GuildSettings): Promise<void> {
    const row = toRow(guildId, settings);
    const { guild_id: _key, ...changes } = row;
    await this.db
      .insertInto('guild_settings')
      .values(row)
      .onConflict((conflict) => conflict.column('guild_id').doUpdateSet(changes))
      .execute();
  }
}

function fromRow(row: Selectable<GuildSettingsTable>): GuildSettings {
  return {
    crisisText: row.crisis_text,
    alertChannelId: row.alert_channel_id,
    alertRoleId: row.alert_role_id,
    askChannelId: row.ask_channel_id,
    privateReplies: Number(row.private_replies) === 1,
    cooldownSeconds: row.cooldown_seconds === null ? null : Number(row.cooldown_seconds),
  };
}

function toRow(guildId: string, settings: GuildSettings): GuildSettingsTable {
  return {
    guild_id: guildId,
    crisis_text: settings.crisisText,
    alert_channel_id: settings.alertChannelId,
    alert_role_id: settings.alertRoleId,
    ask_channel_id: settings.askChannelId,
    private_replies: settings.privateReplies ? 1 : 0,
    cooldown_seconds: settings.cooldownSeconds,
    updated_at: new Date().toISOString(),
  };
}
