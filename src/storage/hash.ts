import { createHmac, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** File in DATA_DIR that holds the generated hashing key when DATA_SECRET is not set. */
export const KEY_FILE = 'secret.key';
const KEY_BYTES = 32;

export type IdKind = 'user' | 'chat' | 'answer';

/** Keyed one-way hash of an identifier (Telegram user/chat id, answer key). */
export type IdHasher = (kind: IdKind, id: number | string) => string;

/**
 * The HMAC key: DATA_SECRET when set, otherwise 32 random bytes generated once into
 * `<dataDir>/secret.key` (mode 0600) and reused on every later start.
 */
export function loadHashKey(opts: { dataDir: string; dataSecret: string | null }): Buffer {
  if (opts.dataSecret) return Buffer.from(opts.dataSecret, 'utf8');
  mkdirSync(opts.dataDir, { recursive: true });
  const file = join(opts.dataDir, KEY_FILE);
  try {
    // 'wx': create only if absent, so two processes starting together cannot overwrite each other's key.
    writeFileSync(file, `${randomBytes(KEY_BYTES).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const hex = readFileSync(file, 'utf8').trim();
  if (!/^[0-9a-f]{64}$/.test(hex)) {
    throw new Error(
      `${file}: not a hashing key (expected 64 hex characters); remove it to generate a new one`,
    );
  }
  try {
    chmodSync(file, 0o600);
  } catch {
    // Best effort on filesystems without POSIX modes.
  }
  return Buffer.from(hex, 'hex');
}

/**
 * HMAC-SHA256 over `<kind>:<id>`, cut to 128 bits (base64url, 22 characters): enough to count
 * distinct users and match votes, useless for recovering an id without the key.
 */
export function createIdHasher(key: Buffer): IdHasher {
  if (key.length < 16) throw new Error('hashing key must be at least 16 bytes');
  return (kind, id) =>
    createHmac('sha256', key).update(`${kind}:${id}`).digest().subarray(0, 16).toString('base64url');
}

/** A short fingerprint of the key, stored with the data to notice a changed DATA_SECRET. */
export function keyFingerprint(key: Buffer): string {
  return createHmac('sha256', key).update('key-check').digest('hex').slice(0, 16);
}
