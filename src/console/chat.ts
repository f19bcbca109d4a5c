/**
 * `npm run chat`: an interactive console with the bot's commands and plain questions with
 * follow-ups. Replies are wrapped to the terminal's width. Nothing typed here is stored; the
 * follow-up context lives only in this process. Ctrl-C and Ctrl-D leave with the prompt line
 * closed and exit code 0.
 */
import { createInterface } from 'node:readline/promises';
import { exitQuietlyWhenOutputCloses } from '../cli/closed-output.js';
import { createEngineOrExit } from '../cli/engine-or-exit.js';
import { QuoteLabels } from '../present/quote-labels.js';
import { consoleHelp, EMPTY_LINE_HINT, runChatLine, type ChatState } from './chat-commands.js';
import { renderConsole } from './render-console.js';
import { terminalWidth, wrapText } from './wrap.js';

exitQuietlyWhenOutputCloses();
const engine = createEngineOrExit();
const labels = QuoteLabels.fromEngine(engine);

const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
const leave = (): void => {
  // The prompt's line is ended, so the shell's prompt starts on a line of its own.
  process.stdout.write('\n');
  rl.close();
  process.exit(0);
};
rl.on('SIGINT', leave);

const state: ChatState = {};
const print = (text: string): void => void process.stdout.write(`${text}\n\n`);
print(wrapText('kratom-guide console. Ask a question, or type /help. /quit (or Ctrl-D) leaves.', terminalWidth()));
print(renderConsole(consoleHelp(engine), terminalWidth(), labels));
rl.setPrompt('you> ');
rl.prompt();
let quit = false;
for await (const line of rl) {
  const result = runChatLine(engine, line, state);
  if (result === 'quit') {
    quit = true;
    break;
  }
  if (result === 'empty') print(wrapText(EMPTY_LINE_HINT, terminalWidth()));
  else print(`\n${renderConsole(result, terminalWidth(), labels)}`);
  rl.prompt();
}
rl.close();
// Ctrl-D leaves the cursor after "you> ": end that line.
if (!quit && process.stdin.isTTY) process.stdout.write('\n');
