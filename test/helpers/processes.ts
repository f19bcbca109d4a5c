/** Child processes in tests: a clean environment, their output, and whether a process is still alive. */
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export const ROOT = resolve(import.meta.dirname, '../..');

/** `node --import TSX_LOADER file.ts` runs TypeScript as `npm start` does, from any working directory. */
export const TSX_LOADER = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

/** The bot's own settings, removed from the inherited environment so a developer's shell cannot change a test. */
const SETTINGS = /^(DISCORD_|LOG_LEVEL$|COOLDOWN_SECONDS$|SHARD_|TOTAL_SHARDS$|SAFETY_NOTE_EXTRA$|CRISIS_TEXT$|CORPUS_DIR$|DATABASE_)/;

export function cleanEnvironment(extra: Record<string, string>): NodeJS.ProcessEnv {
  const base = Object.fromEntries(Object.entries(process.env).filter(([name]) => !SETTINGS.test(name)));
  return { ...base, ...extra };
}

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Collects a child's output (it must have been spawned with piped stdout and stderr) until it exits. */
export async function finished(child: ChildProcess): Promise<Finished> {
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
  return { code, signal, stdout, stderr };
}

/** Whether a process is still running: an exited one that its new parent has not reaped yet (a zombie) is not. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    // /proc/PID/stat: "pid (name) STATE …"; Z is a zombie (Linux; elsewhere the signal check stands alone).
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

/** The pids that wrote the bot's JSON log lines (pino puts each process's pid on every line). */
export function loggingPids(stderr: string): number[] {
  const pids = stderr
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => (JSON.parse(line) as { pid?: number }).pid)
    .filter((pid): pid is number => typeof pid === 'number');
  return [...new Set(pids)];
}

/** The `event` of every JSON log line. */
export function logEvents(stderr: string): string[] {
  return stderr
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => String((JSON.parse(line) as { event?: unknown }).event));
}
