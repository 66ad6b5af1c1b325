/**
 * End to end: the admin commands, feedback, group settings and the bot's memory, with the bot
 * running as the real process (`node --import tsx src/main.ts`) against the fake Bot API.
 * Knowledge is a temp copy of knowledge/ (broken and fixed by the /reload test); the data folder
 * is our own so it survives restarts.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeCallback } from '../../src/bot/callback-data.ts';
import { parseConfig } from '../../src/config.ts';
import { engineHolderFromConfig } from '../../src/knowledge/build-engine.ts';
import type { EngineHolder } from '../../src/knowledge/holder.ts';
import { parseKnowledge } from '../../src/knowledge/load.ts';
import { adminText, feedbackText, settingsText } from '../../src/messages.ar.ts';
import type { ReplyStatus } from '../../src/qa/types.ts';
import { openSqliteStore } from '../../src/storage/sqlite.ts';
import { type ApiCall, FakeBotApi } from './fake-bot-api.ts';
import { type BotHarness, REPO_ROOT, startBot } from './harness.ts';

const ADMIN = 4242;
const USER = 5001;
const GROUP = -100_777;
const GROUP_ADMIN = 6001;

let root: string;
let knowledgeDir: string;
let dataDir: string;
let h: BotHarness;
let api: FakeBotApi;
/** The same engine the bot builds, in this process, to know what each question should get. */
let local: EngineHolder;

const env = () => ({
  ADMIN_IDS: String(ADMIN),
  KNOWLEDGE_PATH: knowledgeDir,
  DATA_DIR: dataDir,
  FLOOD_LIMIT: '1000',
});

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'taji-admin-e2e-'));
  knowledgeDir = join(root, 'knowledge');
  dataDir = join(root, 'data');
  cpSync(join(REPO_ROOT, 'knowledge'), knowledgeDir, { recursive: true });
  local = engineHolderFromConfig(parseConfig({ KNOWLEDGE_PATH: knowledgeDir }));
  // Our own fake API, so that stopping the bot for a restart does not close it.
  api = await FakeBotApi.start();
  h = await startBot({ env: env(), api });
});

afterAll(async () => {
  await h?.stop();
  await api?.close();
  rmSync(root, { recursive: true, force: true });
});

// ---- helpers ---------------------------------------------------------------------------------------

/** Send a private text and wait for `count` messages to that chat. */
async function say(userId: number, text: string, count = 1): Promise<ApiCall[]> {
  const since = api.mark();
  api.privateText(userId, text);
  return api.waitForCount('sendMessage', count, (c) => c.params.chat_id === userId, { since });
}

/** Tap a button and wait for its answerCallbackQuery. */
async function tap(userId: number, call: ApiCall, data: string): Promise<{ since: number; answer: string }> {
  const since = api.mark();
  const id = api.tap(userId, api.messageOf(call), data);
  const answer = await api.waitFor('answerCallbackQuery', (c) => c.params.callback_query_id === id, {
    since,
  });
  return { since, answer: String(answer.params.text ?? '') };
}

const textOf = (call: ApiCall | undefined) => String(call?.params.text ?? '');
const feedbackEntry = (call: ApiCall | undefined): string | null => {
  if (!call) return null;
  for (const b of api.buttonsOf(call)) {
    const cb = decodeCallback(b.data);
    if (cb?.action === 'fb') return cb.args[0] ?? null;
  }
  return null;
};

const statusOf = (q: string): ReplyStatus => local.engine.ask(q).status;

/** Entries whose canonical question the engine answers with that entry (robust while it is tuned). */
const answerable = () =>
  local.engine.knowledge.entries.filter((e) => local.engine.ask(e.questions[0]!).entryId === e.id);

// ---- tests -----------------------------------------------------------------------------------------

