import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyMigrations, MIGRATIONS, type Migration, MigrationError } from '../../src/storage/migrations.ts';
import { openTestStore, question, tempDir } from './storage-fixtures.ts';

let dir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
});
afterEach(() => cleanup());

const tables = (db: Database.Database) =>
  db
    .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .all()
    .map((r) => r.name);

describe('migrations', () => {
  it('create the whole schema in an empty folder, in WAL mode', () => {
    const store = openTestStore(join(dir, 'nested', 'data'));
    expect(store.schemaVersion).toBe(MIGRATIONS.length);
    store.close();
    const db = new Database(join(dir, 'nested', 'data', 'bot.sqlite'), { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(tables(db)).toEqual(
      expect.arrayContaining([
        'alternates',
        'audit_log',
        'dismissed',
        'feedback',
        'group_settings',
        'meta',
        'questions',
        'unanswered_refs',
      ]),
    );
    db.close();
  });

  it('run nothing on an up-to-date file', () => {
    openTestStore(dir).close();
    const db = new Database(join(dir, 'bot.sqlite'));
    expect(applyMigrations(db)).toEqual({ from: MIGRATIONS.length, to: MIGRATIONS.length });
    db.close();
  });

  it('apply only the pending steps and keep the data', () => {
    const v1 = MIGRATIONS.slice(0, 1);
    const v2: Migration[] = [
      ...v1,
      { version: 2, name: 'add a column', sql: 'ALTER TABLE questions ADD COLUMN lang TEXT' },
    ];
    const a = openTestStore(dir, { migrations: v1 });
    a.recordQuestion(question());
    a.close();
    const b = openTestStore(dir, { migrations: v2 });
    expect(b.schemaVersion).toBe(2);
    expect(b.stats(1).total).toBe(1);
    b.close();
    const db = new Database(join(dir, 'bot.sqlite'), { readonly: true });
    const cols = db
      .prepare<[], { name: string }>('PRAGMA table_info(questions)')
      .all()
      .map((c) => c.name);
    expect(cols).toContain('lang');
    db.close();
  });

  it('roll a failing step back completely and leave the version as it was', () => {
    const v1 = MIGRATIONS.slice(0, 1);
    openTestStore(dir, { migrations: v1 }).close();
    const broken: Migration[] = [
      ...v1,
      {
        version: 2,
        name: 'broken',
        sql: 'CREATE TABLE half (a INTEGER); INSERT INTO no_such_table VALUES (1);',
      },
    ];
    expect(() => openTestStore(dir, { migrations: broken })).toThrow(MigrationError);
    const db = new Database(join(dir, 'bot.sqlite'), { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(tables(db)).not.toContain('half');
    db.close();
    // The file still opens with the good migrations.
    openTestStore(dir, { migrations: v1 }).close();
  });

  it('refuse a file written by a newer version', () => {
    openTestStore(dir).close();
    const db = new Database(join(dir, 'bot.sqlite'));
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    db.close();
    expect(() => openTestStore(dir)).toThrow(/newer than this program knows/);
  });

  it('reject a migration list with gaps', () => {
    const db = new Database(':memory:');
    expect(() => applyMigrations(db, [{ version: 2, name: 'x', sql: '' }])).toThrow(MigrationError);
    db.close();
  });
});
