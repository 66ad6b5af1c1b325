import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createIdHasher, KEY_FILE, loadHashKey } from '../../src/storage/hash.ts';
import { openTestStore, question, tempDir } from './storage-fixtures.ts';

let dir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
});
afterEach(() => cleanup());

const USER = 987_654_321;
const GROUP = -1_001_234_567_890;
const MESSAGE = 4_242_424;

/** Every way a raw id could land in the file: decimal text, and 4/8-byte big- and little-endian integers. */
function encodings(id: number): Buffer[] {
  const out = [Buffer.from(String(id)), Buffer.from(String(Math.abs(id)))];
  const b8 = Buffer.alloc(8);
  b8.writeBigInt64BE(BigInt(id));
  out.push(Buffer.from(b8));
  b8.writeBigInt64LE(BigInt(id));
  out.push(Buffer.from(b8));
  if (Math.abs(id) < 2 ** 31) {
    const b4 = Buffer.alloc(4);
    b4.writeInt32BE(id);
    out.push(Buffer.from(b4));
  }
  return out;
}

function fileBytes(): Buffer {
  const parts = ['bot.sqlite', 'bot.sqlite-wal']
    .map((f) => join(dir, f))
    .filter((f) => existsSync(f))
    .map((f) => readFileSync(f));
  return Buffer.concat(parts);
}

describe('keyed id hashing', () => {
  it('generates a key once into DATA_DIR with mode 0600 and reuses it', () => {
    const k1 = loadHashKey({ dataDir: dir, dataSecret: null });
    const file = join(dir, KEY_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const k2 = loadHashKey({ dataDir: dir, dataSecret: null });
    expect(k2.equals(k1)).toBe(true);
    expect(k1).toHaveLength(32);
  });

  it('uses DATA_SECRET when set, without writing a key file', () => {
    const k = loadHashKey({ dataDir: dir, dataSecret: 'a-long-enough-secret' });
    expect(k.toString('utf8')).toBe('a-long-enough-secret');
    expect(existsSync(join(dir, KEY_FILE))).toBe(false);
  });

  it('refuses a key file that is not a key', () => {
    writeFileSync(join(dir, KEY_FILE), 'hello');
    expect(() => loadHashKey({ dataDir: dir, dataSecret: null })).toThrow(/not a hashing key/);
  });

  it('depends on the key and on the kind of id', () => {
    const a = createIdHasher(Buffer.alloc(32, 1));
    const b = createIdHasher(Buffer.alloc(32, 2));
    expect(a('user', USER)).toBe(a('user', USER));
    expect(a('user', USER)).not.toBe(b('user', USER));
    expect(a('user', USER)).not.toBe(a('chat', USER));
    expect(a('user', USER)).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(() => createIdHasher(Buffer.alloc(8))).toThrow();
  });

  it('never writes a raw user, chat or message id into the database file', () => {
    const store = openTestStore(dir);
    for (let i = 0; i < 50; i++) {
      store.recordQuestion(question({ userId: USER, chatId: USER, chatKind: 'private' }));
      store.recordQuestion(question({ userId: USER, chatId: GROUP, chatKind: 'group' }));
    }
    store.recordFeedback({
      userId: USER,
      entryId: 'a',
      answerKey: `${USER}:${MESSAGE}`,
      value: -1,
      at: new Date(),
    });
    store.setGroupMode(GROUP, 'ask-only', USER);
    store.addAlternate('a', 'سؤال', USER);
    store.dismissUnanswered('x', USER);
    store.audit(USER, 'reload', 'ok');
    expect(store.stats(1).distinctUsers).toBe(1);
    expect(store.getGroupMode(GROUP)).toBe('ask-only');

    const check = (bytes: Buffer) => {
      expect(bytes.length).toBeGreaterThan(0);
      for (const id of [USER, GROUP, MESSAGE]) {
        for (const enc of encodings(id))
          expect(bytes.includes(enc), `${id} as ${enc.toString('hex')}`).toBe(false);
      }
    };
    check(fileBytes()); // main file + WAL while open
    store.close();
    check(fileBytes()); // checkpointed file after close
  });
});
