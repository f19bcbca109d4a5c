/** The answer buttons: they keep their state in their custom id, so they work after a restart. */
import { STALE_BUTTON_TEXT, UNKNOWN_BUTTON_TEXT } from '../../src/discord/handle-button.js';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageFlags, type APIMessage } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CORPUS_DIR } from '../../src/corpus/load.js';
import { createEngine } from '../../src/engine/engine.js';
import { buttonIds, carriesNote, quotedIn, quotesOf, startDeployedBot, testEngine, textOf, type Running } from './harness.js';

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

  async function click(message: APIMessage, which: 0 | 1 | 'other', user: 'member' | 'owner' = 'member'): Promise<APIMessage> {
    const customId = which === 'other' ? buttonIds(message)[labels(message).indexOf('Other passages')] : buttonIds(message)[which];
    if (!customId) throw new Error(`the message has no button #${which}`);
    const handle = await run.fake.buttonClick({ customId, message, user });
    return handle.waitForFinal();
  }

  const labels = (message: APIMessage): string[] =>
    ((message.components ?? []) as { components?: { label?: string }[] }[])
      .flatMap((row) => row.components ?? [])
      .map((button) => button.label ?? '');
  const isPrivate = (message: APIMessage): boolean => ((message.flags ?? 0) & Number(MessageFlags.Ephemeral)) !== 0;
  const answer = () => run.engine.answer(QUESTION);

  it('are two under an answer, then the two rating buttons, each custom id within Discord’s 100 characters', async () => {
    const message = await askFor(QUESTION);
    const ids = buttonIds(message);
    expect(ids.map((id) => id.slice(0, 4))).toEqual(['kg:m', 'kg:o', 'kgf:', 'kgf:']);
    for (const id of ids) expect(id.length).toBeLessThanOrEqual(100);
  });

  it('name the section "more" continues', async () => {
    expect(labels(await askFor(QUESTION))).toEqual(['More from Potential Considerations', 'Other passages', 'Helpful', 'Not helpful']);
  });

  it('"More from <section>" shows the rest of the section, with the note', async () => {
    const shown = await click(await askFor(QUESTION), 0);
    expect(quotedIn(shown)).toEqual(quotesOf(run.engine.more(answer().context!)));
    expect(carriesNote(shown, note)).toBe(true);
  });

  it('under a public answer answer whoever clicked, privately, and post nothing in the channel', async () => {
    const message = await askFor(QUESTION);
    const before = run.fake.messages(message.channel_id).length;
    const more = await click(message, 0, 'owner');
    const other = await click(message, 1, 'owner');
    expect([isPrivate(more), isPrivate(other)]).toEqual([true, true]);
    expect(quotedIn(more)).toEqual(quotesOf(run.engine.more(answer().context!)));
    const posted = run.fake
      .messages(message.channel_id)
      .slice(before)
      .filter((m) => !isPrivate(m));
    expect(posted).toEqual([]);
  });

  it('"Other passages" shows the next passages found for the question, with the note', async () => {
    const shown = await click(await askFor(QUESTION), 1);
    const expected = run.engine.showPassages(answer().alternativeIds!.slice(0, 3));
    expect(quotedIn(shown)).toEqual(quotesOf(expected));
    expect(carriesNote(shown, note)).toBe(true);
  });

  it('"Other passages" offers the ones it did not show yet', async () => {
    const shown = await click(await askFor(QUESTION), 1);
    const rest = await click(shown, 'other');
    const expected = run.engine.showPassages(answer().alternativeIds!.slice(3, 6));
    expect(quotedIn(rest)).toEqual(quotesOf(expected));
  });

  it('answer privately under a private answer', async () => {
    const shown = await click(await askFor(QUESTION, { private: true }), 0);
    expect((shown.flags ?? 0) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
  });

  it('still work after the bot restarts', async () => {
    const message = await askFor(QUESTION);
    await run.restart();
    const shown = await click(message, 0);
    expect(quotedIn(shown)).toEqual(quotesOf(run.engine.more(answer().context!)));
    expect(carriesNote(shown, note)).toBe(true);
  });

  it('that this bot never made get an honest private notice, with the note', async () => {
    const message = await askFor(QUESTION);
    const handle = await run.fake.buttonClick({ customId: 'some-other-bot:click', message });
    const told = await handle.waitForFinal();
    expect(textOf(told)).toContain(UNKNOWN_BUTTON_TEXT);
    expect(textOf(told)).not.toContain('older version');
    expect((told.flags ?? 0) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(carriesNote(told, note)).toBe(true);
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
      expect(textOf(told)).toContain(STALE_BUTTON_TEXT);
      expect((told.flags ?? 0) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
      expect(carriesNote(told, run.engine.safety.safetyNote)).toBe(true);
    } finally {
      await run.restart({ engine: testEngine() });
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
