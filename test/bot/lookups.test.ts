/** /section with its autocomplete, /sections, /safety and /help through the local Discord. */
import { InteractionResponseType, MessageFlags } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noteAsSubtext, SAFETY_SUMMARY_TITLE } from '../../src/discord/render.js';
import { carriesNote, quotedIn, quotesOf, startDeployedBot, textOf, type Running } from './harness.js';

describe('reading the article', () => {
  let run: Running;
  let note: string;

  beforeAll(async () => {
    ({ run, note } = await startDeployedBot());
  });
  afterAll(() => run?.close());

  async function choices(typed: string): Promise<{ name: string; value: string }[]> {
    const typing = await run.fake.autocomplete({ name: 'section', focused: 'name', value: typed });
    const callback = await typing.waitForResponse();
    expect(callback.type).toBe(InteractionResponseType.ApplicationCommandAutocompleteResult);
    return (callback.data as { choices: { name: string; value: string }[] }).choices;
  }

  it('autocomplete offers every section and sub-section title when the box is empty', async () => {
    const offered = await choices('');
    expect(offered.map((choice) => choice.name)).toEqual(run.engine.sections.map((entry) => entry.label));
    expect(offered.map((choice) => choice.name)).toContain('Seeking Professional Guidance › Consultation with a Healthcare Provider');
  });

  it('autocomplete finds a title from a misspelt word', async () => {
    const offered = await choices('withdrawl');
    expect(offered[0]?.name).toBe('Potential Considerations › Dependency and Withdrawal');
  });

  it('/section shows a whole section verbatim as block quotes, sub-sections included, with the note', async () => {
    const handle = await run.fake.slashCommand({ name: 'section', options: { name: 'Potential Considerations' } });
    const message = await handle.waitForFinal();
    const expected = run.engine.section('Potential Considerations').passages;
    expect(expected.length).toBe(3);
    expect(quotedIn(message)).toEqual(expected.map((quote) => run.engine.passage(quote.id)?.text));
    expect(carriesNote(message, note)).toBe(true);
  });

  it('/section names the section once, then heads each block with its sub-section only', async () => {
    const message = await (await run.fake.slashCommand({ name: 'section', options: { name: 'Potential Considerations' } })).waitForFinal();
    const headings = message.embeds.map((embed) => [embed.author?.name, embed.title]);
    expect(headings).toEqual([
      ['Potential Considerations', 'Variability in Effects'],
      [undefined, 'Dependency and Withdrawal'],
      [undefined, 'Lack of Regulation and Research'],
    ]);
  });

  it('/section introduction is titled as /sections lists it', async () => {
    const message = await (await run.fake.slashCommand({ name: 'section', options: { name: 'introduction' } })).waitForFinal();
    expect(message.embeds[0]?.title).toBe('Introduction');
    expect(textOf(await (await run.fake.slashCommand({ name: 'sections' })).waitForFinal())).toContain('Introduction');
  });

  it('/section takes the value autocomplete gives (the section key)', async () => {
    const [choice] = await choices('medications');
    const handle = await run.fake.slashCommand({ name: 'section', options: { name: choice!.value } });
    const message = await handle.waitForFinal();
    expect(message.embeds[0]?.title).toBe('Potential Interaction with Medications');
  });

  it('/section with an unknown name says so privately, suggests the closest, with the note', async () => {
    const handle = await run.fake.slashCommand({ name: 'section', options: { name: 'Dosage chart' } });
    const message = await handle.waitForFinal();
    expect(textOf(message)).toContain('No section is called "Dosage chart"');
    expect((message.flags ?? 0) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(carriesNote(message, note)).toBe(true);
  });

  it('/section echoes an unknown name neutralised: Markdown escaped, control characters gone, no mention', async () => {
    const typed = '**[free](https://evil.example)** <@&123456789012345678>\u202E\nnext';
    const handle = await run.fake.slashCommand({ name: 'section', options: { name: typed } });
    const text = textOf(await handle.waitForFinal());
    expect(text).toContain('No section is called "\\*\\*\\[free\\]\\(https\\://evil.example\\)\\*\\* \\<\\@&123456789012345678\\> next"');
    expect(text).not.toContain('\u202E');
  });

  it('/sections lists the table of contents with the note', async () => {
    const handle = await run.fake.slashCommand({ name: 'sections' });
    const message = await handle.waitForFinal();
    for (const entry of run.engine.sections.filter((s) => s.subsection !== null)) expect(textOf(message)).toContain(entry.subsection);
    expect(carriesNote(message, note)).toBe(true);
  });

  it('/safety gives the summary privately, in one embed titled once: verbatim sentences quoted under their section titles in bold, and the note last', async () => {
    const handle = await run.fake.slashCommand({ name: 'safety' });
    const message = await handle.waitForFinal();
    const summary = run.engine.safetySummary();
    expect((message.flags ?? 0) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(message.embeds).toHaveLength(1);
    expect(message.embeds[0]?.title).toBe(SAFETY_SUMMARY_TITLE);
    expect(textOf(message).split(SAFETY_SUMMARY_TITLE)).toHaveLength(2);
    const names = [...(message.embeds[0]?.description ?? '').matchAll(/^\*\*(.+)\*\*$/gm)].map((match) => match[1]);
    expect(names).toEqual(summary.passages.map((quote) => quote.subsection ?? quote.section));
    expect(quotedIn(message)).toEqual(quotesOf(summary));
    for (const quote of summary.passages) expect(run.engine.passage(quote.id)?.text).toContain(quote.text);
    expect(carriesNote(message, note)).toBe(true);
    expect(message.embeds[0]?.description?.endsWith(noteAsSubtext(note))).toBe(true);
  });

  it('/help says what the bot does and where its answers come from, with the note', async () => {
    const handle = await run.fake.slashCommand({ name: 'help' });
    const message = await handle.waitForFinal();
    expect(textOf(message)).toContain('strictly from the article “Exploring the Influence of Kratom');
    expect(carriesNote(message, note)).toBe(true);
  });
});
