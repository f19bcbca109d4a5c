/**
 * Structured JSON logs on stderr (pino). Two rules: a log never holds what someone asked, and
 * never a secret. Errors are reduced to their kind, message and stack (a REST error's request
 * body may quote a reply, and its URL may hold an interaction token), and every line is
 * scrubbed of the secrets given, as a last line of defence.
 */
import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger } from 'pino';

export interface LoggerOptions {
  level: string;
  /** Strings that must never be written (the bot token). */
  secrets?: string[];
  /** Default: stderr. Tests pass a stream to read the lines. */
  destination?: DestinationStream;
}

export function createLogger({ level, secrets = [], destination }: LoggerOptions): Logger {
  const hidden = secrets.filter((secret) => secret.length >= 8);
  return pino(
    {
      level,
      base: { pid: process.pid },
      serializers: { err: serializeError },
      hooks: {
        streamWrite: (line) => hidden.reduce((text, secret) => text.replaceAll(secret, '[redacted]'), line),
      },
    },
    destination ?? pino.destination({ fd: 2, sync: true }),
  );
}

/** Interaction and webhook tokens in REST paths. */
const TOKEN_IN_PATH = /\/(interactions|webhooks)\/(\d+)\/[^/?\s]+/g;

export function serializeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error, message: String(error).slice(0, 200) };
  const extra = error as Error & { code?: unknown; status?: unknown; method?: unknown; url?: unknown };
  return {
    type: error.name,
    message: scrubPath(error.message),
    ...(extra.code !== undefined && { code: extra.code }),
    ...(typeof extra.status === 'number' && { status: extra.status }),
    ...(typeof extra.method === 'string' && { method: extra.method }),
    ...(typeof extra.url === 'string' && { url: scrubPath(extra.url) }),
    stack: error.stack ? scrubPath(error.stack) : undefined,
  };
}

function scrubPath(text: string): string {
  return text.replace(TOKEN_IN_PATH, '/$1/$2/[token]');
}
