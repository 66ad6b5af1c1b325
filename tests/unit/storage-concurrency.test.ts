import { spawn } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestStore, question, tempDir } from './storage-fixtures.ts';

let dir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
});
afterEach(() => cleanup());

describe('concurrent access', () => {
  it('lets one connection write while another holds a read open (WAL snapshot)', () => {
    const writer = openTestStore(dir);
    writer.recordQuestion(question());
    const reader = new Database(join(dir, 'bot.sqlite'), { readonly: true });
    const rows = reader.prepare<[], { id: number }>('SELECT id FROM questions').iterate();
    const first = rows.next(); // the open cursor holds a read transaction while we write
    expect(first.done).toBe(false);
    for (let i = 0; i < 500; i++) writer.recordQuestion(question({ userId: i }));
    expect(writer.stats(1).total).toBe(501);
    rows.return?.();
    expect(reader.prepare<[], { n: number }>('SELECT count(*) AS n FROM questions').get()?.n).toBe(501);
    reader.close();
    writer.close();
  });

  it('interleaves writes and stats reads on two stores over the same file', () => {
    const a = openTestStore(dir);
    const b = openTestStore(dir);
    let seen = 0;
    for (let i = 1; i <= 2000; i++) {
      (i % 2 ? a : b).recordQuestion(question({ userId: i % 7 }));
      if (i % 50 === 0) {
        const s = (i % 100 ? b : a).stats(1);
        expect(s.total).toBe(i);
        expect(s.total).toBeGreaterThanOrEqual(seen);
        seen = s.total;
      }
    }
    expect(a.stats(1).distinctUsers).toBe(7);
    a.close();
    b.close();
  });

  it('reads consistent stats while another process writes', async () => {
    const main = openTestStore(dir); // creates the schema and key first
    const N = 600;
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'storage-writer.fixture.ts'), dir, String(N), 'slow'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    let running = true;
    void exited.then(() => {
      running = false;
    });

    let reads = 0;
    let last = 0;
    while (running) {
      const s = main.stats(1);
      // Each figure agrees with the others: one read transaction.
      expect(s.byStatus.answered + s.byStatus.unknown).toBe(s.total);
      expect(s.total).toBeGreaterThanOrEqual(last);
      last = s.total;
      main.recordQuestion(question({ chatKind: 'private' })); // and write in between
      reads++;
      await new Promise((r) => setTimeout(r, 2));
    }
    expect(await exited, err).toBe(0);
    expect(out).toContain('done');
    const s = main.stats(1);
    expect(s.byChatKind.group).toBe(N);
    expect(s.byChatKind.private).toBe(reads);
    expect(reads).toBeGreaterThan(5);
    main.close();
  });
});
