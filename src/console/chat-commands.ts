/** What one line typed into `npm run chat` does: a command (/ask, /section, …) or a question. */
import type { AnswerEngine } from '../engine/engine.js';
import type { ConversationContext, Reply } from '../engine/reply.js';

export interface ChatState {
  /** The previous exchange, for follow-ups ("tell me more"). */
  context?: ConversationContext;
}

export function runChatLine(engine: AnswerEngine, line: string, state: ChatState): Reply | 'quit' {
  const trimmed = line.trim();
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
      return engine.help();
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