describe('admin end to end', () => {
  it('/stats reports the figures of a known sequence of questions', async () => {
    const canonical = answerable()
      .slice(0, 3)
      .map((e) => e.questions[0]!);
    const sequence: Array<{ user: number; text: string; where: 'private' | 'group' }> = [
      { user: 7001, text: canonical[0]!, where: 'private' },
      { user: 7001, text: canonical[0]!, where: 'private' },
      { user: 7002, text: canonical[1]!, where: 'private' },
      { user: 7002, text: 'مرحبا', where: 'private' },
      { user: 7003, text: 'ما رأيك بالطقس في باريس اليوم؟', where: 'private' },
      { user: 7004, text: canonical[2]!, where: 'group' },
    ];
    for (const q of sequence) {
      if (q.where === 'private') {
        await say(q.user, q.text);
      } else {
        const since = api.mark();
        api.groupText(GROUP, q.user, `/ask ${q.text}`);
        await api.waitFor('sendMessage', (c) => c.params.chat_id === GROUP, { since });
      }
    }
    api.inlineQuery(7005, canonical[1]!);
    const all = sequence;
    const statuses = all.map((q) => statusOf(q.text));
    const count = (s: ReplyStatus) => statuses.filter((x) => x === s).length;
    const total = all.length + 1; // + the inline query
    const share = (n: number) => `${n} (${Math.round((n * 100) / total)}%)`;
    const inlineStatus = statusOf(canonical[1]!);
    const expectLines = [
      `الأسئلة: ${total}`,
      `• أُجيب عنها: ${share(count('answered') + (inlineStatus === 'answered' ? 1 : 0))}`,
      `• طُلب فيها توضيح: ${share(count('clarify') + (inlineStatus === 'clarify' ? 1 : 0))}`,
      `• بلا إجابة: ${share(count('unknown') + (inlineStatus === 'unknown' ? 1 : 0))}`,
      `• دردشة عامة: ${share(count('smalltalk') + (inlineStatus === 'smalltalk' ? 1 : 0))}`,
      'المحادثات الخاصة: 5 · المجموعات: 1 · الوضع المضمّن: 1',
      'المستخدمون المختلفون: 5',
    ];
    expect(count('answered')).toBeGreaterThanOrEqual(3);
    expect(count('smalltalk')).toBeGreaterThanOrEqual(1);

    // The inline query is recorded once the user stops typing (debounced): poll /stats for it.
    let text = '';
    for (let i = 0; i < 20 && !text.includes('الوضع المضمّن: 1'); i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, 300));
      text = textOf((await say(ADMIN, '/stats'))[0]);
    }
    expect(text.startsWith('📊 إحصاءات آخر 7 أيام')).toBe(true);
    for (const line of expectLines) expect(text).toContain(line);
    // canonical[0] was asked twice in private, canonical[1] once in private and once inline.
    expect(text).toContain(`. ${canonical[0]} — 2`);
    expect(text).toContain(`. ${canonical[1]} — ${inlineStatus === 'answered' ? 2 : 1}`);
  });

  it('refuses every admin command and button to anyone else, with no data', async () => {
    for (const cmd of ['/stats', '/stats 30', '/unanswered', '/reload', '/export', '/attach 1 taji-base']) {
      const [reply] = await say(USER, cmd);
      expect(textOf(reply), cmd).toBe(adminText.refusal);
    }
    const [prompt] = await say(USER, 'مرحبا');
    for (const data of ['ua:1:taji-base', 'ud:1']) {
      const { answer } = await tap(USER, prompt!, data);
      expect(answer).toBe(adminText.refusal);
    }
    expect(api.callsOf('sendDocument')).toEqual([]);
  });

  it('unanswered → attach → the same question is answered at once', async () => {
    // A question the current engine misses but for which it has candidates.
    const pool = ['كم عدد الضحايا؟', 'كم صاروخ؟', 'الهجوم', 'القوات', 'القائم', 'ما الطقس اليوم؟'];
    const question = pool.find((q) => statusOf(q) !== 'answered' && local.engine.search(q, 3).length > 0);
    expect(question, 'a missed question with candidates').toBeDefined();
    const q = question!;
    const target = local.engine.search(q, 3)[0]!.entry.id;
    const [missed] = await say(USER, q);
    expect(feedbackEntry(missed)).toBeNull();
    await say(7009, q);

    const listed = await say(ADMIN, '/unanswered', 2);
    expect(textOf(listed[0])).toContain('❓ أكثر الأسئلة التي لم أجد لها إجابة في آخر 30 يومًا');
    const items = await api.waitForCount(
      'sendMessage',
      1,
      (c) => c.params.chat_id === ADMIN && textOf(c).includes(`«${q}»`),
      {
        since: listed[0]!.seq,
      },
    );
    const item = items[0]!;
    expect(textOf(item)).toContain('سُئل مرتين');
    const buttons = api.buttonsOf(item);
    const attach = buttons.find(
      (b) => decodeCallback(b.data)?.action === 'ua' && decodeCallback(b.data)?.args[1] === target,
    );
    expect(attach?.text.startsWith(adminText.attachButton(''))).toBe(true);
    expect(buttons.at(-1)?.text).toBe(adminText.dismissButton);

    // A non-admin tapping the admin's button changes nothing.
    const refused = await tap(USER, item, attach!.data);
    expect(refused.answer).toBe(adminText.refusal);

    const done = await tap(ADMIN, item, attach!.data);
    expect(done.answer).toBe(adminText.attachedToast);
    const edit = await api.waitFor('editMessageText', (c) => c.params.chat_id === ADMIN, {
      since: done.since,
    });
    expect(textOf(edit)).toContain(`✅ ربطتُ «${q}» بالمدخل`);
    expect(textOf(edit)).toContain('صرتُ أجيب عن هذا السؤال من الآن.');

    const [now] = await say(USER, q);
    expect(feedbackEntry(now)).toBe(target);

    // The group left the list (nothing else was missed twice, so only single misses may remain).
    const after = await say(ADMIN, '/unanswered');
    const afterTexts = api.textsTo(ADMIN, after[0]!.seq);
    expect(afterTexts.some((t) => t.includes(`«${q}»`))).toBe(false);

    // /export: the learned question as a knowledge file.
    const exportSince = api.mark();
    api.privateText(ADMIN, '/export');
    const doc = await api.waitFor('sendDocument', (c) => c.params.chat_id === ADMIN, { since: exportSince });
    const file = doc.files.find((f) => f.field === 'document');
    expect(file?.filename).toMatch(/^learned-questions-\d{4}-\d{2}-\d{2}\.yaml$/);
    expect(String(doc.params.caption)).toBe(adminText.exportCaption(1, 1));
    const kb = parseKnowledge([{ file: 'export.yaml', text: file!.data.toString('utf8') }]);
    expect(kb.entries.map((e) => e.id)).toEqual([target]);
    expect(kb.entries[0]?.questions).toContain(q);
  });

  it('a broken /reload keeps the old knowledge; a good one swaps in', async () => {
    const file = join(knowledgeDir, 'report.yaml');
    const good = readFileSync(file, 'utf8');
    const victim = answerable()[5]!;
    const broken = good.replace(
      `  - id: ${victim.id}\n    topic: `,
      `  - id: ${victim.id}\n    topic: NOT A TOPIC `,
    );
    expect(broken).not.toBe(good);
    writeFileSync(file, broken);

    const [failed] = await say(ADMIN, '/reload');
    expect(textOf(failed)).toContain('⚠️ لم أُعِد تحميل المعرفة');
    expect(textOf(failed)).toContain(`(مدخلات التقرير: ${local.engine.knowledge.entries.length})`);
    expect(textOf(failed)).toMatch(new RegExp(`report\\.yaml, entry "${victim.id}", field "topic"`));

    // Still answering from the old knowledge.
    const [still] = await say(USER, victim.questions[0]!);
    expect(feedbackEntry(still)).toBe(victim.id);

    // A good file with one more entry swaps in, learned questions kept.
    const extra = [
      '',
      '  - id: e2e-added-entry',
      '    topic: taji',
      '    questions:',
      '      - ما لون باب قاعدة الاختبار الوهمية؟',
      '    answer: هذا مدخل أضافه اختبار إعادة التحميل فقط.',
      '    source: [10]',
      '',
    ].join('\n');
    writeFileSync(file, good.replace(/\nsmalltalk:/, `${extra}\nsmalltalk:`));
    const reloaded = local.reload();
    expect(reloaded.ok).toBe(true);
    const [ok] = await say(ADMIN, '/reload');
    expect(textOf(ok)).toContain('✅ أعدتُ تحميل المعرفة بنجاح');
    expect(textOf(ok)).toContain(`مدخلات التقرير: ${reloaded.ok ? reloaded.entries : -1}`);
    expect(textOf(ok)).toContain('الأسئلة المتعلَّمة المدمجة: 1');
    const [fresh] = await say(USER, 'ما لون باب قاعدة الاختبار الوهمية؟');
    expect(feedbackEntry(fresh)).toBe('e2e-added-entry');
    writeFileSync(file, good);
    local.reload();
    const [back] = await say(ADMIN, '/reload');
    expect(textOf(back)).toContain(`مدخلات التقرير: ${local.engine.knowledge.entries.length}`);
  });

  it('feedback: one vote per user per answer, acknowledged, buttons marked', async () => {
    const entry = answerable()[1]!;
    const [answer] = await say(USER, entry.questions[0]!);
    expect(feedbackEntry(answer)).toBe(entry.id);
    const up = api.buttonsOf(answer!).find((b) => b.data === `fb:${entry.id}:1`)!;
    const down = api.buttonsOf(answer!).find((b) => b.data === `fb:${entry.id}:-1`)!;

    const first = await tap(USER, answer!, up.data);
    expect(first.answer).toBe(feedbackText.thanksUp);
    const marked = await api.waitFor('editMessageReplyMarkup', undefined, { since: first.since });
    expect(api.buttonsOf(marked).map((b) => b.text)).toContain(`👍${feedbackText.chosenMark}`);

    const again = await tap(USER, answer!, up.data);
    expect(again.answer).toBe(feedbackText.same);
    const changed = await tap(USER, answer!, down.data);
    expect(changed.answer).toBe(feedbackText.changed);
    await api.waitFor('editMessageReplyMarkup', undefined, { since: changed.since });
    expect((await tap(USER, answer!, down.data)).answer).toBe(feedbackText.same);
    expect((await tap(USER, answer!, 'fb:no-such-entry:1')).answer).toBe(feedbackText.invalid);

    const [stats] = await say(ADMIN, '/stats');
    expect(textOf(stats)).toContain(`1. ${entry.questions[0]} — 👎 1 · 👍 0`);
  });

  it('/settings: group admins choose ask-only; mentions are then ignored, /ask still answered', async () => {
    const question = answerable()[0]!.questions[0]!;
    const mention = `@${api.bot.username} ${question}`;
    let since = api.mark();
    api.groupText(GROUP, USER, '/settings');
    const refused = await api.waitFor('sendMessage', (c) => c.params.chat_id === GROUP, { since });
    expect(textOf(refused)).toBe(settingsText.notGroupAdmin);

    api.setMemberStatus(GROUP, GROUP_ADMIN, 'administrator');
    since = api.mark();
    api.groupText(GROUP, GROUP_ADMIN, '/settings');
    const prompt = await api.waitFor('sendMessage', (c) => c.params.chat_id === GROUP, { since });
    expect(textOf(prompt)).toBe(settingsText.prompt('all'));
    const askOnly = api.buttonsOf(prompt).find((b) => b.data === 'gs:ask-only')!;
    expect((await tap(USER, prompt, askOnly.data)).answer).toBe(settingsText.notGroupAdmin);
    expect((await tap(GROUP_ADMIN, prompt, askOnly.data)).answer).toBe(settingsText.saved);

    since = api.mark();
    api.groupText(GROUP, USER, mention);
    await api.expectNo('sendMessage', (c) => c.params.chat_id === GROUP, { since, ms: 800 });
    api.groupText(GROUP, USER, `/ask ${question}`);
    await api.waitFor('sendMessage', (c) => c.params.chat_id === GROUP, { since });
  });

  it('the stats survive a restart', async () => {
    const [before] = await say(ADMIN, '/stats');
    const stopped = await h.stop();
    expect(stopped.code).toBe(0);
    h = await startBot({ env: env(), api });
    const [after] = await say(ADMIN, '/stats');
    expect(textOf(after)).toBe(textOf(before));
    expect(textOf(after)).toContain('المستخدمون المختلفون:');
    // Group settings and learned questions survived too.
    const since = api.mark();
    api.groupText(GROUP, USER, `@${api.bot.username} ${answerable()[0]!.questions[0]}`);
    await api.expectNo('sendMessage', (c) => c.params.chat_id === GROUP, { since, ms: 800 });
  });
});

