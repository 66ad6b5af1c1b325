import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { Logger } from '../../src/logger.ts';
import { openSqliteStore, type SqliteStore, type SqliteStoreOptions } from '../../src/storage/sqlite.ts';
import type { QuestionEvent } from '../../src/storage/types.ts';

export const silentLogger: Logger = pino({ level: 'silent' });

/** A fresh temp folder; call the returned cleanup in afterEach. */
export function tempDir(prefix = 'taji-store-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function openTestStore(
  dir: string,
  extra: Partial<Omit<SqliteStoreOptions, 'dataDir' | 'logger'>> = {},
): SqliteStore {
  return openSqliteStore({ dataDir: dir, dataSecret: null, logger: silentLogger, ...extra });
}

export function question(over: Partial<QuestionEvent> = {}): QuestionEvent {
  return {
    at: new Date(),
    chatKind: 'private',
    userId: 1001,
    chatId: 1001,
    status: 'answered',
    entryId: 'qaim-troop-count',
    score: 0.9,
    text: 'كم عدد الجنود؟',
    normalized: 'كم عدد الجنود',
    ...over,
  };
}
