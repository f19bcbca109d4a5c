/**
 * The REST side's plumbing: route table matching, request parsing (JSON and multipart with
 * payload_json, as @discordjs/rest sends files), Discord-style errors, and the request log.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { RestError, unauthorized } from './errors.js';
import type { UploadedFile } from './messages.js';

export const API_PREFIX = '/api/v10';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ParsedRequest {
  method: string;
  /** Path below /api/v10, without the query string. */
  path: string;
  query: URLSearchParams;
  body: unknown;
  files: UploadedFile[];
  authorization: string | undefined;
}

export type RestResult = { status: 200; body: unknown } | { status: 204 };
export const ok = (body: unknown): RestResult => ({ status: 200, body });
export const noContent = (): RestResult => ({ status: 204 });

export class RouteParams {
  constructor(private readonly values: ReadonlyMap<string, string>) {}

  get(name: string): string {
    const value = this.values.get(name);
    if (value === undefined) throw new Error(`route has no :${name} parameter`);
    return value;
  }
}

export type RouteHandler<Ctx> = (ctx: Ctx, req: ParsedRequest, params: RouteParams) => RestResult | Promise<RestResult>;

export interface RouteDef<Ctx> {
  method: HttpMethod;
  /** e.g. "/channels/:channel/messages/:message" */
  path: string;
  /** Needs "Authorization: Bot <token>" (interaction callbacks and webhooks do not). */
  auth: boolean;
  handler: RouteHandler<Ctx>;
}

export interface RecordedRequest {
  seq: number;
  /** ms since the fake started */
  at: number;
  method: string;
  path: string;
  /** Matched route template, or null when no route matched (unknown route). */
  route: string | null;
  query: Record<string, string>;
  /** Parsed JSON body (or multipart payload_json); undefined when there was none. */
  body: unknown;
  files: UploadedFile[];
  authorized: boolean;
  /** X-Audit-Log-Reason, decoded */
  reason?: string;
  status: number;
  response?: unknown;
  error?: { code: number; message: string };
}

interface CompiledRoute<Ctx> extends RouteDef<Ctx> {
  regex: RegExp;
  keys: string[];
}

function compile<Ctx>(route: RouteDef<Ctx>): CompiledRoute<Ctx> {
  const keys: string[] = [];
  const pattern = route.path.replace(/:(\w+)/g, (_m, key: string) => {
    keys.push(key);
    return '([^/]+)';
  });
  return { ...route, keys, regex: new RegExp(`^${pattern}$`) };
}

