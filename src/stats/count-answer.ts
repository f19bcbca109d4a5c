/**
 * Counts one answer to a question for /stats: its kind, the sections it quoted (one passage id
 * stands for each section, so an answer counts once per section), and a not-covered topic.
 */
import type { Quote } from '../engine/reply.js';
import type { StatsCounter } from '../storage/stats-counts.js';
import { questionKind, type StatsReply } from './question-kind.js';

export function countAnswer(stats: StatsCounter, guildId: string | null, reply: StatsReply): void {
  const kind = questionKind(reply);
  if (kind === undefined) return;
  stats.count(guildId, 'question', kind);
  if (reply.kind === 'answer') for (const id of onePerSection(reply.passages)) stats.count(guildId, 'passage', id);
  if (reply.kind === 'no_match' && reply.topic) stats.count(guildId, 'topic', reply.topic);
}

/** The first passage id of each section among the passages, in order. */
export function onePerSection(passages: Pick<Quote, 'id' | 'section'>[]): string[] {
  const seen = new Set<string>();
  return passages.filter((p) => !seen.has(p.section) && seen.add(p.section)).map((p) => p.id);
}
