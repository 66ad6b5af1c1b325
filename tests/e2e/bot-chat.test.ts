/**
 * The real bot process (`node --import tsx src/main.ts`) with the real knowledge, against the fake
 * Bot API: private questions, buttons, topics, inline mode, groups. One process for the file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiCall } from './fake-bot-api.ts';
import { type BotHarness, startBot } from './harness.ts';

const Q_TROOPS = 'كم عدد الجنود الذين سيغادرون القائم؟';
const GROUP = -100_777;

let h: BotHarness;
let nextUser = 20_000;
const newUser = () => nextUser++;
const toChat = (chatId: number) => (c: ApiCall) => c.params.chat_id === chatId;

beforeAll(async () => {
  h = await startBot();
});

afterAll(async () => {
  const exit = await h?.stop();
  expect(exit?.code).toBe(0);
});

/** Ask in private and return the bot's (first) reply. */
async function ask(user: number, text: string): Promise<ApiCall> {
  const since = h.api.mark();
  h.api.privateText(user, text);
  return h.api.waitFor('sendMessage', toChat(user), { since });
}

describe('private chat', () => {
  it('answers a report question with the source paragraph, typing first, 👍/👎 under it', async () => {
    const user = newUser();
    const since = h.api.mark();
    const reply = await ask(user, Q_TROOPS);
    expect(reply.response?.ok).toBe(true);
    expect(reply.params.text).toContain('300');
    expect(reply.params.text).toMatch(/📄 المصدر: الفقرة 5/);
    const typing = h.api.callsOf('sendChatAction', since, (c) => c.params.chat_id === user);
    expect(typing.map((c) => c.params.action)).toEqual(['typing']);
    const buttons = h.api.buttonsOf(reply).map((b) => b.data);
    expect(buttons).toHaveLength(2);
    expect(buttons[0]).toMatch(/^fb:[a-z0-9-]+:1$/);
    expect(buttons[1]).toMatch(/^fb:[a-z0-9-]+:-1$/);
  });

  it('a vague question gets «هل تقصد…؟» with buttons, and tapping one answers it', async () => {
    const user = newUser();
    const reply = await ask(user, 'القائم');
    expect(reply.params.text).toContain('هل تقصد');
    const buttons = h.api.buttonsOf(reply);
    expect(buttons.length).toBeGreaterThanOrEqual(2);
    expect(buttons.every((b) => b.data.startsWith('q:'))).toBe(true);
    const since = h.api.mark();
    h.api.tap(user, h.api.messageOf(reply), buttons[0]!.data);
    const answer = await h.api.waitFor('sendMessage', toChat(user), { since });
    expect(answer.params.text).toMatch(new RegExp(`^<b>${buttons[0]!.text.replace('…', '')}`));
    expect(answer.params.text).toContain('📄 المصدر');
    await h.api.waitFor('answerCallbackQuery', undefined, { since });
  });

  it('a question the report does not answer gets the polite reply with example buttons', async () => {
    const reply = await ask(newUser(), 'ما هي عاصمة فرنسا؟');
    expect(reply.params.text).toContain('لا أعرف');
    expect(h.api.buttonsOf(reply).length).toBeGreaterThanOrEqual(1);
  });

  it('/start shows three example questions as buttons', async () => {
    const user = newUser();
    const reply = await ask(user, '/start');
    expect(reply.params.text).toContain('أهلًا بك');
    expect(reply.params.text).toContain('/ask');
    const buttons = h.api.buttonsOf(reply);
    expect(buttons).toHaveLength(3);
    const since = h.api.mark();
    h.api.tap(user, h.api.messageOf(reply), buttons[2]!.data);
    const answer = await h.api.waitFor('sendMessage', toChat(user), { since });
    expect(answer.params.text).toContain('📄 المصدر');
  });

  it('a 10,000-character message still gets a normal reply', async () => {
    const text = `${Q_TROOPS} `.repeat(400).slice(0, 10_000);
    expect(text).toHaveLength(10_000);
    const started = Date.now();
    const reply = await ask(newUser(), text);
    expect(reply.response?.ok).toBe(true);
    expect(reply.params.text).toContain('300');
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('stickers get «text only», unknown commands a hint to /help', async () => {
    const user = newUser();
    const since = h.api.mark();
    h.api.sticker(user, user);
    h.api.privateText(user, '/weather');
    const [sticker, command] = await h.api.waitForCount('sendMessage', 2, toChat(user), { since });
    expect(sticker!.params.text).toContain('أقرأ الرسائل النصية فقط');
    expect(command!.params.text).toContain('/help');
  });

  it('/help says how to ask, the commands and what the bot does not know', async () => {
    const reply = await ask(newUser(), '/help');
    expect(reply.params.text).toContain('/topics');
    expect(reply.params.text).toContain('/ask');
    expect(reply.params.text).toContain('ما لا أعرفه');
  });
});

describe('/topics', () => {
  it('shows topics, pages through questions in place, answers a tapped question', async () => {
    const user = newUser();
    const list = await ask(user, '/topics');
    const topics = h.api.buttonsOf(list);
    expect(topics.length).toBeGreaterThanOrEqual(3);
    expect(topics.every((b) => /^tp:[a-z0-9-]+:0$/.test(b.data))).toBe(true);

    // Open the biggest topic (it is paged) and go to its second page.
    const biggest = [...topics].sort(
      (a, b) => Number(/\((\d+)\)/.exec(b.text)?.[1]) - Number(/\((\d+)\)/.exec(a.text)?.[1]),
    )[0]!;
    let since = h.api.mark();
    h.api.tap(user, h.api.messageOf(list), biggest.data);
    const page = await h.api.waitFor('editMessageText', undefined, { since });
    const pageButtons = h.api.buttonsOf(page);
    const questions = pageButtons.filter((b) => b.data.startsWith('q:'));
    expect(questions.length).toBeGreaterThan(0);
    expect(questions.length).toBeLessThanOrEqual(8);
    expect(pageButtons.at(-1)?.data).toBe('tl');
    const next = pageButtons.find((b) => /^tp:[a-z0-9-]+:1$/.test(b.data));
    if (next) {
      since = h.api.mark();
      h.api.tap(user, h.api.messageOf(list), next.data);
      const second = await h.api.waitFor('editMessageText', undefined, { since });
      expect(second.params.text).toContain('صفحة 2');
    }

    since = h.api.mark();
    h.api.tap(user, h.api.messageOf(list), questions[0]!.data);
    const answer = await h.api.waitFor('sendMessage', toChat(user), { since });
    expect(answer.params.text).toContain('📄 المصدر');
  });

  it('forged or stale callback data → a short Arabic notice, and the bot keeps working', async () => {
    const user = newUser();
    const list = await ask(user, '/topics');
    for (const data of ['tp:no-such-topic:0', 'q:no-such-entry', 'hack:me', 'tp:qaim:999']) {
      const since = h.api.mark();
      const id = h.api.tap(user, h.api.messageOf(list), data);
      const ack = await h.api.waitFor('answerCallbackQuery', (c) => c.params.callback_query_id === id, {
        since,
      });
      expect(ack.params.text).toContain('هذا الزر قديم أو غير صالح');
    }
    const reply = await ask(user, Q_TROOPS);
    expect(reply.params.text).toContain('300');
  });
});

describe('inline mode', () => {
  it('answers with at most 10 articles; empty query → top topics', async () => {
    const user = newUser();
    let since = h.api.mark();
    h.api.inlineQuery(user, 'القائم');
    const found = await h.api.waitFor('answerInlineQuery', undefined, { since });
    expect(found.response?.ok).toBe(true);
    const results = found.params.results as Array<{
      title: string;
      input_message_content: { message_text: string };
    }>;
    expect(results.length).toBeGreaterThan(0);
    expect(results.length).toBeLessThanOrEqual(10);
    expect(results[0]!.title).toMatch(/القائم/);
    expect(results[0]!.input_message_content.message_text).toContain('📄 المصدر');
    expect(Number(found.params.cache_time)).toBeLessThanOrEqual(30);

    since = h.api.mark();
    h.api.inlineQuery(user, '');
    const empty = await h.api.waitFor('answerInlineQuery', undefined, { since });
    const top = empty.params.results as unknown[];
    expect(top.length).toBeGreaterThan(0);
    expect(top.length).toBeLessThanOrEqual(10);
  });
});

describe('groups', () => {
  it('answers only when addressed, threaded to the asker; chatter and stickers get nothing', async () => {
    const user = newUser();
    const since = h.api.mark();
    h.api.groupText(GROUP, user, Q_TROOPS);
    h.api.groupText(GROUP, user, 'السلام عليكم يا شباب');
    h.api.sticker(GROUP, user);
    h.api.groupText(GROUP, user, `/ask@some_other_bot ${Q_TROOPS}`);
    const a = h.api.groupText(GROUP, user, `/ask ${Q_TROOPS}`);
    const b = h.api.groupText(GROUP, user, `/ask@taji_report_bot ${Q_TROOPS}`);
    const c = h.api.groupText(GROUP, user, `@taji_report_bot ${Q_TROOPS}`);
    const replies = await h.api.waitForCount('sendMessage', 3, toChat(GROUP), { since });
    const threaded = replies.map((r) => (r.params.reply_parameters as { message_id: number }).message_id);
    expect(threaded).toEqual([a.message_id, b.message_id, c.message_id]);
    for (const r of replies) expect(r.params.text).toContain('300');

    // A reply to one of the bot's own messages is a question too.
    const since2 = h.api.mark();
    const d = h.api.groupText(GROUP, user, 'ومن يقود التحالف الدولي؟', h.api.messageOf(replies[0]!));
    const reply = await h.api.waitFor('sendMessage', toChat(GROUP), { since: since2 });
    expect((reply.params.reply_parameters as { message_id: number }).message_id).toBe(d.message_id);
    await h.api.expectNo('sendMessage', toChat(GROUP), { since: reply.seq + 1, ms: 300 });
    expect(h.api.callsOf('sendMessage', since, toChat(GROUP))).toHaveLength(4);
  });

  it('/ask alone gets a one-line usage hint with an example', async () => {
    const since = h.api.mark();
    h.api.groupText(GROUP - 1, newUser(), '/ask');
    const hint = await h.api.waitFor('sendMessage', toChat(GROUP - 1), { since });
    expect(hint.params.text).toMatch(/^اكتب سؤالك بعد الأمر، مثلًا: .*\/ask .+/);
    expect(String(hint.params.text).split('\n')).toHaveLength(1);
  });

  it('greets once when added to a group', async () => {
    const chat = GROUP - 2;
    const since = h.api.mark();
    h.api.myChatMember(chat, newUser(), 'left', 'member');
    const hello = await h.api.waitFor('sendMessage', toChat(chat), { since });
    expect(hello.params.text).toContain('/ask');
    h.api.myChatMember(chat, newUser(), 'member', 'administrator');
    await h.api.expectNo('sendMessage', toChat(chat), { since: hello.seq + 1, ms: 300 });
  });
});

describe('command menu', () => {
  it('was set in Arabic for the default scope and language_code ar', async () => {
    const calls = await h.api.waitForCount('setMyCommands', 4);
    const plain = calls.find((c) => c.params.scope === undefined && c.params.language_code === undefined);
    const ar = calls.find((c) => c.params.scope === undefined && c.params.language_code === 'ar');
    for (const c of [plain, ar]) {
      const commands = c?.params.commands as Array<{ command: string; description: string }>;
      expect(commands.map((x) => x.command)).toEqual(expect.arrayContaining(['start', 'help', 'topics']));
      for (const x of commands) expect(x.description).toMatch(/[\u0600-\u06FF]/);
    }
  });
});
