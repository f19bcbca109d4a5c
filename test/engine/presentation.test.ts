/**
 * What a corpus says around its quotes lives with the corpus (corpus/presentation.json), not in
 * engine code: the caution in every safety note, and the words too common in it to search by.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CORPUS_DIR, loadCorpus } from '../../src/corpus/load.js';
import { NO_PRESENTATION } from '../../src/corpus/presentation.js';
import { createEngine } from '../../src/engine/engine.js';
import { SearchTerms } from '../../src/engine/lexical.js';

/** A copy of the shipped corpus with its presentation.json changed by `change`. */
function corpusWithPresentation(change: (presentation: Record<string, unknown>) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'kratom-presentation-'));
  cpSync(DEFAULT_CORPUS_DIR, dir, { recursive: true });
  const path = join(dir, 'presentation.json');
  const presentation = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  change(presentation);
  writeFileSync(path, JSON.stringify(presentation));
  return dir;
}

describe('the caution in the safety note', () => {
  it('is the corpus’s own, on every reply', () => {
    const dir = corpusWithPresentation((p) => (p.caution = 'Read the whole guide before acting on a quote.'));
    const engine = createEngine({ corpusDir: dir });
    expect(engine.answer('Is kratom addictive?').safetyNote).toContain('Read the whole guide before acting on a quote.');
    expect(engine.answer('hi').safetyNote).toContain('Read the whole guide before acting on a quote.');
  });

  it('stops start-up when it would make the note longer than 300 characters, saying so', () => {
    const dir = corpusWithPresentation((p) => (p.caution = 'Be careful. '.repeat(25)));
    expect(() => createEngine({ corpusDir: dir })).toThrow(/"caution" makes the safety note \d+ characters, more than 300/);
  });

  it('is a generic one for a corpus without presentation.json', () => {
    expect(NO_PRESENTATION.caution).toMatch(/healthcare professional/);
    expect(NO_PRESENTATION.searchStopWords).toEqual([]);
  });
});

describe('the corpus’s search stop words', () => {
  it('are the shipped article’s subject name', () => {
    expect(loadCorpus().presentation.searchStopWords).toEqual(['kratom']);
  });

  it('are left out of search terms, as English stop words are', () => {
    expect(new SearchTerms(['kratom']).of('Is kratom addictive?')).toEqual(['addict']);
    expect(new SearchTerms().of('Is kratom addictive?')).toEqual(['kratom', 'addict']);
  });

  it('are read case-insensitively from presentation.json', () => {
    const dir = corpusWithPresentation((p) => (p.searchStopWords = ['Kratom']));
    expect(loadCorpus(dir).presentation.searchStopWords).toEqual(['kratom']);
  });
});
