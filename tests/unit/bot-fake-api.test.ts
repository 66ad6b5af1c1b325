/** The fake Bot API itself, driven by Telegraf's real HTTP client (the e2e tests rely on it). */
import { Input, Telegram, type TelegramError } from 'telegraf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeBotApi } from '../e2e/fake-bot-api.ts';

let api: FakeBotApi;
let tg: Telegram;

beforeAll(async () => {
  api = await FakeBotApi.start();
  tg = new Telegram(api.token, { apiRoot: api.apiRoot });
});

afterAll(async () => {
  await api.close();
});

describe('fake Bot API', () => {
  it('long-polls: holds getUpdates until an update arrives, honours offset', async () => {
    const started = Date.now();
    const poll = tg.callApi('getUpdates', { timeout: 5, offset: 0 });
    await api.waitFor('getUpdates');
    setTimeout(() => api.privateText(1, 'سؤال'), 100);
    const updates = await poll;
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
    expect(updates).toHaveLength(1);
    const id = updates[0]!.update_id;
    // Not confirmed yet: delivered again; confirmed by offset: gone.
    expect(await tg.callApi('getUpdates', { timeout: 0, offset: id })).toHaveLength(1);
    expect(await tg.callApi('getUpdates', { timeout: 0, offset: id + 1 })).toEqual([]);
    expect(api.pending()).toBe(0);
  });

  it('answers an older concurrent poll with 409, and 409 while a webhook is set', async () => {
    const since = api.mark();
    const first = tg.callApi('getUpdates', { timeout: 5 }).catch((e: unknown) => e);
    await api.waitFor('getUpdates', undefined, { since });
    const second = tg.callApi('getUpdates', { timeout: 0 });
    expect(((await first) as TelegramError).code).toBe(409);
    await second;
    await tg.setWebhook('https://example.org/hook', { secret_token: 'abc' });
    await expect(tg.callApi('getUpdates', { timeout: 0 })).rejects.toMatchObject({ code: 409 });
    await tg.deleteWebhook();
    await expect(tg.callApi('getUpdates', { timeout: 0 })).resolves.toEqual([]);
  });

  it('rejects what Telegram rejects', async () => {
    await expect(tg.sendMessage(1, 'a < b', { parse_mode: 'HTML' })).rejects.toMatchObject({ code: 400 });
    await expect(tg.sendMessage(1, 'x'.repeat(4097))).rejects.toThrow(/too long/);
    await expect(
      tg.sendMessage(1, 'hi', {
        reply_markup: { inline_keyboard: [[{ text: 'b', callback_data: 'x'.repeat(65) }]] },
      }),
    ).rejects.toThrow(/BUTTON_DATA_INVALID/);
    await expect(tg.answerCbQuery('nope')).rejects.toThrow(/query ID is invalid/);
    const ok = await tg.sendMessage(1, '<b>نعم</b> &amp; لا', { parse_mode: 'HTML' });
    await expect(
      tg.editMessageText(1, ok.message_id, undefined, '<b>نعم</b> &amp; لا', { parse_mode: 'HTML' }),
    ).rejects.toThrow(/not modified/);
  });

  it('parses multipart uploads (sendDocument)', async () => {
    const since = api.mark();
    await tg.sendDocument(7, Input.fromBuffer(Buffer.from('id,question\n1,سؤال\n'), 'export.csv'), {
      caption: 'تصدير',
    });
    const [call] = api.callsOf('sendDocument', since);
    expect(call!.params.chat_id).toBe(7);
    expect(call!.params.caption).toBe('تصدير');
    expect(call!.files[0]!.filename).toBe('export.csv');
    expect(call!.files[0]!.data.toString('utf8')).toBe('id,question\n1,سؤال\n');
  });

  it('injects failures per method, with retry_after on 429', async () => {
    api.fail('sendChatAction', { code: 429, retryAfter: 3 });
    api.fail('sendChatAction', { code: 403 });
    const e1 = (await tg.sendChatAction(1, 'typing').catch((e: unknown) => e)) as TelegramError;
    expect(e1.code).toBe(429);
    expect(e1.parameters?.retry_after).toBe(3);
    await expect(tg.sendChatAction(1, 'typing')).rejects.toMatchObject({ code: 403 });
    await expect(tg.sendChatAction(1, 'typing')).resolves.toBe(true);
    api.fail('getMe', { code: 500 });
    await expect(tg.getMe()).rejects.toMatchObject({ code: 500 });
  });
});
