/**
 * `npm run chat`: an interactive console with the bot's commands and plain questions with
 * follow-ups. Nothing typed here is stored; the follow-up context lives only in this process.
 */
import { createInterface } from 'node:readline/promises';
import { exitQuietlyWhenOutputCloses } from '../cli/closed-output.js';
import { createEngineOrExit } from '../cli/engine-or-exit.js';
import { renderText } from '../engine/render-text.js';
import { runChatLine, type ChatState } from './chat-commands.js';

exitQuietlyWhenOutputCloses();
const engine = createEngineOrExit();

const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
const state: ChatState = {};
process.stdout.write(`kratom-guide console. Ask a question, or type /help. /quit (or Ctrl-D) leaves.\n\n${renderText(engine.help())}\n\n`);
rl.setPrompt('you> ');
rl.prompt();
for await (const line of rl) {
  const result = runChatLine(engine, line, state);
  if (result === 'quit') break;
  process.stdout.write(`\n${renderText(result)}\n\n`);
  rl.prompt();
}
rl.close();
