/** What one line typed into `npm run chat` does: a command (/ask, /section, …) or a question. */
import type { AnswerEngine } from '../engine/engine.js';
import type { ConversationContext, Reply } from '../engine/reply.js';

export interface ChatState {
  /** The previous exchange, for follow-ups ("tell me more"). */
  context?: ConversationContext;
}

/** The console's own commands, in its help; mentions and replies exist only on Discord. */
export const CONSOLE_COMMANDS =
  'Commands: /ask <question> (or just type it), /section <name> to read a section, /sections for the contents, /safety for the safety summary, /help for this, /quit (or Ctrl-D) to leave. Say "tell me more" to continue an answer.';

/** What an empty line gets: one short hint, not the whole help. */
export const EMPTY_LINE_HINT = 'Type a question, /help for the commands, or /quit to leave.';

/** The engine's help with the console's commands in place of Discord's (no mentions, replies or slash menus). */
export function consoleHelp(engine: AnswerEngine): Reply {
  const help = engine.help();
  const general = help.lead.filter((line) => !/^Commands?:/i.test(line) && !/\bmention/i.test(line));
  return { ...help, lead: [...general, CONSOLE_COMMANDS] };
}

/** What a typed line does: a reply, leaving, or (an empty line) just a hint. */
export function runChatLine(engine: AnswerEngine, line: string, state: ChatState): Reply | 'quit' | 'empty' {
  const trimmed = line.trim();
  if (trimmed === '') return 'empty';
  const command = /^\/(\S+)\s*([\s\S]*)$/.exec(trimmed);
  if (!command) return ask(engine, trimmed, state);
  const [, name, rest] = command as unknown as [string, string, string];
  switch (name.toLowerCase()) {
    case 'ask':
      return ask(engine, rest, state);
    case 'section':
      return rest.trim() === '' ? engine.contents() : engine.section(rest);
    case 'sections':
      return engine.contents();
    case 'safety':
      return engine.safetySummary();
    case 'help':
      return consoleHelp(engine);
    case 'quit':
    case 'exit':
      return 'quit';
    default:
      return engine.notice(`Unknown command "/${name}". Commands: /ask, /section, /sections, /safety, /help, /quit.`);
  }
}

function ask(engine: AnswerEngine, question: string, state: ChatState): Reply {
  const reply = engine.answer(question, state.context);
  if (reply.context) state.context = reply.context;
  return reply;
}
