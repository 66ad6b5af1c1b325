import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeCallback, MAX_CALLBACK_BYTES } from '../../src/bot/callback-data.ts';
import { ADMIN_COMMANDS, createAdminFeature, parseDays } from '../../src/bot/features/admin.ts';
import { parseKnowledge } from '../../src/knowledge/load.ts';
import { adminText } from '../../src/messages.ar.ts';
import type { QuestionEvent } from '../../src/storage/types.ts';
import { ADMIN, createTestBot, GROUP, type TestBot, USER } from './admin-fixtures.ts';
import { question } from './storage-fixtures.ts';

// Ambiguous by construction on the mini knowledge (two entries about القائم): clarify, with both as candidates.
const MISSED = 'القائم؟';
const JUNK = 'ما الطقس اليوم؟'; // unknown, no candidates

let t: TestBot;
beforeEach(() => {
  t = createTestBot({ features: [createAdminFeature] });
});
afterEach(() => t.cleanup());

/** Record a question the way the telegram adapter does: the engine's reply for that text. */
function ask(text: string, over: Partial<QuestionEvent> = {}) {
  const r = t.deps.engines.engine.ask(text);
  t.store.recordQuestion(
    question({
      text,
      normalized: r.normalized,
      status: r.status,
      entryId: r.entryId,
      score: r.score,
      ...over,
    }),
  );
  return r;
}

type Keyboard = Array<Array<{ text: string; callback_data: string }>>;
const keyboardOf = (payload: Record<string, unknown> | undefined): Keyboard =>
  ((payload?.reply_markup as { inline_keyboard?: Keyboard } | undefined)?.inline_keyboard ?? []) as Keyboard;

describe('access', () => {
  it.each(ADMIN_COMMANDS.map((c) => [c]))('refuses /%s to a non-admin with no data', async (command) => {
    ask(MISSED);
    t.store.addAlternate('qaim-handover', 'سؤال', ADMIN);
    await t.privateText(USER, `/${command}`);
    expect(t.texts()).toEqual([adminText.refusal]);
    expect(t.sent('sendDocument')).toEqual([]);
    expect(t.calls.every((c) => c.method === 'sendMessage')).toBe(true);
  });

  it('refuses in a group too (threaded), and sends admins to the private chat', async () => {
    await t.groupText(USER, '/stats@taji_qa_bot');
    expect(t.texts()).toEqual([adminText.refusal]);
    expect(t.sent('sendMessage')[0]?.reply_parameters).toMatchObject({ allow_sending_without_reply: true });
    t.clear();
    await t.groupText(ADMIN, '/stats');
    expect(t.texts()).toEqual([adminText.privateOnly]);
  });

  it('refuses admin buttons to a non-admin and changes nothing', async () => {
    ask(MISSED);
    const [g] = t.store.unanswered({ days: 1, limit: 5 });
    await t.callback(USER, `ua:${g?.ref}:qaim-troop-count`);
    await t.callback(USER, `ud:${g?.ref}`);
    expect(t.sent('answerCallbackQuery').map((p) => p.text)).toEqual([adminText.refusal, adminText.refusal]);
    expect(t.store.alternates()).toEqual([]);
    expect(t.store.unanswered({ days: 1, limit: 5 })).toHaveLength(1);
    expect(t.sent('editMessageText')).toEqual([]);
  });

  it('ignores updates that are not admin commands', async () => {
    await t.privateText(ADMIN, '/start');
    await t.privateText(ADMIN, 'كم عدد الجنود؟');
    await t.callback(ADMIN, 'fb:qaim-handover:1');
    expect(t.calls).toEqual([]);
  });
});

