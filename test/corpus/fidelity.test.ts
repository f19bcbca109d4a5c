import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const markdown = readFileSync(new URL('../../corpus/kratom-mental-health.md', import.meta.url), 'utf8');
// The article as delivered, kept in the repo so the test runs in any clone.
const article = readFileSync(new URL('../fixtures/article.txt', import.meta.url), 'utf8');
// Where the project's shared folder sits beside the clone, the kept copy must still match it.
const sharedArticle = new URL('../../../shared/article/kratom-mental-health.txt', import.meta.url);

const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** The Markdown as plain text: added label headings dropped, heading markers and comments removed. */
function markdownAsText(source: string): string {
  return source
    .split('\n')
    .filter((line) => !/<!--\s*label:/.test(line))
    .map((line) => line.replace(/<!--[\s\S]*?-->/g, '').replace(/^#{1,3}\s+/, ''))
    .join('\n');
}

describe('the corpus document', () => {
  it('is the article word for word: nothing lost, added or changed', () => {
    expect(collapse(markdownAsText(markdown))).toBe(collapse(article));
  });

  it.runIf(existsSync(sharedArticle))('is checked against an unchanged copy of the delivered article', () => {
    expect(article).toBe(readFileSync(sharedArticle, 'utf8'));
  });

  it('keeps the article’s typographic apostrophes', () => {
    expect(markdown).toContain('Understanding Kratom’s Mechanism');
    expect(markdown).not.toMatch(/Kratom's/);
  });

  it('has the title, the seven headings of the text and the "Conclusion" label as sections', () => {
    const sections = markdown.split('\n').filter((line) => /^##\s/.test(line)).map((line) => line.replace(/<!--.*-->/, '').slice(3).trim());
    expect(markdown.split('\n').filter((line) => /^#\s/.test(line))).toHaveLength(1);
    expect(sections).toEqual([
      'Understanding Kratom’s Mechanism',
      'Types of Kratom and Mental Health Response',
      'Forms of Kratom Consumption',
      'Effects on Mental Health',
      'Potential Considerations',
      'Potential Interaction with Medications',
      'Seeking Professional Guidance',
      'Conclusion',
    ]);
  });

  it('splits the run-in sub-headings out of their paragraphs', () => {
    const subsections = markdown.split('\n').filter((line) => /^###\s/.test(line)).map((line) => line.slice(4).trim());
    expect(subsections).toEqual([
      'Stress and Anxiety Relief',
      'Mood Enhancement',
      'Variability in Effects',
      'Dependency and Withdrawal',
      'Lack of Regulation and Research',
      'Consultation with a Healthcare Provider',
      'Exploration and Responsible Use',
    ]);
  });
});
