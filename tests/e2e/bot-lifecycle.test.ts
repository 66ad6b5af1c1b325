/**
 * Start and stop of the real process: polling starts quickly after deleteWebhook, SIGTERM/SIGINT
 * exit 0 fast, handled updates are confirmed (a restart does not answer them again), and a token
 * Telegram rejects or a malformed one stops the start with exit 1 and a clear message.
 */
import { describe, expect, it } from 'vitest';
import { FakeBotApi } from './fake-bot-api.ts';
import { type BotHarness, startBot } from './harness.ts';

const Q_TROOPS = 'كم عدد الجنود الذين سيغادرون القائم؟';

describe('start and stop', () => {
  it('deletes any webhook, polls, and exits 0 on SIGTERM within a few seconds', async () => {
    const h = await startBot();
    try {
      const methods = h.api.calls.map((c) => c.method);
      expect(methods.indexOf('deleteWebhook')).toBeGreaterThanOrEqual(0);
      expect(methods.indexOf('deleteWebhook')).toBeLessThan(methods.indexOf('getUpdates'));
      expect(h.startupMs).toBeLessThan(20_000);
      const poll = h.api.callsOf('getUpdates')[0]!;
      expect(poll.params.timeout).toBe(50);
      expect(poll.params.allowed_updates).toEqual(
        expect.arrayContaining(['message', 'callback_query', 'inline_query', 'my_chat_member']),
      );
    } finally {
      const exit = await h.stop('SIGTERM');
      expect(exit.code).toBe(0);
      expect(exit.ms).toBeLessThan(3000);
    }
  });

  it('SIGINT exits 0 too', async () => {
    const h = await startBot();
    const exit = await h.stop('SIGINT');
    expect(exit.code).toBe(0);
    expect(exit.ms).toBeLessThan(3000);
  });

  it('confirms handled updates on stop, so a restart does not answer them again', async () => {
    const api = await FakeBotApi.start();
    try {
      const first = await startBot({ api });
      api.privateText(4001, Q_TROOPS);
      await api.waitFor('sendMessage', (c) => c.params.chat_id === 4001);
      expect((await first.stop()).code).toBe(0);
      expect(api.pending()).toBe(0);

      const since = api.mark();
      const second = await startBot({ api });
      await api.expectNo('sendMessage', (c) => c.params.chat_id === 4001, { since, ms: 300 });
      api.privateText(4002, Q_TROOPS);
      await api.waitFor('sendMessage', (c) => c.params.chat_id === 4002, { since });
      expect((await second.stop()).code).toBe(0);
    } finally {
      await api.close();
    }
  });
});

describe('menus and revoked tokens', () => {
  it('a failing setMyCommands is logged, never fatal', async () => {
    const api = await FakeBotApi.start();
    api.fail('setMyCommands', { code: 400, description: 'Bad Request: BOT_COMMAND_INVALID' }, { times: 20 });
    const h = await startBot({ api });
    try {
      api.privateText(4101, Q_TROOPS);
      const reply = await api.waitFor('sendMessage', (c) => c.params.chat_id === 4101);
      expect(reply.params.text).toContain('300');
      await h.waitForLog((l) => l.method === 'setMyCommands' && l.code === 400);
    } finally {
      expect((await h.stop()).code).toBe(0);
      await api.close();
    }
  });

  it('a token revoked while running (401 on getUpdates) → exit 1 with a clear message', async () => {
    const api = await FakeBotApi.start();
    const h = await startBot({ api });
    try {
      api.acceptToken = false;
      // The held poll returns this update; the next poll is refused.
      api.privateText(4201, Q_TROOPS);
      await expectTokenRejectedExit(h, api, 10_000);
    } finally {
      await h.stop('SIGKILL');
      await api.close();
    }
  });
});

describe('refused starts', () => {
  it('a token Telegram rejects (401) → exit 1 with a clear message, token not printed', async () => {
    const api = await FakeBotApi.start();
    api.acceptToken = false;
    const h = await startBot({ api, waitFor: 'nothing' });
    try {
      await expectTokenRejectedExit(h, api, 15_000);
    } finally {
      await h.stop('SIGKILL');
      await api.close();
    }
  });

  it('a malformed token → exit 1 naming BOT_TOKEN, without echoing it', async () => {
    const h = await startBot({ env: { BOT_TOKEN: 'not-a-token-SECRETVALUE' }, waitFor: 'nothing' });
    const exit = await h.exited;
    expect(exit.code).toBe(1);
    expect(h.output()).toContain('BOT_TOKEN');
    expect(h.output()).not.toContain('SECRETVALUE');
    await h.stop();
  });

  it('webhook mode without WEBHOOK_SECRET is refused', async () => {
    const h = await startBot({ env: { WEBHOOK_URL: 'https://example.org/hook' }, waitFor: 'nothing' });
    const exit = await h.exited;
    expect(exit.code).toBe(1);
    expect(h.output()).toContain('WEBHOOK_SECRET');
    await h.stop();
  });
});

/** The bot exits 1 with a plain «rejected the bot token» line that does not echo the token. */
async function expectTokenRejectedExit(h: BotHarness, api: FakeBotApi, timeoutMs: number): Promise<void> {
  const exit = await Promise.race([
    h.exited,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no exit')), timeoutMs)),
  ]);
  expect(exit.code).toBe(1);
  expect(h.output()).toContain('rejected the bot token');
  expect(h.output()).not.toContain(api.token.split(':')[1]!);
}
