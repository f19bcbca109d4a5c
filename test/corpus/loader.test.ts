import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CorpusError, loadCorpus } from '../../src/corpus/load.js';
import { parseDocument } from '../../src/corpus/markdown.js';

function corpusWith(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kratom-corpus-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

function loadError(files: Record<string, string | Uint8Array>): CorpusError {
  try {
    loadCorpus(corpusWith(files));
  } catch (error) {
    if (error instanceof CorpusError) return error;
    throw error;
  }
  throw new Error('expected the corpus to be rejected');
}

describe('loading the shipped corpus', () => {
  const corpus = loadCorpus();

  it('makes one passage per paragraph: 14 for the article', () => {
    expect(corpus.passages).toHaveLength(14);
  });

  it('gives each passage a stable id from document, section and paragraph slugs', () => {
    expect(corpus.passages.map((p) => p.id)).toContain('kratom-mental-health/potential-considerations/dependency-and-withdrawal/p1');
    expect(corpus.passages[0]!.id).toBe('kratom-mental-health/introduction/p1');
    expect(corpus.passages.filter((p) => p.section === 'Conclusion').map((p) => p.id)).toEqual([
      'kratom-mental-health/conclusion/p1',
      'kratom-mental-health/conclusion/p2',
    ]);
  });

  it('records document title, section, subsection or null, and the verbatim text', () => {
    const passage = corpus.passages.find((p) => p.subsection === 'Mood Enhancement')!;
    expect(passage.documentTitle).toBe('Exploring the Influence of Kratom on Mental Health and Overall Well-being');
    expect(passage.section).toBe('Effects on Mental Health');
    expect(passage.text.startsWith('Kratom’s impact on mood regulation')).toBe(true);
    expect(corpus.passages.find((p) => p.section === 'Forms of Kratom Consumption')!.subsection).toBeNull();
  });

  it('attaches a section’s extra search words to its passages without putting them in the text', () => {
    const passage = corpus.passages.find((p) => p.subsection === 'Dependency and Withdrawal')!;
    expect(passage.keywords).toContain('cold turkey');
    expect(passage.text).not.toContain('cold turkey');
  });
});

describe('loading community documents', () => {
  it('reads every *.md file in the folder, in file-name order', () => {
    const dir = corpusWith({
      'b-rules.md': '# Server Rules\n\n## Be kind\n\nNo insults.\n',
      'a-faq.md': '# FAQ\n\nOpening words.\n\n## Contact\n\nAsk a moderator.\n',
      'notes.txt': 'ignored',
    });
    const corpus = loadCorpus(dir);
    expect(corpus.passages.map((p) => p.id)).toEqual(['a-faq/introduction/p1', 'a-faq/contact/p1', 'b-rules/be-kind/p1']);
  });

  it('joins the lines of one paragraph with a space', () => {
    const doc = parseDocument('x.md', 'x', '# T\n\nfirst line\nsecond line\n');
    expect(doc.passages[0]!.text).toBe('first line second line');
  });

  it('gives the paragraphs before any section the search words under the title', () => {
    const doc = parseDocument('x.md', 'x', '# T\n<!-- search: overview -->\n\nOpening.\n\n## S\n\nText.\n');
    expect(doc.passages.map((p) => p.keywords)).toEqual([['overview'], []]);
  });

  it('takes search words from a comment below a subsection heading for that subsection only', () => {
    const doc = parseDocument('x.md', 'x', '# T\n\n## S\n<!-- search: alpha, beta gamma -->\n\n### Sub\n<!-- search: delta -->\n\nText.\n\n## Other\n\nMore.\n');
    expect(doc.passages[0]!.keywords).toEqual(['alpha', 'beta gamma', 'delta']);
    expect(doc.passages[1]!.keywords).toEqual([]);
  });
});

describe('a malformed document stops start-up with the file and line', () => {
  it('rejects an empty document', () => {
    const error = loadError({ 'empty.md': '  \n\n' });
    expect(error.message).toMatch(/empty\.md:1: the document is empty/);
  });

  it('rejects a document without a title heading', () => {
    const error = loadError({ 'plain.md': 'Just some text.\n' });
    expect(error.message).toMatch(/plain\.md:1: the document must start with a "# Title" heading/);
  });

  it('rejects a duplicate section title, naming both lines', () => {
    const error = loadError({ 'dup.md': '# T\n\n## Same\n\nOne.\n\n## Same\n\nTwo.\n' });
    expect(error.message).toMatch(/dup\.md:7: duplicate section title "Same" \(first at line 3\)/);
  });

  it('rejects invalid UTF-8 at the line of the bad byte', () => {
    const bytes = Buffer.concat([Buffer.from('# T\n\nfine line\nbad '), Buffer.from([0xff, 0xfe]), Buffer.from(' here\n')]);
    const error = loadError({ 'bytes.md': bytes });
    expect(error.message).toMatch(/bytes\.md:4: the file is not valid UTF-8/);
  });

  it('rejects a subsection with no section above it', () => {
    const error = loadError({ 'sub.md': '# T\n\n### Orphan\n\nText.\n' });
    expect(error.message).toMatch(/sub\.md:3: subsection "Orphan" has no "## Section" above it/);
  });

  it('rejects a folder with no documents', () => {
    const error = loadError({ 'readme.txt': 'no markdown here' });
    expect(error.message).toMatch(/no \*\.md documents/);
  });
});
