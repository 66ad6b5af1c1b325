import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Logger } from '../logger.ts';
import type { ReplyStatus } from '../qa/types.ts';
import { createIdHasher, keyFingerprint, loadHashKey } from './hash.ts';
import { applyMigrations, MIGRATIONS, type Migration } from './migrations.ts';
import type {
  ChatKind,
  GroupMode,
  LearnedAlternate,
  QuestionEvent,
  StatsReport,
  Store,
  UnansweredGroup,
} from './types.ts';

export const DEFAULT_DB_FILE = 'bot.sqlite';
/** Question texts (and their normalized forms) are cut to this many characters before storage. */
export const MAX_STORED_TEXT = 300;
const MAX_AUDIT_DETAIL = 1000;
const DAY_MS = 86_400_000;
const TOP_N = 5;

export interface SqliteStoreOptions {
  readonly dataDir: string;
  /** HMAC key for ids; null → a key generated once into `<dataDir>/secret.key`. */
  readonly dataSecret: string | null;
  readonly logger: Logger;
  /** Database file name inside dataDir (default bot.sqlite). */
  readonly fileName?: string;
  /** Milliseconds a write waits for another connection's lock (default 5000). */
  readonly busyTimeoutMs?: number;
  /** For tests of the migration runner; production always uses MIGRATIONS. */
  readonly migrations?: readonly Migration[];
}

export interface SqliteStore extends Store {
  /** Absolute-or-relative path of the database file. */
  readonly file: string;
  readonly schemaVersion: number;
}

/** Cut to at most `max` code points (never splits a surrogate pair). */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  return Array.from(text).slice(0, max).join('');
}

const STATUSES: readonly ReplyStatus[] = ['answered', 'clarify', 'unknown', 'smalltalk'];
const KINDS: readonly ChatKind[] = ['private', 'group', 'inline', 'console'];

interface CountsRow {
  total: number;
  answered: number;
  clarify: number;
  unknown: number;
  smalltalk: number;
  private: number;
  group: number;
  inline: number;
  console: number;
}

/**
 * The bot's memory in one SQLite file (WAL mode). Every write is its own transaction, committed
 * before the call returns, so a crash loses at most the questions still being handled.
 * Statements are prepared once, here.
 */
