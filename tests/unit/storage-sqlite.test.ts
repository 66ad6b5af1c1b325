import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_STORED_TEXT, type SqliteStore } from '../../src/storage/sqlite.ts';
import { openTestStore, question, tempDir } from './storage-fixtures.ts';

const DAY = 86_400_000;
const NOW = new Date('2025-03-20T12:00:00Z');
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);

let dir: string;
let cleanup: () => void;
let store: SqliteStore;
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  store = openTestStore(dir);
});
afterEach(() => {
  store.close();
  cleanup();
});

const auditRows = () => {
  const db = new Database(join(dir, 'bot.sqlite'), { readonly: true });
  const rows = db
    .prepare<[], { action: string; detail: string }>('SELECT action, detail FROM audit_log ORDER BY id')
    .all();
  db.close();
  return rows;
};

describe('stats', () => {
  it('counts a known sequence of questions', () => {
    const seq = [
      question({ at: ago(1), userId: 1, chatKind: 'private', status: 'answered', entryId: 'a' }),
      question({ at: ago(1), userId: 1, chatKind: 'private', status: 'answered', entryId: 'a' }),
      question({ at: ago(2), userId: 2, chatKind: 'group', chatId: -5, status: 'answered', entryId: 'b' }),
      question({ at: ago(2), userId: 2, chatKind: 'group', chatId: -5, status: 'unknown', entryId: null }),
      question({ at: ago(3), userId: 3, chatKind: 'inline', chatId: null, status: 'clarify', entryId: null }),
      question({ at: ago(3), userId: 4, chatKind: 'private', status: 'smalltalk', entryId: 'greeting' }),
      question({
        at: ago(6),
        userId: null,
        chatKind: 'console',
        chatId: null,
        status: 'answered',
        entryId: 'c',
      }),
      // Outside a 7-day window:
      question({ at: ago(8), userId: 9, chatKind: 'private', status: 'answered', entryId: 'z' }),
      // In the future relative to NOW (not counted):
      question({ at: new Date(NOW.getTime() + DAY), userId: 9, status: 'answered', entryId: 'z' }),
    ];
    for (const q of seq) store.recordQuestion(q);

    const s = store.stats(7, NOW);
    expect(s.days).toBe(7);
    expect(s.total).toBe(7);
    expect(s.byStatus).toEqual({ answered: 4, clarify: 1, unknown: 1, smalltalk: 1 });
    expect(s.byChatKind).toEqual({ private: 3, group: 2, inline: 1, console: 1 });
    expect(s.distinctUsers).toBe(4);
    expect(s.topEntries).toEqual([
      { entryId: 'a', count: 2 },
      { entryId: 'b', count: 1 },
      { entryId: 'c', count: 1 },
    ]);
    expect(store.stats(2, NOW).total).toBe(4);
    expect(store.stats(30, NOW).total).toBe(8);
  });

  it('is all zeros on an empty store', () => {
    const s = store.stats(7, NOW);
    expect(s.total).toBe(0);
    expect(s.byStatus).toEqual({ answered: 0, clarify: 0, unknown: 0, smalltalk: 0 });
    expect(s.byChatKind).toEqual({ private: 0, group: 0, inline: 0, console: 0 });
    expect(s.distinctUsers).toBe(0);
    expect(s.topEntries).toEqual([]);
    expect(s.worstRated).toEqual([]);
  });

  it('ranks the worst-rated entries by thumbs-down', () => {
    const vote = (userId: number, entryId: string, value: 1 | -1, key: string) =>
      store.recordFeedback({ userId, entryId, answerKey: key, value, at: ago(1) });
    vote(1, 'a', -1, '1:10');
    vote(2, 'a', -1, '2:10');
    vote(3, 'a', 1, '3:10');
    vote(1, 'b', -1, '1:11');
    vote(1, 'c', 1, '1:12');
    expect(store.stats(7, NOW).worstRated).toEqual([
      { entryId: 'a', up: 1, down: 2 },
      { entryId: 'b', up: 0, down: 1 },
    ]);
  });
});

