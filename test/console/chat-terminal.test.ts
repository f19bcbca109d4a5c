/**
 * `npm run chat` in a real terminal: the entry point runs in a pseudo-terminal of a given width
 * (Python's pty module drives it: test/console/pty-driver.py), reads typed lines at its prompt,
 * and is left with Ctrl-C. What the terminal shows is checked line by line.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { EMPTY_LINE_HINT } from '../../src/console/chat-commands.js';
import { engine } from '../helpers/engine.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const driver = join(root, 'test', 'console', 'pty-driver.py');
const tsx = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const chat = join(root, 'src', 'console', 'chat.ts');
const PROMPT = 'you> ';

interface Session {
  /** What the terminal shows, line by line, without escape sequences. */
  lines: string[];
  code: number;
  raw: string;
}

function runChat(columns: number, inputs: string[]): Promise<Session> {
  return new Promise((resolve, reject) => {
    execFile(
      'python3',
      [driver, String(columns), PROMPT, JSON.stringify(inputs), '--', process.execPath, tsx, chat],
      { cwd: root, timeout: 90_000 },
      (error, stdout) => {
        if (error) {
          reject(new Error(error.message));
          return;
        }
        const { output, code } = JSON.parse(stdout) as { output: string; code: number };
        // Terminal escape sequences (ESC [ …) are not what a person reads.
        const visible = output.replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;?]*[A-Za-z]`, 'g'), '').replace(/\r/g, '');
        resolve({ lines: visible.split('\n'), code, raw: output });
      },
    );
  });
}

/** The lines of the quote that starts with `opening`: from its “ to its ”. */
function quoteLines(lines: string[], opening: string): string[] {
  const start = lines.findIndex((line) => line.startsWith(`  “${opening}`));
  if (start === -1) throw new Error(`no quote starting "${opening}" on screen`);
  const end = lines.findIndex((line, i) => i >= start && line.endsWith('”'));
  return lines.slice(start, end + 1);
}

const QUESTION = 'Is kratom addictive?';

describe.each([60, 100])('npm run chat in a terminal %i columns wide', (columns) => {
  let session: Session;
  const passage = engine().answer(QUESTION).passages[0]!.text;

  beforeAll(async () => {
    session = await runChat(columns, [QUESTION, '', '/section introduction', '/help']);
  }, 120_000);

  it('keeps every line within the terminal’s width', () => {
    const widest = Math.max(...session.lines.map((line) => line.length));
    expect(widest).toBeLessThanOrEqual(columns);
    expect(widest).toBeGreaterThan(columns - 15); // it uses the width it has
  });

  it('wraps a quote at word boundaries with a hanging indent, every word kept', () => {
    const lines = quoteLines(session.lines, passage.slice(0, 20));
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines.slice(1)) expect(line).toMatch(/^ {3}\S/);
    expect(lines.map((line) => line.trim()).join(' ')).toBe(`“${passage}”`);
  });

  it('answers an empty line with one short hint, not the help', () => {
    const afterEmpty = session.lines.findIndex((line) => line.includes(EMPTY_LINE_HINT.slice(0, 20)));
    expect(afterEmpty).toBeGreaterThan(-1);
    const nextPrompt = session.lines.findIndex((line, i) => i > afterEmpty && line.startsWith(PROMPT));
    expect(
      session.lines
        .slice(afterEmpty, nextPrompt)
        .filter((line) => line.trim() !== '')
        .join(' '),
    ).toBe(EMPTY_LINE_HINT);
  });

  it('titles /section introduction "Introduction", as /sections lists it', () => {
    const typed = session.lines.findIndex((line) => line.endsWith('/section introduction'));
    expect(session.lines.slice(typed + 1).find((line) => line.trim() !== '')).toBe('Introduction');
  });

  it('has its own help: the console’s commands with /quit, and nothing about Discord mentions', () => {
    const typed = session.lines.findIndex((line) => line.endsWith('/help'));
    const help = session.lines.slice(typed + 1).join(' ');
    expect(help).toContain('/quit');
    expect(help).not.toMatch(/mention/i);
  });

  it('leaves on Ctrl-C with exit code 0 and the prompt’s line ended', () => {
    expect(session.code).toBe(0);
    expect(session.raw.endsWith('\n')).toBe(true);
    expect(session.lines.at(-1)).toBe('');
  });
});
