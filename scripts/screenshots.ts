/**
 * `npm run screenshots`: the bot's real replies, as Discord shows them, at phone width (390 px)
 * and desktop width (1280 px), into docs/screenshots/. Each reply comes from the real engine and
 * the bot's own Discord rendering (render.ts, buttons.ts), is drawn as HTML in Discord's dark
 * theme (scripts/discord-html.ts), and is photographed whole by headless Chromium
 * (scripts/chromium.ts).
 *
 * Needs Chromium (`apt-get install -y chromium`, or CHROMIUM=/path/to/chrome) and, for emoji,
 * a colour emoji font (`fonts-noto-color-emoji`). Not part of `npm test`: CI has no Chromium.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ButtonCodec } from '../src/discord/buttons.js';
import { renderReply } from '../src/discord/render.js';
import { createEngine } from '../src/engine/engine.js';
import type { Reply } from '../src/engine/reply.js';
import { QuoteLabels } from '../src/present/quote-labels.js';
import { Chromium, findChromium } from './chromium.js';
import { pageHtml, type ShownExchange } from './discord-html.js';

const OUT = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));
const WIDTHS = { phone: 390, desktop: 1280 } as const;
const BOT_NAME = 'Kratom Guide';

const engine = createEngine();
const labels = QuoteLabels.fromEngine(engine);
const buttons = new ButtonCodec(engine, labels);

interface Scenario {
  name: string;
  /** What the screenshot shows, for docs/screenshots/README.md. */
  caption: string;
  invocation: ShownExchange['invocation'];
  reply: Reply;
  withButtons: boolean;
  ephemeral: boolean;
}

const member = 'alex';
const answer = engine.answer('Is kratom addictive?');
const scenarios: Scenario[] = [
  {
    name: 'answer',
    caption: '`/ask question:Is kratom addictive?`: an answer, with its buttons',
    invocation: { user: member, command: '/ask' },
    reply: answer,
    withButtons: true,
    ephemeral: false,
  },
  {
    name: 'partial-answer',
    caption: 'a mention the article covers only in general: it says so first, then quotes the closest passage',
    invocation: { user: member, text: '@Kratom Guide what are the withdrawal symptoms exactly?' },
    reply: engine.answer('what are the withdrawal symptoms exactly?'),
    withButtons: true,
    ephemeral: false,
  },
  {
    name: 'not-covered',
    caption: '`/ask question:Is kratom safe during pregnancy?`: not covered',
    invocation: { user: member, command: '/ask' },
    reply: engine.answer('Is kratom safe during pregnancy?'),
    withButtons: true,
    ephemeral: false,
  },
  {
    name: 'crisis',
    caption: 'a mention that sounds like an emergency: urgent guidance first',
    invocation: { user: member, text: '@Kratom Guide I took way too much kratom and my chest hurts' },
    reply: engine.answer('I took way too much kratom and my chest hurts'),
    withButtons: true,
    ephemeral: false,
  },
  {
    name: 'more',
    caption: '**More from Potential Considerations** clicked under someone else’s answer: private to whoever clicked',
    invocation: { user: 'sam', command: 'More from Potential Considerations' },
    reply: engine.more(answer.context!),
    withButtons: true,
    ephemeral: true,
  },
  {
    name: 'help',
    caption: '`/help` (private)',
    invocation: { user: member, command: '/help' },
    reply: engine.help(),
    withButtons: false,
    ephemeral: true,
  },
  {
    name: 'section',
    caption: '`/section name:Potential Considerations`',
    invocation: { user: member, command: '/section' },
    reply: engine.section('Potential Considerations'),
    withButtons: false,
    ephemeral: false,
  },
  {
    name: 'safety',
    caption: '`/safety` (private; `/pin-safety` posts the same for everyone)',
    invocation: { user: member, command: '/safety' },
    reply: engine.safetySummary(),
    withButtons: false,
    ephemeral: true,
  },
];

async function main(): Promise<void> {
  const binary = findChromium();
  if (!binary) {
    process.stderr.write('screenshots: Chromium not found. Install it (apt-get install -y chromium) or set CHROMIUM=/path/to/chrome.\n');
    process.exit(1);
  }
  const browser = await Chromium.launch(binary);
  const work = mkdtempSync(join(tmpdir(), 'kratom-guide-screenshots-'));
  mkdirSync(OUT, { recursive: true });
  const index: string[] = [
    '# Screenshots',
    '',
    'The bot’s real replies (the engine and the Discord rendering in `src/discord/`), drawn as Discord’s dark theme shows them, at phone width (390 px) and desktop width (1280 px). Made by `npm run screenshots` (`scripts/screenshots.ts`); rerun it after changing a reply or its rendering.',
    '',
  ];
  try {
    for (const scenario of scenarios) {
      const components = scenario.withButtons ? buttons.buttonsFor(scenario.reply) : [];
      const exchange: ShownExchange = {
        invocation: scenario.invocation,
        messages: renderReply(scenario.reply, components, labels),
        ephemeral: scenario.ephemeral,
        botName: BOT_NAME,
      };
      const file = join(work, `${scenario.name}.html`);
      writeFileSync(file, pageHtml(exchange));
      const shots: string[] = [];
      for (const [device, width] of Object.entries(WIDTHS)) {
        const png = join(OUT, `${scenario.name}-${device}.png`);
        writeFileSync(
          png,
          await browser.screenshot(`file://${file}`, width, 'document.querySelector("main").getBoundingClientRect().bottom'),
        );
        shots.push(`${scenario.name}-${device}.png`);
        process.stdout.write(`${png} (${width} px, ${scenario.reply.kind})\n`);
      }
      index.push(
        `## ${scenario.name} — ${scenario.reply.kind}`,
        '',
        `${scenario.caption}.`,
        '',
        `<img src="${shots[0]}" width="390" alt="${scenario.name}, phone"> <img src="${shots[1]}" width="640" alt="${scenario.name}, desktop">`,
        '',
      );
    }
    writeFileSync(join(OUT, 'README.md'), `${index.join('\n')}`);
  } finally {
    await browser.close();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
