/** One line typed into `npm run chat`: a command, or a question that may follow on from the last one. */
import { describe, expect, it } from 'vitest';
import { consoleHelp, runChatLine, type ChatState } from '../../src/console/chat-commands.js';
import type { Reply } from '../../src/engine/reply.js';
import { engine } from '../helpers/engine.js';

const run = (line: string, state: ChatState = {}): Reply => {
  const reply = runChatLine(engine(), line, state);
  if (reply === 'quit' || reply === 'empty') throw new Error(`"${line}" gave ${reply}`);
  return reply;
};

describe('npm run chat', () => {
  it('answers a plain line as a question, and /ask the same way', () => {
    expect(run('Is kratom addictive?').passages[0]?.id).toBe(engine().answer('Is kratom addictive?').passages[0]?.id);
    expect(run('/ask Is kratom addictive?').passages[0]?.id).toBe(engine().answer('Is kratom addictive?').passages[0]?.id);
  });

  it('follows on from the previous exchange: "tell me more" continues its section', () => {
    const state: ChatState = {};
    const first = run('Is kratom addictive?', state);
    const more = run('tell me more', state);
    expect(more.passages.length).toBeGreaterThan(0);
    expect(more.passages.map((p) => p.id)).not.toEqual(first.passages.map((p) => p.id));
    expect(more.passages[0]?.section).toBe(first.passages[0]?.section);
  });

  it('/section, /sections, /safety and /help give the engine’s lookups', () => {
    expect(run('/sections')).toEqual(engine().contents());
    expect(run('/section')).toEqual(engine().contents());
    expect(run('/safety')).toEqual(engine().safetySummary());
    expect(run('/help')).toEqual(consoleHelp(engine()));
    expect(run('/section Dependency and Withdrawal').kind).toBe(engine().section('Dependency and Withdrawal').kind);
  });

  it('an empty line is neither a question nor a command', () => {
    expect(runChatLine(engine(), '   ', {})).toBe('empty');
  });

  it('/quit and /exit end the chat', () => {
    expect(runChatLine(engine(), '/quit', {})).toBe('quit');
    expect(runChatLine(engine(), '/EXIT', {})).toBe('quit');
  });

  it('an unknown command is named, with the list of commands, and the note', () => {
    const reply = run('/dose');
    expect(reply.kind).toBe('notice');
    expect(JSON.stringify(reply)).toContain('Unknown command \\"/dose\\"');
    expect(reply.safetyNote).toBe(engine().safety.safetyNote);
  });
});
