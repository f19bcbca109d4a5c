/** Example files beside documents: validated when the corpus loads, with file:line errors. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CorpusError, loadCorpus } from '../../src/corpus/load.js';

const DOC = '# Rules\n\n## Posting\n\nNo selling of anything in this server.\n';
const TOPICS = JSON.stringify({ vendors: 'vendors and prices' });

function corpusWith(examples: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'kratom-examples-'));
  writeFileSync(join(dir, 'rules.md'), DOC);
  writeFileSync(join(dir, 'topics.json'), TOPICS);
  writeFileSync(join(dir, 'rules.examples.jsonl'), examples);
  return dir;
}

function errorFor(examples: string): string {
  try {
    loadCorpus(corpusWith(examples));
  } catch (error) {
    if (error instanceof CorpusError) return error.message;
    throw error;
  }
  throw new Error('expected the examples to be rejected');
}

const ok = '{"q": "can I sell here?", "passage": "rules/posting/p1"}';

describe('example files', () => {
  it('loads passage and topic labels, with coverage full unless said', () => {
    const corpus = loadCorpus(corpusWith(`${ok}\n{"q": "cheapest vendor?", "topic": "vendors"}\n{"q": "what exactly is banned?", "passage": "rules/posting/p1", "coverage": "partial"}\n`));
    expect(corpus.examples.map((e) => [e.passageId, e.topic, e.coverage])).toEqual([
      ['rules/posting/p1', null, 'full'],
      [null, 'vendors', 'full'],
      ['rules/posting/p1', null, 'partial'],
    ]);
  });

  it('stops at an unknown passage id, naming file and line', () => {
    expect(errorFor(`${ok}\n{"q": "x?", "passage": "rules/nope/p1"}`)).toMatch(/rules\.examples\.jsonl:2: unknown passage id "rules\/nope\/p1"/);
  });

  it('stops at an unknown topic', () => {
    expect(errorFor('{"q": "x?", "topic": "weather"}')).toMatch(/:1: unknown topic "weather"/);
  });

  it('stops at an empty question', () => {
    expect(errorFor('{"q": "  ", "passage": "rules/posting/p1"}')).toMatch(/:1: .*empty/);
  });

  it('stops at the same question labelled twice differently', () => {
    expect(errorFor(`${ok}\n{"q": "Can I sell here", "topic": "vendors"}`)).toMatch(/:2: the same question is labelled differently at line 1/);
  });

  it('stops at a line that is not JSON', () => {
    expect(errorFor(`${ok}\n{q: nope}`)).toMatch(/:2: not a JSON object/);
  });
});
