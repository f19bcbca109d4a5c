/**
 * `npm run ask -- "Is kratom addictive?"` prints one reply as a person reads it.
 * `npm run ask -- --json` reads questions from stdin, one per line, and writes one JSON record
 * per line to stdout, in order, and nothing else there.
 */
import { createInterface } from 'node:readline';
import { exitQuietlyWhenOutputCloses } from '../cli/closed-output.js';
import { createEngineOrExit } from '../cli/engine-or-exit.js';
import { explainTrace } from '../engine/trace.js';
import { QuoteLabels } from '../present/quote-labels.js';
import { toJsonRecord } from './json-record.js';
import { renderConsole } from './render-console.js';
import { terminalWidth } from './wrap.js';

const USAGE = `usage: npm run ask -- "your question"
       npm run ask -- --explain "your question"   (the reply, then how it was decided)
       npm run ask -- --json < questions.txt   (one question per line in, one JSON object per line out)`;

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const json = args.includes('--json');
  const explain = args.includes('--explain');
  const question = args.filter((arg) => arg !== '--json' && arg !== '--explain').join(' ');

  exitQuietlyWhenOutputCloses();
  const engine = createEngineOrExit();
  const labels = QuoteLabels.fromEngine(engine);
  const show = (reply: ReturnType<typeof engine.answer>): string => renderConsole(reply, terminalWidth(), labels);

  if (question !== '') {
    const reply = engine.answer(question);
    process.stdout.write(json ? `${JSON.stringify(toJsonRecord(question, reply))}\n` : `${show(reply)}\n`);
    if (explain && reply.trace) process.stdout.write(`\n— how this was decided —\n${explainTrace(reply.trace)}\n`);
    return;
  }
  if (process.stdin.isTTY && !json) {
    process.stderr.write(`${USAGE}\nor try: npm run chat\n`);
    process.exitCode = 2;
    return;
  }
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let first = true;
  for await (const line of lines) {
    const reply = engine.answer(line);
    if (json) {
      process.stdout.write(`${JSON.stringify(toJsonRecord(line, reply))}\n`);
    } else {
      process.stdout.write(`${first ? '' : '\n———\n\n'}> ${line}\n\n${show(reply)}\n`);
    }
    first = false;
  }
}

await main();
