/**
 * Webhook mode against the real process: setWebhook with the secret, only POSTs on the webhook
 * path with the right X-Telegram-Bot-Api-Secret-Token are processed, GET /healthz answers 200.
 */
import type { Update } from 'telegraf/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BotHarness, freePort, startBot } from './harness.ts';

const Q_TROOPS = 'كم عدد الجنود الذين سيغادرون القائم؟';
const SECRET = 'e2e_Secret-token_123';
const HOOK_PATH = '/telegram/hook-e2e';

let h: BotHarness;
let base: string;
let nextUpdate = 1;

beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  h = await startBot({
    env: { WEBHOOK_URL: `${base}${HOOK_PATH}`, WEBHOOK_SECRET: SECRET, PORT: String(port) },
    waitFor: 'webhook',
  });
});

afterAll(async () => {
  const exit = await h?.stop('SIGTERM');
  expect(exit?.code).toBe(0);
});

function questionUpdate(user: number, text: string): Update {
  const message = h.api.textMessage(h.api.privateChat(user), h.api.user(user), text);
  return { update_id: nextUpdate++, message } as Update;
}

function post(body: unknown, headers: Record<string, string> = {}, path = HOOK_PATH): Promise<Response> {
  return fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('webhook mode', () => {
  it('set the webhook with the secret and never polls', () => {
    const [set] = h.api.callsOf('setWebhook');
    expect(set?.params.url).toBe(`${base}${HOOK_PATH}`);
    expect(set?.params.secret_token).toBe(SECRET);
    expect(h.api.callsOf('getUpdates')).toEqual([]);
    expect(h.output()).not.toContain(SECRET);
  });

  it('GET /healthz → 200', async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
  });

  it('a missing secret → 401, a wrong one → 403, and nothing is processed', async () => {
    const since = h.api.mark();
    const missing = await post(questionUpdate(5001, Q_TROOPS));
    const wrong = await post(questionUpdate(5001, Q_TROOPS), { 'x-telegram-bot-api-secret-token': 'guess' });
    const almost = await post(questionUpdate(5001, Q_TROOPS), {
      'x-telegram-bot-api-secret-token': `${SECRET}x`,
    });
    expect(missing.status).toBe(401);
    expect(wrong.status).toBe(403);
    expect(almost.status).toBe(403);
    await h.api.expectNo('sendMessage', () => true, { since, ms: 300 });
    await h.api.expectNo('sendChatAction', () => true, { since, ms: 0 });
  });

  it('the right secret → 200 and the question is answered', async () => {
    const since = h.api.mark();
    const res = await post(questionUpdate(5002, Q_TROOPS), { 'x-telegram-bot-api-secret-token': SECRET });
    expect(res.status).toBe(200);
    const reply = await h.api.waitFor('sendMessage', (c) => c.params.chat_id === 5002, { since });
    expect(reply.params.text).toContain('300');
  });

  it('other paths, methods and bodies are refused', async () => {
    const ok = { 'x-telegram-bot-api-secret-token': SECRET };
    expect((await post(questionUpdate(5003, Q_TROOPS), ok, '/other')).status).toBe(404);
    expect((await fetch(`${base}${HOOK_PATH}`)).status).toBe(405);
    expect((await post('{not json', ok)).status).toBe(400);
    expect((await post({ hello: 'world' }, ok)).status).toBe(400);
  });
});
