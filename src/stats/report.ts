/**
 * The statistics report /stats and `npm run stats` show: built from daily counts (numbers per
 * answer kind, passage and topic), laid out as text for people and screen readers.
 */
import type { StatsRow } from '../storage/stats-counts.js';
import { QUESTION_KINDS, QUESTION_KIND_LABELS, isQuestionKind } from './question-kind.js';

export const REPORT_PERIODS = [7, 30] as const;
export type ReportPeriod = (typeof REPORT_PERIODS)[number];
const TOP = 10;

export interface Figure {
  label: string;
  count: number;
}

export interface FeedbackFigure {
  label: string;
  helpful: number;
  notHelpful: number;
}

export interface StatsReport {
  days: number;
  firstDay: string;
  lastDay: string;
  /** "this server", or "all servers" in the console. */
  scope: string;
  questions: Figure[];
  totalQuestions: number;
  sections: Figure[];
  topics: Figure[];
  crises: number;
  alerts: number;
  feedbackBySection: FeedbackFigure[];
  feedbackByKind: FeedbackFigure[];
}

export interface ReportInput {
  days: number;
  firstDay: string;
  lastDay: string;
  scope: string;
  stats: StatsRow[];
  /** usage_counts totals per kind (for "alert"). */
  usage: Record<string, number>;
  /** The section a passage id belongs to (undefined once the article lost it). */
  sectionOf: (passageId: string) => string | undefined;
  topicLabels: ReadonlyMap<string, string>;
}

export function buildReport(input: ReportInput): StatsReport {
  const of = (metric: string) => input.stats.filter((row) => row.metric === metric);
  const questionCounts = new Map(
    of('question')
      .filter((row) => isQuestionKind(row.key))
      .map((row) => [row.key, row.count]),
  );
  const questions = QUESTION_KINDS.map((kind) => ({ label: QUESTION_KIND_LABELS[kind], count: questionCounts.get(kind) ?? 0 }));
  const section = (id: string) => input.sectionOf(id) ?? `(a passage no longer in the article: ${id})`;
  const kindLabel = (key: string) => (isQuestionKind(key) ? QUESTION_KIND_LABELS[key] : key);
  return {
    days: input.days,
    firstDay: input.firstDay,
    lastDay: input.lastDay,
    scope: input.scope,
    questions,
    totalQuestions: questions.reduce((sum, figure) => sum + figure.count, 0),
    sections: top(sumBy(of('passage'), section)),
    topics: top(sumBy(of('topic'), (key) => input.topicLabels.get(key) ?? key)),
    crises: questionCounts.get('crisis') ?? 0,
    alerts: input.usage.alert ?? 0,
    feedbackBySection: feedback(sumBy(of('helpful'), section), sumBy(of('not_helpful'), section)),
    feedbackByKind: feedback(sumBy(of('helpful_kind'), kindLabel), sumBy(of('not_helpful_kind'), kindLabel)),
  };
}

function sumBy(rows: StatsRow[], label: (key: string) => string): Map<string, number> {
  const sums = new Map<string, number>();
  for (const row of rows) sums.set(label(row.key), (sums.get(label(row.key)) ?? 0) + row.count);
  return sums;
}

function top(sums: Map<string, number>): Figure[] {
  return [...sums]
    .map(([label, count]) => ({ label, count }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label))
    .slice(0, TOP);
}

function feedback(helpful: Map<string, number>, notHelpful: Map<string, number>): FeedbackFigure[] {
  const labels = new Set([...helpful.keys(), ...notHelpful.keys()]);
  return [...labels]
    .map((label) => ({ label, helpful: helpful.get(label) ?? 0, notHelpful: notHelpful.get(label) ?? 0 }))
    .sort((a, b) => b.helpful + b.notHelpful - (a.helpful + a.notHelpful) || a.label.localeCompare(b.label));
}

/** The report as plain text (Markdown bold for headings): every figure the chart shows. */
export function reportText(report: StatsReport): string {
  const list = (figures: Figure[], none: string) =>
    figures.length === 0 ? [none] : figures.map((f, i) => `${i + 1}. ${f.label}: ${f.count}`);
  const rated = (figures: FeedbackFigure[]) =>
    figures.length === 0 ? ['No ratings yet.'] : figures.map((f) => `- ${f.label}: ${f.helpful} helpful, ${f.notHelpful} not helpful`);
  return [
    `**Last ${report.days} days in ${report.scope}** (${report.firstDay} to ${report.lastDay}, UTC days)`,
    '',
    `**Questions: ${report.totalQuestions}**`,
    ...report.questions.map((f) => `- ${f.label}: ${f.count}`),
    '',
    '**Sections answered most**',
    ...list(report.sections, 'None yet.'),
    '',
    '**Not-covered topics asked most**',
    ...list(report.topics, 'None recognised yet.'),
    '',
    '**Crises and alerts**',
    `- crisis replies: ${report.crises}`,
    `- alerts sent to moderators: ${report.alerts}`,
    '',
    '**Feedback per section**',
    ...rated(report.feedbackBySection),
    '',
    '**Feedback per answer kind**',
    ...rated(report.feedbackByKind),
  ].join('\n');
}
