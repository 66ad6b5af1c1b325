/**
 * The ways in without Telegram, run as real processes: `npm start` with no BOT_TOKEN (console chat)
 * and `ask` / `ask --json`. Standard input is a pipe, as in CI.
 */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './harness.ts';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Every variable the bot reads is blank, so a developer's .env or shell cannot leak in. */
const CLEAN_ENV = {
  BOT_TOKEN: '',
  KNOWLEDGE_PATH: '',
  LOG_LEVEL: '',
  ANSWER_THRESHOLD: '',
  CLARIFY_THRESHOLD: '',
  ANSWER_CONFIDENCE: '',
  MAX_QUERY_CHARS: '',
};

/** `firstLineOnly`: read one line of stdout, then close the pipe, as `| head -1` does. */
function run(
  args: string[],
  input: string,
  env: Record<string, string> = {},
  { firstLineOnly = false } = {},
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...CLEAN_ENV, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => {
      stdout += d;
      if (firstLineOnly && stdout.includes('\n')) p.stdout.destroy();
    });
    p.stderr.on('data', (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => p.kill('SIGKILL'), 30_000);
    p.on('error', reject);
    p.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    p.stdin.on('error', () => {}); // a child that stops early need not read all of its input
    p.stdin.end(input);
  });
}

describe('console chat (npm start without BOT_TOKEN)', () => {
  it('answers in Arabic from piped input, lets a listed question be picked by number, and exits cleanly', async () => {
    const r = await run(
      ['src/main.ts'],
      ['كم عدد الجنود الذين سيغادرون القائم؟', '', 'كم عدد سكان العراق؟', '1', 'شكرا'].join('\n'),
    );
    expect(r.code).toBe(0);
    const out = r.stdout;
    expect(out).toContain('BOT_TOKEN'); // the one line on how to connect it to Telegram
    expect(out).toContain('300');
    expect(out).toContain('📄 المصدر: الفقرة 5');
    expect(out).toContain('لا أعرف');
    // after the unknown reply's example list, «1» answers the first example
    const afterUnknown = out.slice(out.indexOf('لا أعرف'));
    expect(afterUnknown).toMatch(/\n1\. .+\n/);
    expect(afterUnknown.split('📄 المصدر').length).toBeGreaterThan(1);
    expect(out.trimEnd().endsWith('مع السلامة!')).toBe(true);
  });

  it('a broken knowledge file stops the start with a message naming the file', async () => {
    const r = await run(['src/main.ts'], '', { KNOWLEDGE_PATH: 'tests/fixtures/does-not-exist.yaml' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('does-not-exist.yaml');
  });

  it('a malformed BOT_TOKEN is refused with the variable named and the value not echoed', async () => {
    const r = await run(['src/main.ts'], '', { BOT_TOKEN: 'not-a-token-secret-value' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('BOT_TOKEN');
    expect(r.stderr + r.stdout).not.toContain('not-a-token-secret-value');
  });
});

describe('ask', () => {
  it('--json writes exactly one JSON object per input line, in order, and nothing else to stdout', async () => {
    const lines = [
      'متى سلّم التحالف قاعدة القائم؟',
      '',
      '🙂',
      'مرحبا',
      'كم عدد سكان العراق؟',
      'x'.repeat(20_000),
    ];
    const r = await run(['src/cli/ask-main.ts', '--json'], `${lines.join('\n')}\n`);
    expect(r.code).toBe(0);
    const out = r.stdout.split('\n').filter((l) => l.length > 0);
    expect(out).toHaveLength(lines.length);
    const objs = out.map((l) => JSON.parse(l));
    objs.forEach((o, i) => {
      expect(Object.keys(o)).toEqual(['query', 'status', 'answer', 'entryId', 'score', 'suggestions']);
      expect(o.query).toBe(lines[i]);
    });
    expect(objs[0]).toMatchObject({ status: 'answered', entryId: 'qaim-handover' });
    expect(objs[0].answer).toContain('الثلاثاء');
    expect(objs[1].status).toBe('unknown');
    expect(objs[2].status).toBe('unknown');
    expect(objs[3].status).toBe('smalltalk');
    expect(objs[4]).toMatchObject({ status: 'unknown', entryId: null });
    expect(objs[4].suggestions.length).toBeGreaterThanOrEqual(2);
    expect(objs[5].status).toBe('unknown');
  });

  it('--json stops quietly with success when the reader closes the pipe early (| head)', async () => {
    const many = 'كم عدد الجنود الذين سيغادرون القائم؟\n'.repeat(5000);
    const r = await run(['src/cli/ask-main.ts', '--json'], many, {}, { firstLineOnly: true });
    expect(JSON.parse(r.stdout.split('\n')[0]!)).toMatchObject({ entryId: 'qaim-troop-count' });
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(/EPIPE|Unhandled/);
  });

  it('with a question prints the reply as the bot would send it', async () => {
    const r = await run(['src/cli/ask-main.ts', 'وين', 'راحت', 'المدافع؟'], '');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('سوريا');
    expect(r.stdout).toContain('📄 المصدر: الفقرة 6');
  });
});