const MAX_BODY_BYTES = 26 * 1024 * 1024;

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new RestError(413, 40005, 'Request entity too large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** multipart/form-data: `payload_json` is the JSON body, `files[n]` are attachments. */
async function parseMultipart(raw: Buffer, contentType: string): Promise<{ body: unknown; files: UploadedFile[] }> {
  const form = await new Request('http://127.0.0.1/', { method: 'POST', headers: { 'content-type': contentType }, body: raw }).formData();
  let body: unknown;
  const files: UploadedFile[] = [];
  for (const [key, value] of form.entries()) {
    if (typeof value === 'string') {
      if (key === 'payload_json') body = JSON.parse(value);
      continue;
    }
    files.push({ key, filename: value.name, size: value.size, contentType: value.type || 'application/octet-stream' });
  }
  return { body, files };
}

async function parseBody(req: IncomingMessage, raw: Buffer): Promise<{ body: unknown; files: UploadedFile[] }> {
  if (raw.length === 0) return { body: undefined, files: [] };
  const contentType = req.headers['content-type'] ?? '';
  try {
    if (contentType.startsWith('multipart/form-data')) return await parseMultipart(raw, contentType);
    return { body: JSON.parse(raw.toString('utf8')), files: [] };
  } catch {
    throw new RestError(400, 50109, 'The request body contains invalid JSON.');
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** A failure the fake answers instead of handling a request: a 429 (with its Retry-After) or a server error. */
export type RestFault = { status: 429; retryAfterSeconds: number; global?: boolean } | { status: 500 | 502 | 503 };

function sendFault(res: ServerResponse, fault: RestFault): void {
  if (fault.status === 429) {
    const body = JSON.stringify({
      message: 'You are being rate limited.',
      retry_after: fault.retryAfterSeconds,
      global: fault.global ?? false,
    });
    res.writeHead(429, {
      'content-type': 'application/json',
      'retry-after': String(fault.retryAfterSeconds),
      'x-ratelimit-scope': fault.global ? 'global' : 'user',
      ...(fault.global ? { 'x-ratelimit-global': 'true' } : {}),
    });
    res.end(body);
    return;
  }
  const body = JSON.stringify({ message: `${fault.status}: injected server error`, code: 0 });
  res.writeHead(fault.status, { 'content-type': 'application/json' });
  res.end(body);
}

export interface RestServerOptions<Ctx> {
  ctx: Ctx;
  routes: Array<RouteDef<Ctx>>;
  /** Checks "Bot <token>"; returns false to answer 401. */
  authorize(authorization: string | undefined): boolean;
  /** Artificial latency added before every response. */
  delayMs: number;
  onRecorded(entry: RecordedRequest): void;
  /** Consulted for every routed request: a fault to answer with instead of handling it. */
  faultFor?(method: string, route: string): RestFault | undefined;
  /** Consulted for every routed request: a promise to wait for before handling it (a request held by a test). */
  holdFor?(method: string, route: string): Promise<void> | undefined;
}

/** Builds the node:http request listener. */
export function createRestListener<Ctx>(options: RestServerOptions<Ctx>): (req: IncomingMessage, res: ServerResponse) => void {
  const routes = options.routes.map(compile);
  const startedAt = performance.now();
  let seq = 0;

  const resolve = (method: string, path: string): { route?: CompiledRoute<Ctx>; params?: RouteParams; pathKnown: boolean } => {
    let pathKnown = false;
    for (const route of routes) {
      const match = route.regex.exec(path);
      if (!match) continue;
      pathKnown = true;
      if (route.method !== method) continue;
      const params = new Map(route.keys.map((key, i) => [key, decodeURIComponent(match[i + 1] ?? '')]));
      return { route, params: new RouteParams(params), pathKnown };
    }
    return { pathKnown };
  };

  return (req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const method = (req.method ?? 'GET').toUpperCase();
      const path = url.pathname.startsWith(`${API_PREFIX}/`) ? url.pathname.slice(API_PREFIX.length) : url.pathname;
      const reasonHeader = req.headers['x-audit-log-reason'];
      const entry: RecordedRequest = {
        seq: ++seq,
        at: Math.round(performance.now() - startedAt),
        method,
        path,
        route: null,
        query: Object.fromEntries(url.searchParams),
        body: undefined,
        files: [],
        authorized: typeof req.headers.authorization === 'string',
        ...(typeof reasonHeader === 'string' ? { reason: decodeURIComponent(reasonHeader) } : {}),
        status: 0,
      };
      let status: number;
      let body: unknown;
      try {
        const parsed = await parseBody(req, await readBody(req));
        entry.body = parsed.body;
        entry.files = parsed.files;
        const found = url.pathname.startsWith(`${API_PREFIX}/`) ? resolve(method, path) : { pathKnown: false };
        if (!found.route || !found.params) {
          throw found.pathKnown ? new RestError(405, 0, '405: Method Not Allowed') : new RestError(404, 0, '404: Not Found');
        }
        entry.route = found.route.path;
        const fault = options.faultFor?.(method, found.route.path);
        if (fault) {
          entry.status = fault.status;
          entry.error = { code: 0, message: `injected ${fault.status}` };
          options.onRecorded(entry);
          sendFault(res, fault);
          return;
        }
        const held = options.holdFor?.(method, found.route.path);
        if (held) await held;
        if (found.route.auth && !options.authorize(req.headers.authorization)) throw unauthorized();
        const request: ParsedRequest = {
          method,
          path,
          query: url.searchParams,
          body: parsed.body,
          files: parsed.files,
          authorization: req.headers.authorization,
        };
        const result = await found.route.handler(options.ctx, request, found.params);
        status = result.status;
        body = result.status === 200 ? result.body : undefined;
      } catch (error) {
        const restError = error instanceof RestError ? error : new RestError(500, 0, `Fake Discord internal error: ${String(error)}`);
        if (!(error instanceof RestError)) console.error('[fake-discord] handler crashed', error);
        status = restError.status;
        body = restError.toJSON();
        entry.error = { code: restError.code, message: restError.message };
      }
      entry.status = status;
      entry.response = body;
      options.onRecorded(entry);
      if (options.delayMs > 0) await new Promise((r) => setTimeout(r, options.delayMs));
      if (status === 204) {
        res.writeHead(204);
        res.end();
      } else {
        sendJson(res, status, body);
      }
    })();
  };
}
