/**
 * Child process for the concurrency and crash tests: opens the store in DATA_DIR (argv[2]) and
 * records argv[3] questions, one transaction each, printing "ready" first and "done" at the end.
 * With argv[4] = "slow", pauses 1 ms between writes so a reader can interleave.
 */
import pino from 'pino';
import { openSqliteStore } from '../../src/storage/sqlite.ts';

const [dataDir, countArg, mode] = process.argv.slice(2);
if (!dataDir || !countArg) throw new Error('usage: storage-writer.fixture.ts <dataDir> <count> [slow]');
const store = openSqliteStore({ dataDir, dataSecret: null, logger: pino({ level: 'silent' }) });
process.stdout.write('ready\n');
const count = Number(countArg);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
for (let i = 0; i < count; i++) {
  store.recordQuestion({
    at: new Date(),
    chatKind: 'group',
    userId: 5000 + (i % 10),
    chatId: -42,
    status: i % 2 === 0 ? 'answered' : 'unknown',
    entryId: i % 2 === 0 ? 'writer-entry' : null,
    score: 0.5,
    text: `سؤال رقم ${i}`,
    normalized: `سؤال رقم ${i}`,
  });
  if (mode === 'slow') await sleep(1);
}
store.close();
process.stdout.write('done\n');
