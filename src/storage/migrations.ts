import type Database from 'better-sqlite3';

/** One schema step. Versions are 1, 2, 3… in order; a released migration is never edited, only appended. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/**
 * Times are integer milliseconds since the epoch (UTC). User, chat and answer identifiers are
 * keyed hashes (see hash.ts); no raw Telegram id is ever written.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
      CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) WITHOUT ROWID;

      CREATE TABLE questions (
        id         INTEGER PRIMARY KEY,
        at         INTEGER NOT NULL,
        chat_kind  TEXT NOT NULL CHECK (chat_kind IN ('private', 'group', 'inline', 'console')),
        status     TEXT NOT NULL CHECK (status IN ('answered', 'clarify', 'unknown', 'smalltalk')),
        entry_id   TEXT,
        score      REAL,
        user_hash  TEXT,
        chat_hash  TEXT,
        text       TEXT NOT NULL,
        normalized TEXT NOT NULL
      );
      CREATE INDEX questions_at ON questions (at);
      CREATE INDEX questions_missed ON questions (status, at) WHERE status IN ('unknown', 'clarify');

      CREATE TABLE feedback (
        user_hash  TEXT NOT NULL,
        answer_key TEXT NOT NULL,
        entry_id   TEXT NOT NULL,
        value      INTEGER NOT NULL CHECK (value IN (1, -1)),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (user_hash, answer_key)
      ) WITHOUT ROWID;
      CREATE INDEX feedback_updated ON feedback (updated_at);

      CREATE TABLE alternates (
        id         INTEGER PRIMARY KEY,
        entry_id   TEXT NOT NULL,
        question   TEXT NOT NULL,
        added_at   INTEGER NOT NULL,
        admin_hash TEXT NOT NULL,
        UNIQUE (entry_id, question)
      );

      CREATE TABLE unanswered_refs (
        ref        INTEGER PRIMARY KEY,
        normalized TEXT NOT NULL UNIQUE,
        sample     TEXT NOT NULL,
        touched_at INTEGER NOT NULL
      );

      -- reason 'dismissed' hides a normalized form for good; 'attached' hides what was asked up to "at".
      CREATE TABLE dismissed (
        normalized TEXT PRIMARY KEY,
        reason     TEXT NOT NULL CHECK (reason IN ('dismissed', 'attached')),
        at         INTEGER NOT NULL,
        admin_hash TEXT NOT NULL
      ) WITHOUT ROWID;

      CREATE TABLE group_settings (
        chat_hash  TEXT PRIMARY KEY,
        mode       TEXT NOT NULL CHECK (mode IN ('all', 'ask-only')),
        updated_at INTEGER NOT NULL,
        admin_hash TEXT NOT NULL
      ) WITHOUT ROWID;

      CREATE TABLE audit_log (
        id         INTEGER PRIMARY KEY,
        at         INTEGER NOT NULL,
        admin_hash TEXT NOT NULL,
        action     TEXT NOT NULL,
        detail     TEXT NOT NULL
      );
      CREATE INDEX audit_log_at ON audit_log (at);
    `,
  },
];

export class MigrationError extends Error {
  override readonly name = 'MigrationError';
}

/**
 * Bring the schema up to the newest migration. The version lives in `PRAGMA user_version`; every
 * pending step runs in one IMMEDIATE transaction (two processes opening together cannot both
 * migrate, and a failing step leaves the file as it was). A file newer than this code is refused.
 * Returns the version before and after.
 */
export function applyMigrations(
  db: Database.Database,
  migrations: readonly Migration[] = MIGRATIONS,
): { from: number; to: number } {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new MigrationError(`migration #${i} has version ${m.version}, expected ${i + 1}`);
  });
  const latest = migrations.length;
  const run = db.transaction(() => {
    const from = Number(db.pragma('user_version', { simple: true }));
    if (from > latest) {
      throw new MigrationError(
        `database schema version ${from} is newer than this program knows (${latest}); refusing to open it`,
      );
    }
    for (const m of migrations.slice(from)) {
      try {
        db.exec(m.sql);
      } catch (err) {
        throw new MigrationError(`migration ${m.version} (${m.name}) failed: ${(err as Error).message}`);
      }
      db.pragma(`user_version = ${m.version}`);
    }
    return { from, to: latest };
  });
  return run.immediate();
}