describe('crash safety', () => {
  it('SIGKILL in the middle of a burst loses at most the questions in flight', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'taji-kill-e2e-'));
    const burst = await startBot({
      env: { ADMIN_IDS: String(ADMIN), KNOWLEDGE_PATH: knowledgeDir, DATA_DIR: dir, FLOOD_LIMIT: '1000' },
    });
    try {
      const N = 80;
      const questions = answerable().map((e) => e.questions[0]!);
      burst.api.delay('sendMessage', 15, N);
      const since = burst.api.mark();
      for (let i = 0; i < N; i++) burst.api.privateText(8000 + (i % 20), questions[i % questions.length]!);
      await burst.api.waitForCount('sendMessage', N / 2, undefined, { since, timeoutMs: 20_000 });
      const killed = await burst.stop('SIGKILL');
      expect(killed.signal).toBe('SIGKILL');
      const replied = burst.api.callsOf('sendMessage', since, (c) => c.response?.ok === true).length;
      expect(replied).toBeLessThan(N);

      // Read what reached the disk (WAL recovery on open), before anything could re-deliver updates.
      const store = openSqliteStore({ dataDir: dir, dataSecret: null, logger: pino({ level: 'silent' }) });
      const recorded = store.stats(1).total;
      store.close();
      // Recording happens before the reply is sent: everything answered is on disk, and nothing
      // beyond what the bot had started on.
      expect(recorded).toBeGreaterThanOrEqual(replied);
      expect(recorded).toBeLessThanOrEqual(N);
      console.info(`SIGKILL burst: ${N} sent, ${replied} answered, ${recorded} recorded`);
    } finally {
      await burst.api.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
