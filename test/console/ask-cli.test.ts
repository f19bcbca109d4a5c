/**
 * The console bot as moderators run it: the real entry point in a child process.
 * `--json` must write exactly one JSON object per question on stdout and nothing else
 * (natural's package root would load dotenv, which prints there: the engine must not import it).
 * The record's fields and the chat commands are specified in-process: json-record.test.ts, chat-commands.test.ts.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
// As `npm run ask` runs it, minus tsx's own CLI process: node loads tsx's loader directly.
const tsxLoader = pathToFileURL(join(root, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
const askScript = join(root, 'src', 'console', 'ask.ts');

interface Run {
  stdout: string;
  stderr: string;
  code: number;
}

function runAsk(args: string[], input: string, cwd = root, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ['--import', tsxLoader, askScript, ...args],
      { cwd, env: { PATH: process.env.PATH, ...env }, timeout: 20_000 },
      (error, stdout, stderr) => {
        resolve({
          stdout,
          stderr,
          code: error ? (((error as NodeJS.ErrnoException & { code?: number }).code as unknown as number) ?? 1) : 0,
        });
      },
    );
    child.stdin!.end(input);
  });
}

/** A working directory with a `.env`, as a deployment has: nothing may read it "behind our back" and print. */
function folderWithDotEnv(contents: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'kratom-ask-'));
  writeFileSync(join(dir, '.env'), contents);
  return dir;
}

// Each test runs the CLI as a process that loads the engine; its own limit is 20 s (runAsk), and so is the test's.
describe('npm run ask -- --json', { timeout: 20_000 }, () => {
  it('writes one JSON line per question, in order, and nothing else on stdout', async () => {
    const questions = ['Is kratom addictive?', 'hi', 'Can kratom treat migraines?', 'I want to end my life'];
    const run = await runAsk(['--json'], `${questions.join('\n')}\n`, folderWithDotEnv('SAFETY_NOTE_EXTRA=Local helpline: 0800 000 000\n'));
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n').filter((line) => line !== '');
    expect(lines).toHaveLength(questions.length);
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records.map((r) => r.question)).toEqual(questions);
    expect(records.map((r) => r.kind)).toEqual(['answer', 'help', 'no_match', 'crisis']);
  });

  it('adds the topic a not-covered question is about, whether an answer is partial, and the risk', async () => {
    const run = await runAsk(['--json'], 'how many grams should i take for a first time?\nwhat are the withdrawal symptoms exactly?\n');
    const [notCovered, partial] = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(notCovered).toMatchObject({ kind: 'no_match', topic: 'doses', risk: 'none' });
    expect(notCovered!.reply).toContain('does not cover doses and amounts');
    expect(partial).toMatchObject({ kind: 'answer', coverage: 'partial' });
    expect(partial!.reply).toMatch(/^The article does not go into that; the closest it says is:/);
  });

  it('prints how a reply was decided with --explain', async () => {
    const run = await runAsk(['--explain', 'Is kratom addictive?'], '');
    expect(run.stdout).toMatch(/how this was decided/);
    expect(run.stdout).toMatch(/risk: none/);
    expect(run.stdout).toMatch(/candidates \(model \+ lexical = score\):\n\s+[\d.]+\s+model\s+[\d.]+%.*dependency-and-withdrawal/);
  });

  it('applies SAFETY_NOTE_EXTRA from a .env in the working directory', async () => {
    const run = await runAsk(['--json'], 'hi\n', folderWithDotEnv('SAFETY_NOTE_EXTRA=Local helpline: 0800 000 000\n'));
    expect((JSON.parse(run.stdout) as { safetyNote: string }).safetyNote).toMatch(/Local helpline: 0800 000 000$/);
  });
});

describe('npm run ask -- "question"', { timeout: 20_000 }, () => {
  it('prints the reply as a person reads it: section title, quote, note', async () => {
    const run = await runAsk(['Is kratom addictive?'], '');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Potential Considerations › Dependency and Withdrawal');
    expect(run.stdout).toContain('“Long-term or excessive use of kratom');
    expect(run.stdout).toContain('⚠️ Educational information');
  });

  it('stops with one line naming the file and line when the corpus is malformed', async () => {
    const corpus = mkdtempSync(join(tmpdir(), 'kratom-bad-'));
    writeFileSync(join(corpus, 'broken.md'), '# T\n\n## A\n\nx\n\n## A\n\ny\n');
    const run = await runAsk(['hello'], '', root, { CORPUS_DIR: corpus });
    expect(run.code).not.toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/broken\.md:7: duplicate section title "A"/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
