/**
 * The database's tables, as Kysely sees them. Nothing here holds message text or a user id:
 * server settings (channel and role ids chosen by moderators) and daily counts.
 */
import type { Generated } from 'kysely';
import type { StatsCountsTable } from './stats-schema.js';

export interface GuildSettingsTable {
  guild_id: string;
  /** Shown first on crisis replies in this server; null = the deployment's default. */
  crisis_text: string | null;
  alert_channel_id: string | null;
  alert_role_id: string | null;
  ask_channel_id: string | null;
  /** 0 or 1 (SQLite has no boolean type). */
  private_replies: number;
  /** null = the deployment's COOLDOWN_SECONDS. */
  cooldown_seconds: number | null;
  updated_at: string;
}

export interface UsageCountsTable {
  guild_id: string;
  /** UTC day, YYYY-MM-DD. */
  day: string;
  /** What happened: a reply kind (answer, crisis, no_match, …) or "alert". */
  kind: string;
  count: Generated<number>;
}

export interface DatabaseSchema {
  guild_settings: GuildSettingsTable;
  usage_counts: UsageCountsTable;
  stats_counts: StatsCountsTable;
}