describe('feedback', () => {
  it('keeps one vote per user and answer; a second tap changes it', () => {
    const v = { userId: 42, entryId: 'a', answerKey: '42:100', at: ago(0) };
    expect(store.recordFeedback({ ...v, value: 1 })).toBe('new');
    expect(store.recordFeedback({ ...v, value: 1 })).toBe('same');
    expect(store.recordFeedback({ ...v, value: -1 })).toBe('changed');
    expect(store.recordFeedback({ ...v, value: -1 })).toBe('same');
    expect(store.stats(1, NOW).worstRated).toEqual([{ entryId: 'a', up: 0, down: 1 }]);
    // Another user on the same answer, and the same user on another answer, are separate votes.
    expect(store.recordFeedback({ ...v, userId: 43, value: -1 })).toBe('new');
    expect(store.recordFeedback({ ...v, answerKey: '42:101', value: -1 })).toBe('new');
    expect(store.stats(1, NOW).worstRated).toEqual([{ entryId: 'a', up: 0, down: 3 }]);
  });
});

describe('unanswered', () => {
  it('groups missed questions by normalized form, most frequent first, with the latest text', () => {
    const miss = (
      text: string,
      normalized: string,
      days: number,
      status: 'unknown' | 'clarify' = 'unknown',
    ) => store.recordQuestion(question({ text, normalized, status, entryId: null, at: ago(days) }));
    miss('ما الطقس؟', 'ما الطقس', 3);
    miss('ما الطقس', 'ما الطقس', 2);
    miss('ما الطقسس؟؟', 'ما الطقس', 1, 'clarify');
    miss('من الرئيس؟', 'من الرئيس', 1);
    miss('كم الساعة', 'كم الساعه', 40); // outside the window
    store.recordQuestion(question({ text: 'كم عدد الجنود؟', normalized: 'كم عدد الجنود' })); // answered
    miss('', '', 1); // empty normalized forms are not a group

    const groups = store.unanswered({ days: 30, limit: 10, now: NOW });
    expect(groups.map((g) => [g.normalized, g.count, g.sample])).toEqual([
      ['ما الطقس', 3, 'ما الطقسس؟؟'],
      ['من الرئيس', 1, 'من الرئيس؟'],
    ]);
    expect(groups[0]?.lastAt).toEqual(ago(1));
    expect(store.unanswered({ days: 30, limit: 1, now: NOW })).toHaveLength(1);

    // Refs are stable and resolve back to the group.
    const again = store.unanswered({ days: 30, limit: 10, now: NOW });
    expect(again.map((g) => g.ref)).toEqual(groups.map((g) => g.ref));
    const ref = groups[0]?.ref ?? -1;
    expect(store.unansweredByRef(ref)).toEqual({ ref, normalized: 'ما الطقس', sample: 'ما الطقسس؟؟' });
    expect(store.unansweredByRef(999_999)).toBeNull();
    expect(store.unansweredByRef(-1)).toBeNull();
    expect(store.unansweredByRef(Number.NaN)).toBeNull();
  });

  it('hides a dismissed group for good, and an attached group until it is missed again', () => {
    const miss = (normalized: string, at: Date) =>
      store.recordQuestion(
        question({ text: `${normalized}؟`, normalized, status: 'unknown', entryId: null, at }),
      );
    const t0 = new Date(Date.now() - 3 * DAY);
    miss('ما الطقس', t0);
    miss('من الرئيس', t0);
    store.dismissUnanswered('ما الطقس', 7);
    store.addAlternate('qaim-handover', 'من الرئيس؟', 7, { resolves: 'من الرئيس' });
    expect(store.unanswered({ days: 30, limit: 10 })).toEqual([]);

    miss('ما الطقس', new Date(Date.now() + 1000));
    miss('من الرئيس', new Date(Date.now() + 1000));
    const now = new Date(Date.now() + 2000);
    expect(store.unanswered({ days: 30, limit: 10, now }).map((g) => [g.normalized, g.count])).toEqual([
      ['من الرئيس', 1],
    ]);
    expect(auditRows().map((r) => r.action)).toEqual(['dismiss', 'attach']);
  });
});

