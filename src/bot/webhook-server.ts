/**
 * Webhook mode's HTTP server. POST on the webhook path with the right
 * `X-Telegram-Bot-Api-Secret-Token` → 200 and the update is handed on; a missing header → 401,
 * a wrong one → 403, and nothing is processed. `GET /healthz` → 200 once the bot is ready
 * (503 before, and while stopping; updates are then refused with 503 so Telegram retries them).
 * Anything else → 404 / 405. Request URLs and headers are never logged.
 */
import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Update } from 'telegraf/types';
import type { Logger } from '../logger.ts';

export const SECRET_HEADER = 'x-telegram-bot-api-secret-token';
export const MAX_UPDATE_BYTES = 1024 * 1024;

export interface WebhookServerOptions {
  readonly path: string;
  readonly secret: string;
  readonly log: Logger;
  readonly onUpdate: (update: Update) => void;
  readonly isReady: () => boolean;
}

export function secretMatches(given: string | string[] | undefined, secret: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

function send(res: ServerResponse, status: number, body = '', headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers });
  res.end(body);
}

async function readBody(req: IncomingMessage, max: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > max) return null;
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

function isUpdate(value: unknown): value is Update {
  return (
    typeof value === 'object' &&
    value !== null &&
    Number.isInteger((value as { update_id?: unknown }).update_id)
  );
}

export function createWebhookServer(opts: WebhookServerOptions): Server {
  const { log } = opts;
  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      log.error({ err }, 'webhook request failed');
      if (!res.headersSent) send(res, 500);
      else res.end();
    });
  });
  server.keepAliveTimeout = 30_000;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path === '/healthz') {
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, '', { allow: 'GET' });
      return opts.isReady() ? send(res, 200, 'ok\n') : send(res, 503, 'starting\n');
    }
    if (path !== opts.path) return send(res, 404);
    if (req.method !== 'POST') return send(res, 405, '', { allow: 'POST' });
    const given = req.headers[SECRET_HEADER];
    if (given === undefined || !secretMatches(given, opts.secret)) {
      const status = given === undefined ? 401 : 403;
      log.warn({ status }, 'webhook request with a missing or wrong secret token refused');
      res.setHeader('connection', 'close');
      return send(res, status);
    }
    // Not ready yet, or stopping: Telegram keeps the update and delivers it again later.
    if (!opts.isReady()) return send(res, 503, '', { 'retry-after': '5' });
    const body = await readBody(req, MAX_UPDATE_BYTES);
    if (body === null) return send(res, 413, '', { connection: 'close' });
    let update: unknown;
    try {
      update = JSON.parse(body.toString('utf8'));
    } catch {
      update = null;
    }
    if (!isUpdate(update)) {
      log.warn('webhook request without a valid update refused');
      return send(res, 400);
    }
    send(res, 200);
    opts.onUpdate(update);
  }

  return server;
}
