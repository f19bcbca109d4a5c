/** The answer buttons: they keep their state in their custom id, so they work after a restart. */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageFlags, type APIMessage } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CORPUS_DIR } from '../../src/corpus/load.js';
import { createEngine } from '../../src/engine/engine.js';
import { quoteHeading } from '../../src/engine/reply.js';
import { buttonIds, carriesNote, startDeployedBot, testEngine, textOf, type Running } from './harness.js';

const QUESTION = 'Is kratom addictive?';

describe('answer buttons', () => {
  let run: Running;
  let note: string;

  beforeAll(async () => {
    ({ run, note } = await startDeployedBot());
  });
  afterAll(() => run?.close());

  async function askFor(question: string, options: Record<string, boolean> = {}): Promise<APIMessage> {
    const handle = await run.fake.slashCommand({ name: 'ask', options: { question, ...options } });
    return handle.waitForFinal();
  }

  async function click(message: APIMessage, which: 0 | 1): Promise<APIMessage> {
    const customId = buttonIds(message)[which];
    if (!customId) throw new Error(`the message has no button #${which}`);
    const handle = await run.fake.buttonClick({ customId, message });
    return handle.waitForFinal();
  }

  const headings = (message: APIMessage): string[] => message.embeds.flatMap((embed) => (embed.title ? [embed.title] : []));
  const answer = () => run.engine.answer(QUESTION);

  it('are two under an answer, then the two rating buttons, each custom id within Discord’s 100 characters', async () => {
    const message = await askFor(QUESTION);
    const ids = buttonIds(message);
    expect(ids.map((id) => id.slice(0, 4))).toEqual(['kg:m', 'kg:o', 'kgf:', 'kgf:']);
    for (const id of ids) expect(id.length).toBeLessThanOrEqual(100);
  });

  it('"More from this section" shows the rest of the section, with the note', async () => {
    const shown = await click(await askFor(QUESTION), 0);
    expect(headings(shown)).toEqual(run.engine.more(answer().context!).passages.map(quoteHeading));
    expect(carriesNote(shown, note)).toBe(true);
  });

  it('"Other passages" shows the next passages found for the question, with the note', async () => {
    const shown = await click(await askFor(QUESTION), 1);
    const expected = run.engine.showPassages(answer().alternativeIds!.slice(0, 3));
    expect(headings(shown)).toEqual(expected.passages.map(quoteHeading));
    expect(carriesNote(shown, note)).toBe(true);
  });

  it('"Other passages" offers the ones it did not show yet', async () => {
    const shown = await click(await askFor(QUESTION), 1);
    const rest = await click(shown, 1);
    const expected = run.engine.showPassages(answer().alternativeIds!.slice(3, 6));
    expect(headings(rest)).toEqual(expected.passages.map(quoteHeading));
  });

  it('answer privately under a private answer', async () => {
    const shown = await click(await askFor(QUESTION, { private: true }), 0);
    expect((shown.flags ?? 0) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
  });

  it('still work after the bot restarts', async () => {
    const message = await askFor(QUESTION);
    await run.restart();
    const shown = await click(message, 0);
    expect(headings(shown)).toEqual(run.engine.more(answer().context!).passages.map(quoteHeading));
    expect(carriesNote(shown, note)).toBe(true);
  });

  it('from before a corpus change get a polite private notice, with the note', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kratom-guide-edited-'));
    try {
      cpSync(DEFAULT_CORPUS_DIR, dir, { recursive: true });
      const file = join(dir, 'kratom-mental-health.md');
      writeFileSync(file, readFileSync(file, 'utf8').replace('In recent years', 'In the past few years'));
      const message = await askFor(QUESTION);
      await run.restart({ engine: createEngine({ corpusDir: dir }) });
      const told = await click(message, 0);
      expect(textOf(told)).toContain('older version of the article');
      expect((told.flags ?? 0) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
      expect(carriesNote(told, run.engine.safety.safetyNote)).toBe(true);
    } finally {
      await run.restart({ engine: testEngine() });
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
