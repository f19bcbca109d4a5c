/**
 * A long section on a bigger corpus: split over several messages within Discord's limits,
 * still verbatim and in order, with the note in every message; autocomplete within its limits.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIMessage } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployCommands } from '../../src/discord/deploy-commands.js';
import { LIMITS, renderReply } from '../../src/discord/render.js';
import { createEngine } from '../../src/engine/engine.js';
import { carriesNote, embedCharacters, quotedIn, startBot, TEST_TOKEN, type Running } from './harness.js';

const SENTENCE = 'Herbal teas have been brewed in many regions for centuries and people describe their taste in many different ways. ';
const LONG_TITLE = `A Very Long Sub-section Title About Tea ${'and Its Many Traditions '.repeat(6)}`.trim();

/** Ten paragraphs of 3,000 to 5,500 characters under one section, plus 30 short sections. */
function writeCorpus(dir: string): string[] {
  const paragraphs = Array.from({ length: 10 }, (_, i) => `Paragraph ${i + 1}. ${SENTENCE.repeat(26 + (i % 4) * 7)}`.trim());
  const short = Array.from({ length: 30 }, (_, i) => `## Short Section ${i + 1}\n\nShort text number ${i + 1} about tea.\n`);
  writeFileSync(
    join(dir, 'tea.md'),
    [
      '# A Guide to Tea',
      '',
      'Tea is a drink.',
      '',
      '## Everything About Tea',
      '',
      ...paragraphs.flatMap((p) => [p, '']),
      `### ${LONG_TITLE}`,
      '',
      'Some traditions.',
      '',
      ...short,
    ].join('\n'),
  );
  return paragraphs;
}

describe('a long section', () => {
  let dir: string;
  let run: Running;
  let paragraphs: string[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kratom-guide-corpus-'));
    paragraphs = writeCorpus(dir);
    run = await startBot({ engine: createEngine({ corpusDir: dir }) });
    await deployCommands({ token: TEST_TOKEN, apiUrl: run.fake.apiBaseUrl });
  });
  afterAll(async () => {
    await run?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The reply and its follow-ups: as many messages as the renderer makes of the section. */
  async function readSection(name: string): Promise<APIMessage[]> {
    const count = renderReply(run.engine.section(name)).length;
    const handle = await run.fake.slashCommand({ name: 'section', options: { name } });
    const first = await handle.waitForFinal();
    const rest = await Promise.all(Array.from({ length: count - 1 }, (_, i) => handle.waitForFollowUp(i + 1)));
    return [first, ...rest];
  }

  it('arrives in several messages, each within Discord’s limits and each with the note', async () => {
    const messages = await readSection('Everything About Tea');
    expect(messages.length).toBeGreaterThan(1);
    for (const message of messages) {
      expect(message.embeds.length).toBeLessThanOrEqual(LIMITS.embedsPerMessage);
      expect(embedCharacters(message.embeds)).toBeLessThanOrEqual(LIMITS.embedCharacters);
      for (const embed of message.embeds) expect(embed.description?.length ?? 0).toBeLessThanOrEqual(LIMITS.description);
      expect(carriesNote(message, run.engine.safety.safetyNote)).toBe(true);
    }
  });

  it('keeps every paragraph word for word and in order across the messages', async () => {
    const messages = await readSection('Everything About Tea');
    const shown = messages.flatMap(quotedIn).join(' ');
    const expected = [...paragraphs, 'Some traditions.'].join(' ');
    expect(shown.length).toBe(expected.length); // (a length first: a failing diff of 40,000 characters says little)
    expect(shown === expected).toBe(true);
  });

  it('autocomplete offers at most 25 choices of at most 100 characters', async () => {
    const typing = await run.fake.autocomplete({ name: 'section', focused: 'name', value: '' });
    const { choices } = (await typing.waitForResponse()).data as { choices: { name: string; value: string }[] };
    expect(run.engine.sections.length).toBeGreaterThan(25);
    expect(choices).toHaveLength(25);
    for (const choice of choices) {
      expect(choice.name.length).toBeLessThanOrEqual(100);
      expect(choice.value.length).toBeLessThanOrEqual(100);
    }
    expect(choices.some((choice) => choice.name.startsWith('Everything About Tea › A Very Long'))).toBe(true);
  });
});
