/**
 * `npm run bench:sweep`: how the field boosts and tuning constants move quality on the labelled
 * question set, one setting at a time around the shipped values. The shipped values came from it.
 */
import { loadCorpus } from '../src/corpus/load.js';
import { AnswerEngine, TUNING } from '../src/engine/engine.js';
import { FIELD_BOOSTS } from '../src/engine/search.js';
import { loadSynonyms, loadUncoveredTopics } from '../src/engine/synonyms.js';
import { evaluate, ratio } from './evaluate.js';
import { loadQuestionSet } from './question-set.js';
import { engineSystem } from './systems.js';

const corpus = loadCorpus();
const synonyms = loadSynonyms();
const uncovered = loadUncoveredTopics();
const questions = loadQuestionSet();
const heldOut = loadQuestionSet(new URL('../test/fixtures/holdout.json', import.meta.url));
const blind = loadQuestionSet(new URL('../test/fixtures/blind.json', import.meta.url));
const pct = (part: number, whole: number): string => `${(ratio(part, whole) * 100).toFixed(1)}%`.padStart(7);

function measure(label: string): void {
  const engine = new AnswerEngine(corpus, synonyms, uncovered);
  const cells = [questions, heldOut, blind].map((set) => {
    const r = evaluate(set, engineSystem(engine));
    return `${pct(r.top1, r.answerable)} ${pct(r.top3, r.answerable)} ${pct(r.outOfScopeCaught, r.outOfScope)} ${pct(r.answerableRefused, r.answerable)}`;
  });
  process.stdout.write(`| ${label.padEnd(32)} | ${cells.join(' | ')} |\n`);
}

/** Sets one knob for one measurement, then puts it back. */
function vary(table: Record<string, number>, key: string, values: number[]): void {
  const shipped = table[key]!;
  for (const value of values) {
    table[key] = value;
    measure(`${key} = ${value}${value === shipped ? ' (shipped)' : ''}`);
  }
  table[key] = shipped;
}

process.stdout.write('Each set: top-1, top-3, out-of-scope caught, answerable refused.\n');
process.stdout.write(`| ${'setting'.padEnd(32)} | ${'first set (tuned on)'.padEnd(31)} | ${'second set'.padEnd(31)} | ${'third set'.padEnd(31)} |\n`);
process.stdout.write(`| ${'-'.repeat(32)} | ${'-'.repeat(31)} | ${'-'.repeat(31)} | ${'-'.repeat(31)} |\n`);
vary(FIELD_BOOSTS, 'section', [1, 1.5, 3]);
vary(FIELD_BOOSTS, 'subsection', [1, 2, 4]);
vary(FIELD_BOOSTS, 'keywords', [0.5, 1.5, 3]);
vary(TUNING, 'minCoverage', [0.3, 0.35, 0.4, 0.45, 0.5]);
vary(TUNING, 'bm25Share', [0.1, 0.3, 0.6]);
vary(TUNING, 'companionRatio', [0.7, 0.85, 0.95]);
vary(TUNING, 'storyWeight', [0.15, 0.25, 0.4, 0.6]);
