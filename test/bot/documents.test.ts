/**
 * More than one document in the corpus (a server's rules beside the article): quotes say which
 * document they come from, on Discord and in the console. With one document they do not.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderConsole } from '../../src/console/render-console.js';
import { DEFAULT_CORPUS_DIR } from '../../src/corpus/load.js';
import { createEngine, type AnswerEngine } from '../../src/engine/engine.js';
import { QuoteLabels } from '../../src/present/quote-labels.js';
import { quotedIn, startDeployedBot, testEngine, type Running } from './harness.js';

const RULES = [
  '# Server Rules',
  '',
  'Be kind to each other.',
  '',
  '## Selling and Sourcing',
  '',
  'Do not sell, buy or trade kratom here, and do not post vendor links.',
  '',
].join('\n');
const ARTICLE_TITLE = 'Exploring the Influence of Kratom on Mental Health and Overall Well-being';

describe('quotes with two documents loaded', () => {
  let dir: string;
  let engine: AnswerEngine;
  let run: Running;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kratom-guide-two-documents-'));
    cpSync(DEFAULT_CORPUS_DIR, dir, { recursive: true });
    writeFileSync(join(dir, 'server-rules.md'), RULES);
    engine = createEngine({ corpusDir: dir });
    ({ run } = await startDeployedBot({ engine }));
  });
  afterAll(async () => {
    await run?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('on Discord, name the document over the section of each quote', async () => {
    const rules = await (await run.fake.slashCommand({ name: 'section', options: { name: 'Selling and Sourcing' } })).waitForFinal();
    expect(rules.embeds[0]).toMatchObject({ author: { name: 'Server Rules' }, title: 'Selling and Sourcing' });
    const answer = await (await run.fake.slashCommand({ name: 'ask', options: { question: 'Is kratom addictive?' } })).waitForFinal();
    expect(answer.embeds[0]).toMatchObject({
      author: { name: 'Exploring the Influence of Kratom on… › Potential Considerations' },
      title: 'Dependency and Withdrawal',
    });
    expect(quotedIn(answer)[0]).toBe(engine.answer('Is kratom addictive?').passages[0]?.text);
  });

  it('in the console, name the document first on each quote’s heading', () => {
    const labels = QuoteLabels.fromEngine(engine);
    expect(renderConsole(engine.section('Selling and Sourcing'), 100, labels)).toContain(
      'Server Rules › Selling and Sourcing\n  “Do not sell',
    );
    expect(renderConsole(engine.answer('Is kratom addictive?'), 100, labels)).toContain(
      'Exploring the Influence of Kratom on… › Potential Considerations › Dependency and Withdrawal\n',
    );
  });

  it('name no document when only one is loaded', () => {
    const single = testEngine();
    const text = renderConsole(single.answer('Is kratom addictive?'), 100, QuoteLabels.fromEngine(single));
    expect(text.startsWith('Potential Considerations › Dependency and Withdrawal\n')).toBe(true);
    expect(text).not.toContain(ARTICLE_TITLE);
  });
});
