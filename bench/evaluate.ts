/**
 * Quality measures over the labelled question set, for any system that, given a question,
 * says what kind of reply it gives and which passages it ranks first.
 */
import type { LabelledQuestion } from './question-set.js';

export interface SystemOutput {
  kind: 'answer' | 'no_match' | 'crisis' | 'help';
  /** Passage ids, best first (at least the top three where there are that many). */
  ranked: string[];
  coverage?: 'full' | 'partial' | undefined;
  topic?: string | undefined;
}

/** Quality on labelled examples (the corpus's example files): answers, partial answers, not-covered topics. */
export interface ExampleReport {
  answerable: number;
  top1: number;
  top3: number;
  refused: number;
  partial: number;
  partialSaid: number;
  /** Fully covered questions answered as if only partly covered. */
  fullSaidPartial: number;
  outOfScope: number;
  caught: number;
  topicRight: number;
  failures: { question: string; expected: string; output: SystemOutput }[];
}

export interface ExampleLike {
  question: string;
  passageId: string | null;
  coverage: 'full' | 'partial';
  topic: string | null;
}

export function evaluateExamples(examples: ExampleLike[], system: (question: string) => SystemOutput): ExampleReport {
  const r = emptyExampleReport();
  for (const example of examples) {
    const output = system(example.question);
    if (example.passageId) {
      r.answerable++;
      const answered = output.kind === 'answer' || output.kind === 'crisis';
      if (!answered) r.refused++;
      if (answered && output.ranked[0] === example.passageId) r.top1++;
      else r.failures.push({ question: example.question, expected: example.passageId, output });
      if (answered && output.ranked.slice(0, 3).includes(example.passageId)) r.top3++;
      if (example.coverage === 'partial') {
        r.partial++;
        if (answered && output.coverage === 'partial') r.partialSaid++;
      } else if (answered && output.coverage === 'partial') r.fullSaidPartial++;
    } else {
      r.outOfScope++;
      if (output.kind === 'no_match') {
        r.caught++;
        if (output.topic === example.topic) r.topicRight++;
      } else r.failures.push({ question: example.question, expected: `not covered (${example.topic})`, output });
    }
  }
  return r;
}

function emptyExampleReport(): ExampleReport {
  return {
    answerable: 0,
    top1: 0,
    top3: 0,
    refused: 0,
    partial: 0,
    partialSaid: 0,
    fullSaidPartial: 0,
    outOfScope: 0,
    caught: 0,
    topicRight: 0,
    failures: [],
  };
}

export function mergeReports(reports: ExampleReport[]): ExampleReport {
  const total = emptyExampleReport();
  for (const r of reports) {
    for (const key of Object.keys(total) as (keyof ExampleReport)[]) {
      if (key === 'failures') total.failures.push(...r.failures);
      else total[key] += r[key];
    }
  }
  return total;
}

export interface QualityReport {
  answerable: number;
  top1: number;
  top3: number;
  outOfScope: number;
  outOfScopeCaught: number;
  answerableRefused: number;
  crises: number;
  crisesCaught: number;
  /** Non-crisis messages (idioms included) flagged as a crisis. */
  falseAlarms: number;
  idioms: number;
  idiomsFlagged: number;
  failures: { question: LabelledQuestion; output: SystemOutput }[];
}

export function evaluate(questions: LabelledQuestion[], system: (question: string) => SystemOutput): QualityReport {
  const report: QualityReport = {
    answerable: 0,
    top1: 0,
    top3: 0,
    outOfScope: 0,
    outOfScopeCaught: 0,
    answerableRefused: 0,
    crises: 0,
    crisesCaught: 0,
    falseAlarms: 0,
    idioms: 0,
    idiomsFlagged: 0,
    failures: [],
  };
  for (const question of questions) {
    const output = system(question.q);
    let ok = true;
    if (question.kind === 'answer') {
      report.answerable++;
      // A crisis reply to a real question still answers it, but counts as a false alarm below.
      const answered = output.kind === 'answer' || output.kind === 'crisis';
      if (!answered) report.answerableRefused++;
      const first = answered && question.expect.includes(output.ranked[0] ?? '');
      const inTop3 = answered && output.ranked.slice(0, 3).some((id) => question.expect.includes(id));
      if (first) report.top1++;
      if (inTop3) report.top3++;
      ok = first;
    } else if (question.kind === 'no_match') {
      report.outOfScope++;
      if (output.kind === 'no_match') report.outOfScopeCaught++;
      else ok = false;
    } else if (question.kind === 'crisis') {
      report.crises++;
      if (output.kind === 'crisis') report.crisesCaught++;
      else ok = false;
    } else if (output.kind !== 'help') {
      ok = false;
    }
    if (question.kind !== 'crisis' && output.kind === 'crisis') {
      report.falseAlarms++;
      ok = false;
    }
    if (question.category === 'idiom') {
      report.idioms++;
      if (output.kind === 'crisis') report.idiomsFlagged++;
    }
    if (!ok) report.failures.push({ question, output });
  }
  return report;
}

export const ratio = (part: number, whole: number): number => (whole === 0 ? 1 : part / whole);