describe('alternates, audit and group settings', () => {
  it('stores learned alternates once, in order, and audits each attach', () => {
    store.addAlternate('a', '  سؤال أول  ', 7);
    store.addAlternate('b', 'سؤال ثان', 8);
    store.addAlternate('a', 'سؤال أول', 7);
    expect(store.alternates().map((a) => [a.entryId, a.question])).toEqual([
      ['a', 'سؤال أول'],
      ['b', 'سؤال ثان'],
    ]);
    expect(store.alternates()[0]?.addedAt).toBeInstanceOf(Date);
    expect(() => store.addAlternate('a', '   ', 7)).toThrow();
    store.audit(7, 'reload', 'ok: 30 entries');
    expect(auditRows()).toEqual([
      { action: 'attach', detail: 'a <- سؤال أول' },
      { action: 'attach', detail: 'b <- سؤال ثان' },
      { action: 'attach', detail: 'a <- سؤال أول (already known)' },
      { action: 'reload', detail: 'ok: 30 entries' },
    ]);
  });

  it('keeps a mode per group, "all" by default', () => {
    expect(store.getGroupMode(-100)).toBe('all');
    store.setGroupMode(-100, 'ask-only', 7);
    store.setGroupMode(-200, 'all', 7);
    expect(store.getGroupMode(-100)).toBe('ask-only');
    expect(store.getGroupMode(-200)).toBe('all');
    store.setGroupMode(-100, 'all', 7);
    expect(store.getGroupMode(-100)).toBe('all');
    expect(auditRows().filter((r) => r.action === 'group-mode')).toHaveLength(3);
  });
});

describe('persistence and retention', () => {
  it('keeps everything across close and reopen', () => {
    store.recordQuestion(question({ at: ago(1) }));
    store.recordQuestion(question({ at: ago(1), status: 'unknown', entryId: null, normalized: 'x' }));
    store.recordFeedback({ userId: 1, entryId: 'a', answerKey: '1:1', value: -1, at: ago(1) });
    store.addAlternate('a', 'سؤال', 7);
    store.setGroupMode(-100, 'ask-only', 7);
    const before = store.stats(7, NOW);
    store.close();

    store = openTestStore(dir);
    expect(store.stats(7, NOW)).toEqual(before);
    expect(store.alternates().map((a) => a.question)).toEqual(['سؤال']);
    expect(store.getGroupMode(-100)).toBe('ask-only');
    expect(store.recordFeedback({ userId: 1, entryId: 'a', answerKey: '1:1', value: -1, at: ago(0) })).toBe(
      'same',
    );
  });

  it('prunes question rows older than the retention window', () => {
    store.recordQuestion(question({ at: ago(120) }));
    store.recordQuestion(question({ at: ago(91) }));
    store.recordQuestion(question({ at: ago(89) }));
    store.recordQuestion(question({ at: ago(0) }));
    expect(store.prune(90, NOW)).toBe(2);
    expect(store.prune(90, NOW)).toBe(0);
    expect(store.stats(3650, NOW).total).toBe(2);
    expect(store.prune(1, NOW)).toBe(1);
    expect(store.stats(3650, NOW).total).toBe(1);
  });

  it('cuts stored text to a bounded length without splitting characters', () => {
    const long = '😀'.repeat(MAX_STORED_TEXT + 50);
    store.recordQuestion(question({ text: long, normalized: long, status: 'unknown', entryId: null }));
    const [g] = store.unanswered({ days: 1, limit: 1 });
    expect(Array.from(g?.sample ?? '')).toHaveLength(MAX_STORED_TEXT);
    expect(g?.sample).toBe('😀'.repeat(MAX_STORED_TEXT));
  });

  it('is safe to close twice', () => {
    store.close();
    expect(() => store.close()).not.toThrow();
    store = openTestStore(dir);
  });
});

describe('failures', () => {
  it('never lets recording a question throw', () => {
    store.close();
    expect(() => store.recordQuestion(question())).not.toThrow();
    store = openTestStore(dir);
  });
});
