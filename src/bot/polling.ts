/**
 * Long polling with getUpdates. Updates are handed to the dispatcher without waiting for them,
 * so the next poll starts at once. Network errors, 5xx, 409 and 429 → keep polling with backoff
 * (429 waits retry_after). Only 401 (the token was revoked) ends the loop. On stop the held
 * request is aborted and the offset is confirmed so handled updates are not delivered again.
 */
import type { Telegram } from 'telegraf';
import type { Update } from 'telegraf/types';
import type { Logger } from '../logger.ts';
import type { Dispatcher } from './dispatcher.ts';
import { classifyApiError, describeError, sleep } from './telegram-errors.ts';

export const ALLOWED_UPDATES = [
  'message',
  'edited_message',
  'callback_query',
  'inline_query',
  'my_chat_member',
] as const;

export interface PollingOptions {
  /** Long-poll timeout in seconds (default 50). */
  readonly timeoutSeconds?: number;
  /** Do not poll while this many updates are still being handled (default 256). */
  readonly maxInFlight?: number;
  readonly maxBackoffMs?: number;
  /** The loop ended on its own (401): the token is no longer valid. */
  readonly onFatal?: (err: Error) => void;
}

export interface Polling {
  /** Resolves when the loop has ended and the offset is confirmed. */
  readonly done: Promise<void>;
  stop(): void;
}

type CallSignal = NonNullable<Parameters<Telegram['callApi']>[2]>['signal'];

export function nextBackoff(previousMs: number, maxMs: number): number {
  return Math.min(maxMs, previousMs === 0 ? 500 : previousMs * 2);
}

export function startPolling(
  tg: Telegram,
  dispatcher: Dispatcher,
  log: Logger,
  opts: PollingOptions = {},
): Polling {
  const abort = new AbortController();
  const signal = abort.signal as unknown as CallSignal;
  const timeout = opts.timeoutSeconds ?? 50;
  const maxInFlight = opts.maxInFlight ?? 256;
  const maxBackoff = opts.maxBackoffMs ?? 30_000;
  let offset = 0;
  let fatal = false;

  async function loop(): Promise<void> {
    let backoff = 0;
    let polls = 0;
    while (!abort.signal.aborted) {
      await dispatcher.belowLimit(maxInFlight);
      if (abort.signal.aborted) break;
      try {
        const updates: Update[] = await tg.callApi(
          'getUpdates',
          { timeout, offset, allowed_updates: [...ALLOWED_UPDATES] },
          { signal },
        );
        if (polls++ === 0) log.info({ timeout }, 'polling for updates');
        else if (backoff > 0) log.info('getUpdates works again');
        backoff = 0;
        for (const update of updates) {
          offset = Math.max(offset, update.update_id + 1);
          dispatcher.dispatch(update);
        }
      } catch (err) {
        if (abort.signal.aborted) break;
        const f = classifyApiError(err);
        if (f.kind === 'unauthorized') {
          fatal = true;
          log.fatal({ code: f.code }, 'Telegram rejected the bot token (401); polling stopped');
          opts.onFatal?.(new Error('Telegram rejected the bot token (401)'));
          break;
        }
        backoff = nextBackoff(backoff, maxBackoff);
        const waitMs = f.kind === 'rate-limited' ? Math.max(f.retryAfter * 1000, 500) : backoff;
        const level = f.kind === 'network' || f.kind === 'server' ? 'warn' : 'error';
        log[level](
          { kind: f.kind, code: f.code, waitMs, description: describeError(err) },
          'getUpdates failed; retrying',
        );
        await sleep(waitMs, abort.signal);
      }
    }
    if (!fatal && offset > 0) {
      try {
        const confirm = AbortSignal.timeout(2000) as unknown as CallSignal;
        await tg.callApi('getUpdates', { offset, limit: 1, timeout: 0 }, { signal: confirm });
      } catch (err) {
        log.debug({ description: describeError(err) }, 'could not confirm the last updates');
      }
    }
  }

  const done = loop().catch((err: unknown) => {
    log.fatal({ err }, 'polling loop crashed');
    opts.onFatal?.(err instanceof Error ? err : new Error(String(err)));
  });
  return { done, stop: () => abort.abort() };
}