export function openSqliteStore(opts: SqliteStoreOptions): SqliteStore {
  mkdirSync(opts.dataDir, { recursive: true });
  const file = join(opts.dataDir, opts.fileName ?? DEFAULT_DB_FILE);
  const key = loadHashKey({ dataDir: opts.dataDir, dataSecret: opts.dataSecret });
  const hash = createIdHasher(key);
  const log = opts.logger.child({ component: 'storage' });

  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode: a process crash (even SIGKILL) loses nothing committed; only an OS crash
    // or power cut may lose the last transactions.
    db.pragma('synchronous = NORMAL');
    db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(opts.busyTimeoutMs ?? 5000))}`);
    db.pragma('foreign_keys = ON');
  } catch (err) {
    db.close();
    throw err;
  }

  let migrated: { from: number; to: number };
  try {
    migrated = applyMigrations(db, opts.migrations ?? MIGRATIONS);
  } catch (err) {
    db.close();
    throw err;
  }

  // Notice a changed DATA_SECRET: old hashes no longer match (distinct users, votes, group settings).
  const fingerprint = keyFingerprint(key);
  const known = db
    .prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'key_fingerprint'")
    .get();
  if (!known) {
    db.prepare("INSERT OR IGNORE INTO meta (key, value) VALUES ('key_fingerprint', ?)").run(fingerprint);
  } else if (known.value !== fingerprint) {
    log.warn(
      'the hashing key differs from the one this database was written with (DATA_SECRET changed?): ' +
        'earlier users, votes and group settings will not match new ones',
    );
  }

  // ---- prepared statements ------------------------------------------------------------------
  const insertQuestion = db.prepare(
    `INSERT INTO questions (at, chat_kind, status, entry_id, score, user_hash, chat_hash, text, normalized)
     VALUES (@at, @chatKind, @status, @entryId, @score, @userHash, @chatHash, @text, @normalized)`,
  );
  const getVote = db.prepare<[string, string], { value: number }>(
    'SELECT value FROM feedback WHERE user_hash = ? AND answer_key = ?',
  );
  const insertVote = db.prepare(
    `INSERT INTO feedback (user_hash, answer_key, entry_id, value, created_at, updated_at)
     VALUES (@userHash, @answerKey, @entryId, @value, @at, @at)`,
  );
  const updateVote = db.prepare(
    `UPDATE feedback SET value = @value, entry_id = @entryId, updated_at = @at
     WHERE user_hash = @userHash AND answer_key = @answerKey`,
  );
  const countsStmt = db.prepare<[number, number], CountsRow>(
    `SELECT count(*) AS total,
            coalesce(sum(status = 'answered'), 0)  AS answered,
            coalesce(sum(status = 'clarify'), 0)   AS clarify,
            coalesce(sum(status = 'unknown'), 0)   AS unknown,
            coalesce(sum(status = 'smalltalk'), 0) AS smalltalk,
            coalesce(sum(chat_kind = 'private'), 0) AS private,
            coalesce(sum(chat_kind = 'group'), 0)   AS "group",
            coalesce(sum(chat_kind = 'inline'), 0)  AS inline,
            coalesce(sum(chat_kind = 'console'), 0) AS console
     FROM questions WHERE at >= ? AND at <= ?`,
  );
  const distinctUsersStmt = db.prepare<[number, number], { n: number }>(
    'SELECT count(DISTINCT user_hash) AS n FROM questions WHERE at >= ? AND at <= ? AND user_hash IS NOT NULL',
  );
  const topEntriesStmt = db.prepare<[number, number, number], { entryId: string; count: number }>(
    `SELECT entry_id AS entryId, count(*) AS count FROM questions
     WHERE at >= ? AND at <= ? AND status = 'answered' AND entry_id IS NOT NULL
     GROUP BY entry_id ORDER BY count DESC, entry_id LIMIT ?`,
  );
  const worstRatedStmt = db.prepare<[number, number, number], { entryId: string; up: number; down: number }>(
    `SELECT entry_id AS entryId, sum(value = 1) AS up, sum(value = -1) AS down FROM feedback
     WHERE updated_at >= ? AND updated_at <= ?
     GROUP BY entry_id HAVING down > 0
     ORDER BY down - up DESC, down DESC, entry_id LIMIT ?`,
  );
  // The sample is the most recently recorded text of the group (highest row id).
  const unansweredStmt = db.prepare<
    [number, number, number],
    { normalized: string; sample: string; count: number; lastAt: number }
  >(
    `WITH g AS (
       SELECT q.normalized AS normalized, count(*) AS count, max(q.at) AS lastAt, max(q.id) AS lastId
       FROM questions q LEFT JOIN dismissed d ON d.normalized = q.normalized
       WHERE q.status IN ('unknown', 'clarify') AND q.at >= ? AND q.at <= ? AND q.normalized <> ''
         AND (d.normalized IS NULL OR (d.reason = 'attached' AND q.at > d.at))
       GROUP BY q.normalized ORDER BY count DESC, lastAt DESC, normalized LIMIT ?
     )
     SELECT g.normalized, q.text AS sample, g.count, g.lastAt
     FROM g JOIN questions q ON q.id = g.lastId
     ORDER BY g.count DESC, g.lastAt DESC, g.normalized`,
  );
  const upsertRef = db.prepare<[string, string, number], { ref: number }>(
    `INSERT INTO unanswered_refs (normalized, sample, touched_at) VALUES (?, ?, ?)
     ON CONFLICT (normalized) DO UPDATE SET sample = excluded.sample, touched_at = excluded.touched_at
     RETURNING ref`,
  );
  const refStmt = db.prepare<[number], { ref: number; normalized: string; sample: string }>(
    'SELECT ref, normalized, sample FROM unanswered_refs WHERE ref = ?',
  );
  const upsertDismissed = db.prepare(
    `INSERT INTO dismissed (normalized, reason, at, admin_hash) VALUES (@normalized, @reason, @at, @adminHash)
     ON CONFLICT (normalized) DO UPDATE SET reason = excluded.reason, at = excluded.at, admin_hash = excluded.admin_hash
     WHERE dismissed.reason <> 'dismissed'`,
  );
  const insertAlternate = db.prepare(
    `INSERT OR IGNORE INTO alternates (entry_id, question, added_at, admin_hash)
     VALUES (@entryId, @question, @at, @adminHash)`,
  );
  const alternatesStmt = db.prepare<[], { entryId: string; question: string; addedAt: number }>(
    'SELECT entry_id AS entryId, question, added_at AS addedAt FROM alternates ORDER BY id',
  );
  const insertAudit = db.prepare(
    'INSERT INTO audit_log (at, admin_hash, action, detail) VALUES (@at, @adminHash, @action, @detail)',
  );
  const getModeStmt = db.prepare<[string], { mode: GroupMode }>(
    'SELECT mode FROM group_settings WHERE chat_hash = ?',
  );
  const setModeStmt = db.prepare(
    `INSERT INTO group_settings (chat_hash, mode, updated_at, admin_hash) VALUES (@chatHash, @mode, @at, @adminHash)
     ON CONFLICT (chat_hash) DO UPDATE SET mode = excluded.mode, updated_at = excluded.updated_at,
       admin_hash = excluded.admin_hash`,
  );
  const pruneQuestions = db.prepare('DELETE FROM questions WHERE at < ?');
  const pruneRefs = db.prepare('DELETE FROM unanswered_refs WHERE touched_at < ?');

  // ---- helpers --------------------------------------------------------------------------------
  const auditRow = (adminId: number, action: string, detail: string, at = Date.now()) =>
    insertAudit.run({
      at,
      adminHash: hash('user', adminId),
      action: cutText(action, 64),
      detail: cutText(detail, MAX_AUDIT_DETAIL),
    });

  const window = (days: number, now: Date | undefined) => {
    const end = (now ?? new Date()).getTime();
    return { start: end - Math.max(0, days) * DAY_MS, end };
  };

  const recordQuestionTx = db.transaction((event: QuestionEvent) => {
    insertQuestion.run({
      at: event.at.getTime(),
      chatKind: event.chatKind,
      status: event.status,
      entryId: event.entryId,
      score: event.score !== null && Number.isFinite(event.score) ? event.score : null,
      userHash: event.userId === null ? null : hash('user', event.userId),
      chatHash: event.chatId === null ? null : hash('chat', event.chatId),
      text: cutText(event.text, MAX_STORED_TEXT),
      normalized: cutText(event.normalized, MAX_STORED_TEXT),
    });
  });

  const recordFeedbackTx = db.transaction(
    (vote: Parameters<Store['recordFeedback']>[0]): 'new' | 'changed' | 'same' => {
      const row = {
        userHash: hash('user', vote.userId),
        answerKey: hash('answer', vote.answerKey),
        entryId: vote.entryId,
        value: vote.value,
        at: vote.at.getTime(),
      };
      const prev = getVote.get(row.userHash, row.answerKey);
      if (!prev) {
        insertVote.run(row);
        return 'new';
      }
      if (prev.value === vote.value) return 'same';
      updateVote.run(row);
      return 'changed';
    },
  );

  const unansweredTx = db.transaction((days: number, limit: number, now: Date | undefined) => {
    const { start, end } = window(days, now);
    const rows = unansweredStmt.all(start, end, Math.max(0, Math.trunc(limit)));
    const touched = Date.now();
    return rows.map((r): UnansweredGroup => {
      const ref = upsertRef.get(r.normalized, r.sample, touched)?.ref;
      if (ref === undefined) throw new Error('unanswered_refs upsert returned no ref');
      return { ref, normalized: r.normalized, sample: r.sample, count: r.count, lastAt: new Date(r.lastAt) };
    });
  });

  const dismissTx = db.transaction((normalized: string, adminId: number) => {
    const at = Date.now();
    upsertDismissed.run({ normalized, reason: 'dismissed', at, adminHash: hash('user', adminId) });
    auditRow(adminId, 'dismiss', normalized, at);
  });

  const addAlternateTx = db.transaction(
    (entryId: string, question: string, adminId: number, resolves: string | undefined) => {
      const at = Date.now();
      const adminHash = hash('user', adminId);
      const q = cutText(question.trim(), MAX_STORED_TEXT);
      if (q === '') throw new Error('an alternate question must not be empty');
      const added = insertAlternate.run({ entryId, question: q, at, adminHash }).changes > 0;
      if (resolves !== undefined)
        upsertDismissed.run({ normalized: resolves, reason: 'attached', at, adminHash });
      auditRow(adminId, 'attach', `${entryId} <- ${q}${added ? '' : ' (already known)'}`, at);
    },
  );

  const setModeTx = db.transaction((chatId: number, mode: GroupMode, adminId: number) => {
    const at = Date.now();
    const chatHash = hash('chat', chatId);
    setModeStmt.run({ chatHash, mode, at, adminHash: hash('user', adminId) });
    auditRow(adminId, 'group-mode', `${chatHash} -> ${mode}`, at);
  });

  // One read transaction so the figures agree with each other even while others write.
  const statsTx = db.transaction((days: number, start: number, end: number): StatsReport => {
    const c = countsStmt.get(start, end) as CountsRow;
    const byStatus = Object.fromEntries(STATUSES.map((s) => [s, c[s]])) as Record<ReplyStatus, number>;
    const byChatKind = Object.fromEntries(KINDS.map((k) => [k, c[k]])) as Record<ChatKind, number>;
    return {
      days,
      total: c.total,
      byStatus,
      byChatKind,
      distinctUsers: distinctUsersStmt.get(start, end)?.n ?? 0,
      topEntries: topEntriesStmt.all(start, end, TOP_N),
      worstRated: worstRatedStmt.all(start, end, TOP_N),
    };
  });

  const auditTx = db.transaction((adminId: number, action: string, detail: string) => {
    auditRow(adminId, action, detail);
  });

  const pruneTx = db.transaction((cutoff: number) => {
    const n = pruneQuestions.run(cutoff).changes;
    pruneRefs.run(cutoff);
    return n;
  });

  let closed = false;

  log.info(
    {
      file,
      schemaVersion: migrated.to,
      migratedFrom: migrated.from === migrated.to ? undefined : migrated.from,
    },
    'storage ready',
  );

  return {
    file,
    schemaVersion: migrated.to,

    recordQuestion(event) {
      // Best effort: a locked or full disk must not stop the bot from answering.
      try {
        recordQuestionTx(event);
      } catch (err) {
        log.error({ err, status: event.status }, 'cannot record a question');
      }
    },

    recordFeedback(vote) {
      return recordFeedbackTx(vote);
    },

    stats(days, now) {
      const { start, end } = window(days, now);
      return statsTx.deferred(days, start, end);
    },

    unanswered({ days, limit, now }) {
      return unansweredTx(days, limit, now);
    },

    unansweredByRef(ref) {
      if (!Number.isSafeInteger(ref) || ref <= 0) return null;
      return refStmt.get(ref) ?? null;
    },

    dismissUnanswered(normalized, adminId) {
      dismissTx(normalized, adminId);
    },

    addAlternate(entryId, question, adminId, o) {
      addAlternateTx(entryId, question, adminId, o?.resolves);
    },

    alternates(): LearnedAlternate[] {
      return alternatesStmt.all().map((r) => ({ ...r, addedAt: new Date(r.addedAt) }));
    },

    audit(adminId, action, detail) {
      auditTx(adminId, action, detail);
    },

    getGroupMode(chatId) {
      return getModeStmt.get(hash('chat', chatId))?.mode ?? 'all';
    },

    setGroupMode(chatId, mode, adminId) {
      setModeTx(chatId, mode, adminId);
    },

    prune(retentionDays, now) {
      const cutoff = (now ?? new Date()).getTime() - retentionDays * DAY_MS;
      const n = pruneTx(cutoff);
      if (n > 0) log.info({ deleted: n, retentionDays }, 'pruned old questions');
      return n;
    },

    close() {
      if (closed) return;
      closed = true;
      db.close();
      log.debug('storage closed');
    },
  };
}
