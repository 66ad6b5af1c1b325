import pino from 'pino';
import { Telegram, TelegramError } from 'telegraf';
import { describe, expect, it } from 'vitest';
import { classifyApiError, describeError, guardTelegram, withRetry } from '../../src/bot/telegram-errors.ts';

const log = pino({ level: 'silent' });
const tgError = (code: number, description: string, retryAfter?: number) =>
  new TelegramError(
    {
      error_code: code,
      description,
      ...(retryAfter !== undefined ? { parameters: { retry_after: retryAfter } } : {}),
    },
    { method: 'sendMessage', payload: {} },
  );
const fetchError = () =>
  Object.assign(new Error('request to http://x failed, reason: connect ECONNREFUSED'), {
    name: 'FetchError',
    code: 'ECONNREFUSED',
  });

function flaky<T>(failures: unknown[], value: T) {
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    fn: async () => {
      const f = failures[calls++];
      if (f) throw f;
      return value;
    },
  };
}

function recordingSleep() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

describe('classifyApiError', () => {
  it.each([
    [tgError(429, 'Too Many Requests: retry after 7', 7), { kind: 'rate-limited', retryAfter: 7 }],
    [tgError(403, 'Forbidden: bot was blocked by the user'), { kind: 'forbidden' }],
    [tgError(400, 'Bad Request: chat not found'), { kind: 'bad-request' }],
    [tgError(401, 'Unauthorized'), { kind: 'unauthorized' }],
    [tgError(409, 'Conflict'), { kind: 'conflict' }],
    [tgError(502, 'Bad Gateway'), { kind: 'server' }],
    [fetchError(), { kind: 'network' }],
    [Object.assign(new Error('aborted'), { name: 'AbortError' }), { kind: 'aborted' }],
    [new TypeError('bug'), { kind: 'other' }],
  ])('%s', (err, expected) => {
    expect(classifyApiError(err)).toMatchObject(expected);
  });

  it('never lets a token through in descriptions', () => {
    const err = new Error(
      'request to http://api/bot123456:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/sendMessage failed',
    );
    expect(describeError(err)).not.toContain('AAAAAAAAAAAAAAAAAAAA');
    expect(describeError(err)).toBe('request to [url] failed');
  });
});

describe('withRetry', () => {
  it('waits retry_after on 429 and retries', async () => {
    const s = recordingSleep();
    const call = flaky([tgError(429, 'Too Many Requests', 2)], 'ok');
    await expect(withRetry(call.fn, 'sendMessage', log, { sleep: s.sleep })).resolves.toBe('ok');
    expect(call.calls).toBe(2);
    expect(s.waits).toEqual([2050]);
  });

  it('retries 5xx and network failures with growing backoff', async () => {
    const s = recordingSleep();
    const call = flaky([tgError(502, 'Bad Gateway'), fetchError()], 'ok');
    await expect(withRetry(call.fn, 'sendMessage', log, { sleep: s.sleep })).resolves.toBe('ok');
    expect(s.waits).toEqual([500, 1000]);
  });

  it('gives up after maxAttempts', async () => {
    const s = recordingSleep();
    const call = flaky([tgError(429, 'x', 1), tgError(429, 'x', 1), tgError(429, 'x', 1), undefined], 'ok');
    await expect(withRetry(call.fn, 'sendMessage', log, { sleep: s.sleep, maxAttempts: 3 })).rejects.toThrow(
      'x',
    );
    expect(call.calls).toBe(3);
  });

  it('does not retry 403, 400 or a 429 asking for too long a wait', async () => {
    for (const err of [tgError(403, 'blocked'), tgError(400, 'bad'), tgError(429, 'later', 3600)]) {
      const s = recordingSleep();
      const call = flaky([err], 'ok');
      await expect(withRetry(call.fn, 'sendMessage', log, { sleep: s.sleep })).rejects.toBe(err);
      expect(call.calls).toBe(1);
      expect(s.waits).toEqual([]);
    }
  });

  it('stops waiting at shutdown', async () => {
    const abort = new AbortController();
    const call = flaky([tgError(429, 'wait', 20), undefined], 'ok');
    const started = Date.now();
    const p = withRetry(call.fn, 'sendMessage', log, { signal: abort.signal });
    setTimeout(() => abort.abort(), 20);
    await expect(p).rejects.toThrow('wait');
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('guardTelegram', () => {
  it('wraps every call except getUpdates, once', async () => {
    const tg = new Telegram('123456:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    const seen: string[] = [];
    let failNext = true;
    tg.callApi = (async (method: string) => {
      seen.push(method);
      if (failNext) {
        failNext = false;
        throw tgError(429, 'slow down', 0);
      }
      return true;
    }) as unknown as Telegram['callApi'];
    guardTelegram(tg, log);
    guardTelegram(tg, log);
    await expect(tg.sendChatAction(1, 'typing')).resolves.toBe(true);
    expect(seen).toEqual(['sendChatAction', 'sendChatAction']);
    failNext = true;
    await expect(tg.callApi('getUpdates', {})).rejects.toThrow('slow down');
  });
});
