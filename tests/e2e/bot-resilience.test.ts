/**
 * Telegram's limits and failures against the real bot process: 429 retry, 403 and 400 survival,
 * getUpdates failures (500, dropped connections), flood control, the token never printed, and
 * a SIGTERM that lets an in-flight reply finish.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiCall } from './fake-bot-api.ts';
import { type BotHarness, startBot } from './harness.ts';

const Q_TROOPS = 'كم عدد الجنود الذين سيغادرون القائم؟';
const TOKEN_SECRET_PART = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

let h: BotHarness;
let nextUser = 30_000;
const newUser = () => nextUser++;
const toChat = (chatId: number) => (c: ApiCall) => c.params.chat_id === chatId;

beforeAll(async () => {
  h = await startBot();
});

afterAll(async () => {
  if (h) await h.stop('SIGKILL');
});

describe('Telegram failures', () => {
  it('429: waits retry_after, then the reply goes through', async () => {
    const user = newUser();
    h.api.fail('sendMessage', { code: 429, retryAfter: 1 }, { match: (p) => p.chat_id === user });
    const since = h.api.mark();
    h.api.privateText(user, Q_TROOPS);
    const [refused, sent] = await h.api.waitForCount('sendMessage', 2, toChat(user), { since });
    expect(refused!.response).toMatchObject({ ok: false, error_code: 429 });
    expect(sent!.response?.ok).toBe(true);
    expect(sent!.params.text).toContain('300');
    expect(sent!.at - refused!.at).toBeGreaterThanOrEqual(1000);
    expect(sent!.at - refused!.at).toBeLessThan(3000);
  });

  it('a 429 wait for one user does not hold up another user', async () => {
    const slow = newUser();
    const other = newUser();
    h.api.fail('sendMessage', { code: 429, retryAfter: 2 }, { match: (p) => p.chat_id === slow });
    const since = h.api.mark();
    h.api.privateText(slow, Q_TROOPS);
    await h.api.waitFor('sendMessage', toChat(slow), { since });
    h.api.privateText(other, Q_TROOPS);
    const quick = await h.api.waitFor(
      'sendMessage',
      (c) => c.params.chat_id === other && c.response?.ok === true,
      {
        since,
      },
    );
    const retried = await h.api.waitForCount('sendMessage', 2, toChat(slow), { since });
    expect(quick.at).toBeLessThan(retried[1]!.at);
  });

  it('403 (blocked by the user): logged at info, and the next user still gets a reply', async () => {
    const blocker = newUser();
    h.api.fail('sendMessage', { code: 403 }, { match: (p) => p.chat_id === blocker, times: 5 });
    h.api.fail('sendChatAction', { code: 403 }, { match: (p) => p.chat_id === blocker, times: 5 });
    let since = h.api.mark();
    h.api.privateText(blocker, Q_TROOPS);
    const refused = await h.api.waitFor('sendMessage', toChat(blocker), { since });
    expect(refused.response).toMatchObject({ ok: false, error_code: 403 });
    const line = await h.waitForLog((l) => l.method === 'sendMessage' && l.code === 403);
    expect(line.level).toBe(30);
    // Not retried: a refusal is final.
    await h.api.expectNo('sendMessage', toChat(blocker), { since: refused.seq + 1, ms: 200 });

    const other = newUser();
    since = h.api.mark();
    h.api.privateText(other, Q_TROOPS);
    const ok = await h.api.waitFor('sendMessage', toChat(other), { since });
    expect(ok.response?.ok).toBe(true);
    expect(h.proc.exitCode).toBeNull();
  });

  it('400: logged with the method, and the bot goes on', async () => {
    const user = newUser();
    h.api.fail(
      'sendMessage',
      { code: 400, description: 'Bad Request: chat not found' },
      { match: (p) => p.chat_id === user },
    );
    let since = h.api.mark();
    h.api.privateText(user, Q_TROOPS);
    await h.api.waitFor('sendMessage', toChat(user), { since });
    const line = await h.waitForLog((l) => l.code === 400 && l.method === 'sendMessage');
    expect(line.level).toBe(40);
    since = h.api.mark();
    h.api.privateText(user, Q_TROOPS);
    const ok = await h.api.waitFor('sendMessage', toChat(user), { since });
    expect(ok.response?.ok).toBe(true);
  });

  it('getUpdates failing (500, dropped connection) → keeps polling with backoff', async () => {
    h.api.fail('getUpdates', { code: 500 });
    h.api.fail('getUpdates', { code: 'network' });
    const user = newUser();
    let since = h.api.mark();
    // This update ends the held poll; the next two polls fail.
    h.api.privateText(user, Q_TROOPS);
    await h.api.waitFor('sendMessage', toChat(user), { since });
    const polls = await h.api.waitForCount('getUpdates', 3, undefined, { since, timeoutMs: 10_000 });
    expect(polls[0]!.response).toMatchObject({ ok: false, error_code: 500 });
    expect(polls[1]!.response).toMatchObject({ ok: false, error_code: 0 });
    expect(polls[1]!.at - polls[0]!.at).toBeGreaterThanOrEqual(400);
    expect(polls[2]!.at - polls[1]!.at).toBeGreaterThanOrEqual(900); // backoff doubled: 0.5 s, then 1 s

    since = h.api.mark();
    h.api.privateText(user, Q_TROOPS);
    const ok = await h.api.waitFor('sendMessage', toChat(user), { since });
    expect(ok.response?.ok).toBe(true);
    await h.waitForLog((l) => l.msg === 'getUpdates failed; retrying' && l.kind === 'network');
  });
});

describe('flood control', () => {
  it('a burst gets 10 replies, one «slow down» notice, then silence; others unaffected', async () => {
    const noisy = newUser();
    const calm = newUser();
    const since = h.api.mark();
    for (let i = 0; i < 15; i++) h.api.privateText(noisy, Q_TROOPS);
    h.api.privateText(calm, Q_TROOPS);
    const replies = await h.api.waitForCount('sendMessage', 11, toChat(noisy), { since });
    expect(replies.slice(0, 10).every((r) => String(r.params.text).includes('300'))).toBe(true);
    expect(replies[10]!.params.text).toContain('مهلًا');
    const calmReply = await h.api.waitFor('sendMessage', toChat(calm), { since });
    expect(calmReply.params.text).toContain('300');
    await h.api.expectNo('sendMessage', toChat(noisy), { since: replies[10]!.seq + 1, ms: 300 });
  });
});

describe('shutdown and secrets', () => {
  it('never prints the token or a request URL, even in network errors', () => {
    expect(h.output()).not.toContain(TOKEN_SECRET_PART);
    expect(h.output()).not.toContain(h.api.token);
    expect(h.output()).not.toContain('/bot123456');
  });

  it('SIGTERM: the in-flight reply is finished, then exit 0 within a few seconds', async () => {
    const user = newUser();
    h.api.delay('sendMessage', 1200);
    const since = h.api.mark();
    h.api.privateText(user, Q_TROOPS);
    // Wait until the reply is on its way (the fake API holds it for 1.2 s).
    const deadline = Date.now() + 5000;
    while (h.api.callsOf('sendMessage', since, toChat(user)).length === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 10));
    }
    const exit = await h.stop('SIGTERM');
    expect(exit.code).toBe(0);
    expect(exit.ms).toBeLessThan(5000);
    const [reply] = h.api.callsOf('sendMessage', since, toChat(user));
    expect(reply?.response?.ok).toBe(true);
    expect(h.output()).not.toContain(TOKEN_SECRET_PART);
  });
});