describe('/stats', () => {
  it('parses the days argument', () => {
    expect(parseDays('')).toBe(7);
    expect(parseDays(' 30 ')).toBe(30);
    expect(parseDays('٣٠')).toBe(30);
    expect(parseDays('0')).toBeNull();
    expect(parseDays('3651')).toBeNull();
    expect(parseDays('abc')).toBeNull();
    expect(parseDays('7 8')).toBeNull();
  });

  it('reports the figures of a known sequence', async () => {
    const q = (over: Partial<QuestionEvent>) => t.store.recordQuestion(question(over));
    q({ userId: 1, status: 'answered', entryId: 'qaim-troop-count' });
    q({ userId: 2, chatKind: 'group', chatId: GROUP, status: 'answered', entryId: 'qaim-troop-count' });
    q({ userId: 2, chatKind: 'group', chatId: GROUP, status: 'answered', entryId: 'qaim-handover' });
    q({ userId: 3, chatKind: 'inline', chatId: null, status: 'clarify', entryId: null });
    q({ userId: 3, status: 'unknown', entryId: null });
    q({ userId: 4, status: 'smalltalk', entryId: 'greeting' });
    q({
      userId: 5,
      status: 'answered',
      entryId: 'qaim-handover',
      at: new Date(Date.now() - 10 * 86_400_000),
    });
    t.store.recordFeedback({
      userId: 1,
      entryId: 'qaim-handover',
      answerKey: '1:5',
      value: -1,
      at: new Date(),
    });

    await t.privateText(ADMIN, '/stats');
    const [text] = t.texts();
    expect(text).toContain('📊 إحصاءات آخر 7 أيام');
    expect(text).toContain('الأسئلة: 6');
    expect(text).toContain('• أُجيب عنها: 3 (50%)');
    expect(text).toContain('• طُلب فيها توضيح: 1 (17%)');
    expect(text).toContain('• بلا إجابة: 1 (17%)');
    expect(text).toContain('• دردشة عامة: 1 (17%)');
    expect(text).toContain('المحادثات الخاصة: 3 · المجموعات: 2 · الوضع المضمّن: 1');
    expect(text).toContain('المستخدمون المختلفون: 4');
    expect(text).toContain('1. كم عدد الجنود الذين سيغادرون قاعدة القائم؟ — 2');
    expect(text).toContain('2. لمن سلم التحالف قاعدة القائم؟ — 1');
    expect(text).toContain('1. لمن سلم التحالف قاعدة القائم؟ — 👎 1 · 👍 0');

    t.clear();
    await t.privateText(ADMIN, '/stats 30');
    expect(t.texts()[0]).toContain('📊 إحصاءات آخر 30 يومًا');
    expect(t.texts()[0]).toContain('الأسئلة: 7');
  });

  it('says so when nothing was asked, and explains a bad argument', async () => {
    await t.privateText(ADMIN, '/stats');
    await t.privateText(ADMIN, '/stats 1');
    await t.privateText(ADMIN, '/stats كثير');
    expect(t.texts()).toEqual([adminText.statsEmpty(7), adminText.statsEmpty(1), adminText.statsUsage]);
    expect(adminText.statsEmpty(1)).toBe('📊 لم يصلني أي سؤال في آخر يوم.');
  });
});

describe('/unanswered, attach and dismiss', () => {
  it('lists groups with candidate buttons; attaching makes the same question answered at once', async () => {
    expect(ask(MISSED).status).not.toBe('answered');
    ask('القائم'); // same normalized form
    ask(JUNK);
    await t.privateText(ADMIN, '/unanswered');
    const messages = t.sent('sendMessage');
    expect(messages).toHaveLength(3);
    expect(messages[0]?.text).toBe(adminText.unansweredHeader(2, 2, 30));
    expect(messages[1]?.text).toContain('«القائم»');
    expect(messages[1]?.text).toContain('سُئل مرتين');
    expect(messages[2]?.text).toContain(adminText.noCandidates);

    const keyboard = keyboardOf(messages[1]);
    const buttons = keyboard.flat();
    for (const b of buttons)
      expect(Buffer.byteLength(b.callback_data)).toBeLessThanOrEqual(MAX_CALLBACK_BYTES);
    expect(buttons.map((b) => decodeCallback(b.callback_data)?.action)).toEqual(['ua', 'ua', 'ud']);
    const target = buttons.find((b) => decodeCallback(b.callback_data)?.args[1] === 'qaim-troop-count');
    expect(target?.text).toBe(adminText.attachButton('كم عدد الجنود الذين سيغادرون قاعدة القائم؟'));
    expect(buttons.at(-1)?.text).toBe(adminText.dismissButton);

    t.clear();
    await t.callback(ADMIN, target?.callback_data ?? '');
    expect(t.sent('answerCallbackQuery').map((p) => p.text)).toEqual([adminText.attachedToast]);
    const edited = String(t.sent('editMessageText')[0]?.text);
    expect(edited).toContain('✅ ربطتُ «القائم» بالمدخل «كم عدد الجنود الذين سيغادرون قاعدة القائم؟»');
    expect(edited).toContain('صرتُ أجيب عن هذا السؤال من الآن.');

    const now = t.deps.engines.engine.ask(MISSED);
    expect([now.status, now.entryId]).toEqual(['answered', 'qaim-troop-count']);
    expect(t.store.alternates().map((a) => [a.entryId, a.question])).toEqual([
      ['qaim-troop-count', 'القائم'],
    ]);
    // The attached group leaves the list; the junk stays until dismissed.
    const left = t.store.unanswered({ days: 30, limit: 10 });
    expect(left.map((g) => g.sample)).toEqual([JUNK]);

    t.clear();
    const junkDismiss = keyboardOf(messages[2]).flat()[0]?.callback_data ?? '';
    expect(decodeCallback(junkDismiss)?.action).toBe('ud');
    await t.callback(ADMIN, junkDismiss);
    expect(t.sent('answerCallbackQuery').map((p) => p.text)).toEqual([adminText.dismissedToast]);
    expect(t.sent('editMessageText')[0]?.text).toBe(adminText.dismissed(JUNK));
    expect(t.store.unanswered({ days: 30, limit: 10 })).toEqual([]);

    t.clear();
    await t.privateText(ADMIN, '/unanswered');
    expect(t.texts()).toEqual([adminText.unansweredNone(30)]);
  });

  it('answers forged or stale buttons with a notice, never an exception', async () => {
    ask(MISSED);
    const [g] = t.store.unanswered({ days: 1, limit: 1 });
    for (const data of [
      'ua',
      'ua:abc:qaim-handover',
      'ua:999999:qaim-handover',
      `ua:${g?.ref}:no-such-entry`,
      `ua:${g?.ref}:BAD_ID`,
      `ua:${g?.ref}`,
      'ud',
      'ud:-1',
      'ud:99999',
      `ud:${g?.ref}:x`,
    ]) {
      await t.callback(ADMIN, data);
    }
    const answers = t.sent('answerCallbackQuery').map((p) => p.text);
    expect(answers).toHaveLength(10);
    expect(new Set(answers)).toEqual(new Set([adminText.staleButton]));
    expect(t.store.alternates()).toEqual([]);
  });

  it('attaches by number with /attach when the entry is not among the buttons', async () => {
    ask(JUNK);
    const [g] = t.store.unanswered({ days: 1, limit: 1 });
    await t.privateText(ADMIN, '/attach');
    await t.privateText(ADMIN, '/attach 999 qaim-handover');
    await t.privateText(ADMIN, `/attach ${g?.ref} nope`);
    await t.privateText(ADMIN, `/attach ${g?.ref} taji-attack-count`);
    const texts = t.texts();
    expect(texts.slice(0, 3)).toEqual([
      adminText.attachUsage,
      adminText.unknownGroup('999'),
      adminText.unknownEntry('nope'),
    ]);
    expect(texts[3]).toContain('✅ ربطتُ «ما الطقس اليوم؟» بالمدخل «كم هجوما تعرضت له قاعدة التاجي؟»');
    expect(t.deps.engines.engine.ask(JUNK).entryId).toBe('taji-attack-count');
  });
});

