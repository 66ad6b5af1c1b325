/**
 * Handler decisions, in-process: startTelegram against the fake Bot API with a fake engine and
 * store. Every message also passes the fake API's Telegram-like validation (HTML, lengths, buttons).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_MENU, GROUP_COMMANDS, USER_COMMANDS } from '../../src/bot/commands.ts';
import type { ApiCall } from '../e2e/fake-bot-api.ts';
import { createFakeEngine, FAKE_KB } from '../helpers/fake-engine.ts';
import { type InProcessBot, startInProcessBot } from '../helpers/in-process-bot.ts';

const Q_TROOPS = 'كم عدد الجنود الذين سيغادرون القائم؟';
const Q_HANDOVER = 'لمن سلم التحالف قاعدة القائم؟';
const GROUP = -100_500;
const ADMIN = 4242;

let bot: InProcessBot;
let nextUser = 10_000;
const newUser = () => nextUser++;
const toChat = (chatId: number) => (c: ApiCall) => c.params.chat_id === chatId;

beforeAll(async () => {
  const engine = createFakeEngine();
  const ask = engine.ask.bind(engine);
  engine.ask = (text) => {
    if (text === 'boom') throw new Error('engine bug');
    return ask(text);
  };
  bot = await startInProcessBot({ engine, env: { ADMIN_IDS: String(ADMIN), FLOOD_LIMIT: '4' } });
});

afterAll(async () => {
  await bot?.stop();
});

describe('private chat', () => {
  it('answers with the source line, 👍/👎 buttons, typing, and records the question', async () => {
    const user = newUser();
    const since = bot.api.mark();
    bot.api.privateText(user, Q_TROOPS);
    const sent = await bot.api.waitFor('sendMessage', toChat(user), { since });
    expect(sent.params.text).toBe('سينقل نحو 300 عنصر من قاعدة القائم.\n\n📄 المصدر: الفقرة 5');
    expect(sent.params.parse_mode).toBe('HTML');
    expect(bot.api.buttonsOf(sent)).toEqual([
      { text: '👍', data: 'fb:qaim-troop-count:1' },
      { text: '👎', data: 'fb:qaim-troop-count:-1' },
    ]);
    await bot.api.waitFor(
      'sendChatAction',
      (c) => c.params.chat_id === user && c.params.action === 'typing',
      {
        since,
      },
    );
    expect(bot.store.questions.at(-1)).toMatchObject({
      chatKind: 'private',
      userId: user,
      chatId: user,
      status: 'answered',
      entryId: 'qaim-troop-count',
      text: Q_TROOPS,
    });
  });

  it('escapes < > & in knowledge text (Telegram would reject it otherwise)', async () => {
    const user = newUser();
    const since = bot.api.mark();
    bot.api.privateText(user, Q_HANDOVER);
    const sent = await bot.api.waitFor('sendMessage', toChat(user), { since });
    expect(sent.response?.ok).toBe(true);
    expect(sent.params.text).toContain('&lt;يوم الثلاثاء&gt; &amp; ذلك');
    expect(sent.params.text).toContain('📄 المصدر: الفقرات 1، 2');
  });

  it('clarify → «هل تقصد…؟» with candidate buttons; tapping one answers it', async () => {
    const user = newUser();
    let since = bot.api.mark();
    bot.api.privateText(user, 'القائم؟؟');
    const sent = await bot.api.waitFor('sendMessage', toChat(user), { since });
    expect(sent.params.text).toBe('هل تقصد أحد هذه الأسئلة؟');
    const buttons = bot.api.buttonsOf(sent);
    expect(buttons.map((b) => b.data)).toEqual(['q:qaim-troop-count', 'q:qaim-handover']);
    since = bot.api.mark();
    bot.api.tap(user, bot.api.messageOf(sent), buttons[0]!.data);
    await bot.api.waitFor('answerCallbackQuery', undefined, { since });
    const answer = await bot.api.waitFor('sendMessage', toChat(user), { since });
    expect(answer.params.text).toBe(
      `<b>${Q_TROOPS}</b>\nسينقل نحو 300 عنصر من قاعدة القائم.\n\n📄 المصدر: الفقرة 5`,
    );
    expect(bot.api.buttonsOf(answer).map((b) => b.data)).toEqual([
      'fb:qaim-troop-count:1',
      'fb:qaim-troop-count:-1',
    ]);
  });

  it('unknown → the polite reply with example buttons, recorded as unknown', async () => {
    const user = newUser();
    const since = bot.api.mark();
    bot.api.privateText(user, 'ما عاصمة فرنسا');
    const sent = await bot.api.waitFor('sendMessage', toChat(user), { since });
    expect(sent.params.text).toBe('عذرًا، لا أعرف.');
    expect(bot.api.buttonsOf(sent)).toHaveLength(3);
    expect(bot.store.questions.at(-1)).toMatchObject({ status: 'unknown', chatKind: 'private' });
  });

  it('/start: welcome, three example buttons, how to ask in groups', async () => {
    const user = newUser();
    const since = bot.api.mark();
    bot.api.privateText(user, '/start');
    const sent = await bot.api.waitFor('sendMessage', toChat(user), { since });
    expect(sent.params.text).toContain('أهلًا بك');
    expect(sent.params.text).toContain('@taji_report_bot');
    expect(sent.params.text).toContain('/ask');
    expect(bot.api.buttonsOf(sent).map((b) => b.data)).toEqual([
      'q:qaim-troop-count',
      'q:taji-attacks',
      'q:qaim-handover',
    ]);
  });

  it('/help, unknown commands, stickers and voice notes', async () => {
    const user = newUser();
    const since = bot.api.mark();
    bot.api.privateText(user, '/help');
    bot.api.privateText(user, '/weather');
    bot.api.sticker(user, user);
    bot.api.voice(user);
    const sent = await bot.api.waitForCount('sendMessage', 4, toChat(user), { since });
    const texts = sent.map((c) => String(c.params.text));
    expect(texts[0]).toContain('/topics');
    expect(texts[1]).toContain('لا أعرف هذا الأمر');
    expect(texts[2]).toContain('أقرأ الرسائل النصية فقط');
    expect(texts[3]).toBe(texts[2]);
  });

  it('edited messages are answered again, threaded to the edited message', async () => {
    const user = newUser();
    let since = bot.api.mark();
    const original = bot.api.privateText(user, 'كم عدد الجنود');
    await bot.api.waitFor('sendMessage', toChat(user), { since });
    since = bot.api.mark();
    bot.api.editText(original, Q_TROOPS);
    const sent = await bot.api.waitFor('sendMessage', toChat(user), { since });
    expect(sent.params.text).toContain('300');
    expect(sent.params.reply_parameters).toMatchObject({ message_id: original.message_id });
  });

  it('storage trouble never blocks a reply', async () => {
    const user = newUser();
    bot.store.failWrites = true;
    try {
      const since = bot.api.mark();
      bot.api.privateText(user, Q_TROOPS);
      const sent = await bot.api.waitFor('sendMessage', toChat(user), { since });
      expect(sent.params.text).toContain('300');
    } finally {
      bot.store.failWrites = false;
    }
  });

  it('a handler bug gets one Arabic apology, and the next question is answered', async () => {
    const user = newUser();
    const since = bot.api.mark();
    bot.api.privateText(user, 'boom');
    bot.api.privateText(user, Q_TROOPS);
    const [apology, next] = await bot.api.waitForCount('sendMessage', 2, toChat(user), { since });
    expect(apology!.params.text).toContain('عذرًا، حدث خطأ');
    expect(next!.params.text).toContain('300');
  });
});

describe('flood control', () => {
  it('one notice after the limit, then silence; other users unaffected', async () => {
    const noisy = newUser();
    const calm = newUser();
    const since = bot.api.mark();
    for (let i = 0; i < 8; i++) bot.api.privateText(noisy, Q_TROOPS);
    bot.api.privateText(calm, Q_TROOPS);
    await bot.api.waitFor('sendMessage', toChat(calm), { since });
    const texts = await bot.api.waitForCount('sendMessage', 5, toChat(noisy), { since });
    expect(texts.slice(0, 4).every((c) => String(c.params.text).includes('300'))).toBe(true);
    expect(texts[4]!.params.text).toContain('مهلًا');
    await bot.api.expectNo('sendMessage', toChat(noisy), { since: texts[4]!.seq + 1, ms: 200 });
  });
});

describe('groups', () => {
  it('answers /ask, /ask@bot, mentions and replies to the bot, threaded; ignores chatter', async () => {
    const user = newUser();
    let since = bot.api.mark();
    bot.api.groupText(GROUP, user, 'صباح الخير يا جماعة');
    bot.api.groupText(GROUP, user, Q_TROOPS);
    bot.api.groupText(GROUP, user, `/ask@other_bot ${Q_TROOPS}`);
    bot.api.sticker(GROUP, user);
    const asked = bot.api.groupText(GROUP, user, `/ask ${Q_TROOPS}`);
    const first = await bot.api.waitFor('sendMessage', toChat(GROUP), { since });
    expect(first.params.reply_parameters).toMatchObject({ message_id: asked.message_id });
    expect(first.params.text).toContain('300');
    expect(bot.api.buttonsOf(first)).toEqual([]);
    expect(bot.api.callsOf('sendMessage', since, toChat(GROUP))).toHaveLength(1);
    expect(bot.store.questions.at(-1)).toMatchObject({ chatKind: 'group', chatId: GROUP });

    since = bot.api.mark();
    const a = bot.api.groupText(GROUP, user, `/ask@taji_report_bot ${Q_HANDOVER}`);
    const b = bot.api.groupText(GROUP, user, `@taji_report_bot ${Q_TROOPS}`);
    const c = bot.api.groupText(GROUP, user, Q_TROOPS, bot.api.messageOf(first));
    const sent = await bot.api.waitForCount('sendMessage', 3, toChat(GROUP), { since });
    expect(sent.map((s) => (s.params.reply_parameters as { message_id: number }).message_id)).toEqual([
      a.message_id,
      b.message_id,
      c.message_id,
    ]);
  });

  it('/ask without a question → a one-line usage hint with an example', async () => {
    const user = newUser();
    const since = bot.api.mark();
    const asked = bot.api.groupText(GROUP - 1, user, '/ask');
    const sent = await bot.api.waitFor('sendMessage', toChat(GROUP - 1), { since });
    expect(sent.params.text).toMatch(/^اكتب سؤالك بعد الأمر، مثلًا: \u200E\/ask .+؟$/);
    expect(sent.params.reply_parameters).toMatchObject({ message_id: asked.message_id });
  });

  it("'ask-only' groups: only /ask is answered", async () => {
    const chat = GROUP - 2;
    const user = newUser();
    bot.store.setGroupMode(chat, 'ask-only', ADMIN);
    const since = bot.api.mark();
    bot.api.groupText(chat, user, `@taji_report_bot ${Q_TROOPS}`);
    const asked = bot.api.groupText(chat, user, `/ask ${Q_TROOPS}`);
    const sent = await bot.api.waitFor('sendMessage', toChat(chat), { since });
    expect(sent.params.reply_parameters).toMatchObject({ message_id: asked.message_id });
    await bot.api.expectNo('sendMessage', toChat(chat), { since: sent.seq + 1, ms: 150 });
  });

  it('greets once when added, not on promotion', async () => {
    const chat = GROUP - 3;
    const since = bot.api.mark();
    bot.api.myChatMember(chat, 1, 'left', 'member');
    bot.api.myChatMember(chat, 1, 'member', 'administrator');
    const sent = await bot.api.waitFor('sendMessage', toChat(chat), { since });
    expect(sent.params.text).toContain('السلام عليكم');
    expect(sent.params.text).toContain('/ask');
    await bot.api.expectNo('sendMessage', toChat(chat), { since: sent.seq + 1, ms: 150 });
  });
});

describe('topics', () => {
  it('lists topics (escaped), pages questions in place, answers a tapped question', async () => {
    const user = newUser();
    let since = bot.api.mark();
    bot.api.privateText(user, '/topics');
    const list = await bot.api.waitFor('sendMessage', toChat(user), { since });
    const topics = bot.api.buttonsOf(list);
    expect(topics).toEqual([
      { text: 'قاعدة القائم (2)', data: 'tp:qaim:0' },
      { text: 'هجمات <التاجي> & الرد (1)', data: 'tp:taji:0' },
    ]);

    since = bot.api.mark();
    bot.api.tap(user, bot.api.messageOf(list), 'tp:qaim:0');
    const page = await bot.api.waitFor('editMessageText', undefined, { since });
    expect(page.params.message_id).toBe(bot.api.messageOf(list).message_id);
    const questions = bot.api.buttonsOf(page);
    expect(questions.map((b) => b.data)).toEqual(['q:qaim-troop-count', 'q:qaim-handover', 'tl']);

    since = bot.api.mark();
    bot.api.tap(newUser(), bot.api.messageOf(list), 'tp:taji:0'); // another user: FLOOD_LIMIT is 4 here
    const taji = await bot.api.waitFor('editMessageText', undefined, { since });
    expect(taji.params.text).toBe('هجمات &lt;التاجي&gt; &amp; الرد: اختر سؤالًا');

    since = bot.api.mark();
    bot.api.tap(user, bot.api.messageOf(list), 'q:qaim-handover');
    const answer = await bot.api.waitFor('sendMessage', toChat(user), { since });
    expect(answer.params.text).toContain('سلّم التحالف');

    since = bot.api.mark();
    bot.api.tap(newUser(), bot.api.messageOf(list), 'tl');
    const back = await bot.api.waitFor('editMessageText', undefined, { since });
    expect(bot.api.buttonsOf(back).map((b) => b.data)).toEqual(['tp:qaim:0', 'tp:taji:0']);
  });

  it.each(['tp:nope:0', 'tp:qaim:9', 'q:no-such-entry', 'zz:1', 'garbage data!', 'tp:qaim'])(
    'forged or stale callback %s → a short notice, no crash',
    async (data) => {
      const user = newUser();
      let since = bot.api.mark();
      bot.api.privateText(user, '/topics');
      const list = await bot.api.waitFor('sendMessage', toChat(user), { since });
      since = bot.api.mark();
      const id = bot.api.tap(user, bot.api.messageOf(list), data);
      const ack = await bot.api.waitFor('answerCallbackQuery', (c) => c.params.callback_query_id === id, {
        since,
      });
      expect(ack.params.text).toContain('هذا الزر قديم أو غير صالح');
      expect(ack.response?.ok).toBe(true);
    },
  );
});

describe('buttons in groups', () => {
  it('a tapped question is answered in the group, threaded to the message with the buttons', async () => {
    const chat = GROUP - 4;
    const user = newUser();
    let since = bot.api.mark();
    bot.api.groupText(chat, user, '/topics');
    const list = await bot.api.waitFor('sendMessage', toChat(chat), { since });
    since = bot.api.mark();
    bot.api.tap(newUser(), bot.api.messageOf(list), 'q:taji-attacks');
    const answer = await bot.api.waitFor('sendMessage', toChat(chat), { since });
    expect(answer.params.reply_parameters).toMatchObject({ message_id: bot.api.messageOf(list).message_id });
    expect(bot.api.buttonsOf(answer)).toEqual([]);
    expect(bot.store.questions.at(-1)).toMatchObject({ chatKind: 'group', entryId: 'taji-attacks' });
  });
});

describe('long answers', () => {
  it('are split on paragraph boundaries: first piece threaded, source and buttons on the last', async () => {
    const para = `${'جملة طويلة عن التقرير وما جاء فيه. '.repeat(40).trim()}`;
    const answer = Array.from({ length: 8 }, () => para).join('\n\n');
    expect(answer.length).toBeGreaterThan(8000);
    const kb = {
      ...FAKE_KB,
      entries: [{ ...FAKE_KB.entries[0]!, answer }],
    };
    const long = await startInProcessBot({ engine: createFakeEngine(kb) });
    try {
      const chat = GROUP - 5;
      const asked = long.api.groupText(chat, 1, `/ask ${Q_TROOPS}`);
      const last = await long.api.waitFor(
        'sendMessage',
        (c) => c.params.chat_id === chat && String(c.params.text).includes('📄'),
      );
      const pieces = long.api.callsOf('sendMessage', 0, toChat(chat));
      expect(pieces.at(-1)).toBe(last);
      expect(pieces.length).toBeGreaterThanOrEqual(3);
      // Cut only between paragraphs: every piece is whole paragraphs (plus the source line at the end).
      for (const p of pieces) {
        const body = String(p.params.text).replace(/\n\n📄 المصدر: الفقرة 5$/, '');
        expect(body.split('\n\n').every((x) => x === para)).toBe(true);
      }
      expect(pieces.every((p) => p.response?.ok)).toBe(true);
      expect(pieces[0]!.params.reply_parameters).toMatchObject({ message_id: asked.message_id });
      expect(pieces.slice(1).every((p) => p.params.reply_parameters === undefined)).toBe(true);
      expect(String(last.params.text)).toMatch(/📄 المصدر: الفقرة 5$/);
      expect(pieces.slice(0, -1).every((p) => !String(p.params.text).includes('📄'))).toBe(true);
      for (const p of pieces) expect(String(p.params.text).length).toBeLessThanOrEqual(4096);
    } finally {
      await long.stop();
    }
  });
});

describe('inline mode', () => {
  it('answers with matching articles; an empty query gets the top topics', async () => {
    const user = newUser();
    let since = bot.api.mark();
    bot.api.inlineQuery(user, 'التحالف');
    const found = await bot.api.waitFor('answerInlineQuery', undefined, { since });
    const results = found.params.results as Array<Record<string, unknown>>;
    expect(results.map((r) => r.id)).toEqual(['qaim-handover']);
    expect(results[0]).toMatchObject({ type: 'article', title: Q_HANDOVER });
    expect(found.params.cache_time).toBeLessThanOrEqual(30);

    since = bot.api.mark();
    bot.api.inlineQuery(user, '');
    const empty = await bot.api.waitFor('answerInlineQuery', undefined, { since });
    expect((empty.params.results as unknown[]).length).toBe(3);

    since = bot.api.mark();
    bot.api.inlineQuery(user, 'لا شيء يطابق هذا');
    const none = await bot.api.waitFor('answerInlineQuery', undefined, { since });
    expect(none.params.results).toEqual([]);
    expect(none.params.button).toMatchObject({ start_parameter: 'inline' });
  });
});

describe('command menu', () => {
  it('sets Arabic menus: default, ar, groups, group admins, and each admin chat with admin commands', async () => {
    await bot.api.waitForCount('setMyCommands', 5);
    const calls = bot.api.callsOf('setMyCommands');
    const byScope = (type: string, lang?: string) =>
      calls.find(
        (c) =>
          ((c.params.scope as { type?: string } | undefined)?.type ?? 'default') === type &&
          c.params.language_code === lang,
      )?.params.commands;
    expect(byScope('default')).toEqual(USER_COMMANDS);
    expect(byScope('default', 'ar')).toEqual(USER_COMMANDS);
    expect(byScope('all_group_chats')).toEqual(GROUP_COMMANDS);
    const admin = calls.find((c) => (c.params.scope as { chat_id?: number } | undefined)?.chat_id === ADMIN);
    expect(admin?.params.commands).toEqual(ADMIN_MENU);
    expect((admin!.params.commands as Array<{ command: string }>).map((c) => c.command)).toEqual(
      expect.arrayContaining(['stats', 'unanswered', 'reload', 'export']),
    );
  });
});
