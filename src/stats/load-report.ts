/** Reads a report's counts from the database: one server's (for /stats) or every server's (the console). */
import type { Kysely } from 'kysely';
import type { AnswerEngine } from '../engine/engine.js';
import type { DatabaseSchema } from '../storage/schema.js';
import { firstDayOf, statsTotals, utcDay } from '../storage/stats-counts.js';
import { buildReport, type StatsReport } from './report.js';

export interface ReportRequest {
  /** null: every server together. */
  guildId: string | null;
  days: number;
  scope: string;
  engine: Pick<AnswerEngine, 'passage'>;
  topicLabels: ReadonlyMap<string, string>;
  now?: Date;
}

export async function loadReport(db: Kysely<DatabaseSchema>, request: ReportRequest): Promise<StatsReport> {
  const now = request.now ?? new Date();
  const firstDay = firstDayOf(request.days, now);
  const { stats, usage } = await statsTotals(db, request.guildId, firstDay);
  return buildReport({
    days: request.days,
    firstDay,
    lastDay: utcDay(now),
    scope: request.scope,
    stats,
    usage,
    sectionOf: (id) => request.engine.passage(id)?.section,
    topicLabels: request.topicLabels,
  });
}