describe('/reload', () => {
  it('keeps the old knowledge when the file is broken, and swaps in a good one', async () => {
    const file = join(t.knowledgeDir, 'mini.yaml');
    const good = readFileSync(file, 'utf8');
    t.store.addAlternate('qaim-troop-count', 'ما عدد العسكر المغادرين', ADMIN);
    t.deps.engines.learn('qaim-troop-count', 'ما عدد العسكر المغادرين');

    writeFileSync(
      file,
      good.replace('answer: سلم التحالف قاعدة القائم إلى قوات الأمن العراقية يوم الثلاثاء.', 'answer: ""'),
    );
    await t.privateText(ADMIN, '/reload');
    const [failed] = t.texts();
    expect(failed).toContain('⚠️ لم أُعِد تحميل المعرفة');
    expect(failed).toContain('(مدخلات التقرير: 3)');
    expect(failed).toMatch(/mini\.yaml, entry "qaim-handover", field "answer"/);
    expect(t.deps.engines.engine.ask('لمن سلم التحالف قاعدة القائم؟').entryId).toBe('qaim-handover');

    t.clear();
    writeFileSync(
      file,
      good.replace(
        'smalltalk:',
        [
          '  - id: taji-location',
          '    topic: taji',
          '    questions: [أين تقع قاعدة التاجي؟]',
          '    answer: تقع قاعدة التاجي شمال بغداد.',
          '    source: [10]',
          'smalltalk:',
        ].join('\n'),
      ),
    );
    await t.privateText(ADMIN, '/reload');
    expect(t.texts()).toEqual([adminText.reloadOk(4, 2, ['mini.yaml'], 1)]);
    expect(t.deps.engines.engine.ask('أين تقع قاعدة التاجي؟').entryId).toBe('taji-location');
    // Learned questions survive a reload.
    expect(t.deps.engines.engine.ask('ما عدد العسكر المغادرين').entryId).toBe('qaim-troop-count');
  });
});

describe('/export', () => {
  it('sends the learned questions as a knowledge YAML file', async () => {
    await t.privateText(ADMIN, '/export');
    expect(t.texts()).toEqual([adminText.exportEmpty]);

    t.store.addAlternate('qaim-troop-count', 'ما عدد العسكر المغادرين', ADMIN);
    t.deps.engines.learn('qaim-troop-count', 'ما عدد العسكر المغادرين');
    t.clear();
    await t.privateText(ADMIN, '/export');
    const [doc] = t.sent('sendDocument');
    const document = doc?.document as { source: Buffer; filename: string };
    expect(document.filename).toMatch(/^learned-questions-\d{4}-\d{2}-\d{2}\.yaml$/);
    expect(doc?.caption).toBe(adminText.exportCaption(1, 1));
    const yaml = document.source.toString('utf8');
    expect(yaml).toContain('- ما عدد العسكر المغادرين # learned');
    const kb = parseKnowledge([{ file: document.filename, text: yaml }]);
    expect(kb.entries.map((e) => e.id)).toEqual(['qaim-troop-count']);
    expect(kb.entries[0]?.questions.at(-1)).toBe('ما عدد العسكر المغادرين');
    expect(kb.entries[0]?.questions).toHaveLength(4);
  });
});
