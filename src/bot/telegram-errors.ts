/**
 * Telling Telegram's refusals apart and surviving them. 429 → wait `retry_after` and retry
 * (bounded), 5xx and network failures → short backoff and retry (bounded), 403 (blocked by the
 * user, removed from the group) → info, 400 → warn with the method. Nothing here ever throws past
 * the caller's own error handling, and no request URL (which holds the token) is ever logged.
 */
import { type Telegram, TelegramError } from 'telegraf';
import { type Logger, scrubSecrets } from '../logger.ts';

export type ApiFailure =
  | { readonly kind: 'rate-limited'; readonly code: 429; readonly retryAfter: number }
  | { readonly kind: 'forbidden'; readonly code: 403 }
  | { readonly kind: 'unauthorized'; readonly code: 401 }
  | { readonly kind: 'conflict'; readonly code: 409 }
  | { readonly kind: 'bad-request'; readonly code: number }
  | { readonly kind: 'server'; readonly code: number }
  | { readonly kind: 'network'; readonly code: null }
  | { readonly kind: 'aborted'; readonly code: null }
  | { readonly kind: 'other'; readonly code: number | null };

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
]);

function errorField(err: unknown, field: 'name' | 'code' | 'type'): unknown {
  return typeof err === 'object' && err !== null ? (err as Record<string, unknown>)[field] : undefined;
}

export function classifyApiError(err: unknown): ApiFailure {
  if (err instanceof TelegramError) {
    const code = err.code;
    if (code === 429)
      return { kind: 'rate-limited', code, retryAfter: Math.max(0, err.parameters?.retry_after ?? 1) };
    if (code === 403) return { kind: 'forbidden', code };
    if (code === 401) return { kind: 'unauthorized', code };
    if (code === 409) return { kind: 'conflict', code };
    if (code >= 500) return { kind: 'server', code };
    if (code >= 400) return { kind: 'bad-request', code };
    return { kind: 'other', code };
  }
  const name = errorField(err, 'name');
  if (name === 'AbortError') return { kind: 'aborted', code: null };
  const code = errorField(err, 'code');
  if (name === 'FetchError' || (typeof code === 'string' && NETWORK_CODES.has(code))) {
    return { kind: 'network', code: null };
  }
  return { kind: 'other', code: null };
}

/** The method a TelegramError was raised for, if Telegraf recorded it. */
export function failedMethod(err: unknown): string | undefined {
  if (err instanceof TelegramError) {
    const m = (err.on as { method?: unknown } | undefined)?.method;
    return typeof m === 'string' ? m : undefined;
  }
  return undefined;
}

/** Request URLs carry the token: never show them, redacted or not. */
const URL_IN_TEXT = /\bhttps?:\/\/\S+/g;

/** A short description of any error, without the token or any request URL. */
export function describeError(err: unknown): string {
  const text =
    err instanceof TelegramError
      ? `${err.code}: ${err.description}`
      : err instanceof Error
        ? err.message
        : String(err);
  return scrubSecrets(text).replace(URL_IN_TEXT, '[url]');
}

/** Log a failed Telegram call at the level its kind deserves. Never throws. */
export function logApiFailure(log: Logger, err: unknown, method = failedMethod(err)): void {
  const f = classifyApiError(err);
  const fields = { method, code: f.code, description: describeError(err) };
  switch (f.kind) {
    case 'forbidden':
      log.info(fields, 'telegram refused: the user blocked the bot or it left the chat');
      return;
    case 'bad-request':
      log.warn(fields, 'telegram rejected the request');
      return;
    case 'rate-limited':
      log.warn({ ...fields, retryAfter: f.retryAfter }, 'telegram rate limit: gave up on this call');
      return;
    case 'aborted':
      log.debug(fields, 'telegram call aborted');
      return;
    default:
      log.error(fields, 'telegram call failed');
  }
}

export interface RetryOptions {
  /** Total attempts including the first (default 3). */
  readonly maxAttempts?: number;
  /** A 429 asking to wait longer than this is not retried (default 30 s). */
  readonly maxWaitSeconds?: number;
  /** Aborted at shutdown: pending waits end at once and the call fails. */
  readonly signal?: AbortSignal;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** Resolves after `ms`, or early (without error) when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Backoff for 5xx and network failures: 0.5 s, 1 s, 2 s … */
const backoffMs = (attempt: number) => 500 * 2 ** (attempt - 1);

/** Run one Telegram call, retrying 429 (after retry_after), 5xx and network failures, bounded. */
export async function withRetry<T>(
  call: () => Promise<T>,
  method: string,
  log: Logger,
  opts: RetryOptions = {},
): Promise<T> {
  const maxAttempts = opts.maxAttempts ?? 3;
  const maxWait = opts.maxWaitSeconds ?? 30;
  const wait = opts.sleep ?? sleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      const f = classifyApiError(err);
      const retryable = f.kind === 'rate-limited' || f.kind === 'server' || f.kind === 'network';
      if (!retryable || attempt >= maxAttempts || opts.signal?.aborted) throw err;
      if (f.kind === 'rate-limited' && f.retryAfter > maxWait) throw err;
      const ms = f.kind === 'rate-limited' ? f.retryAfter * 1000 + 50 : backoffMs(attempt);
      log.warn(
        { method, code: f.code, kind: f.kind, attempt, waitMs: ms, description: describeError(err) },
        'telegram call failed; retrying',
      );
      await wait(ms, opts.signal);
      if (opts.signal?.aborted) throw err;
    }
  }
}

type LooseCallApi = (method: string, payload: unknown, extra?: { signal?: AbortSignal }) => Promise<unknown>;
const GUARDED = Symbol('telegram-guarded');

/**
 * Wrap every API call made through this Telegram instance with `withRetry`
 * (except `getUpdates`, whose loop has its own backoff). Idempotent.
 */
export function guardTelegram(tg: Telegram, log: Logger, opts: RetryOptions = {}): Telegram {
  const marked = tg as Telegram & { [GUARDED]?: true };
  if (marked[GUARDED]) return tg;
  const original = tg.callApi.bind(tg) as unknown as LooseCallApi;
  const guarded: LooseCallApi = (method, payload, extra) =>
    method === 'getUpdates'
      ? original(method, payload, extra)
      : withRetry(() => original(method, payload, extra), method, log, opts);
  tg.callApi = guarded as unknown as Telegram['callApi'];
  marked[GUARDED] = true;
  return tg;
}
