/**
 * End-to-end harness: a fake Bot API plus the bot started AS THE REAL PROCESS
 * (`node --import tsx src/main.ts`, the same code path as `npm start`).
 *
 *   const h = await startBot({ env: { ADMIN_IDS: '42' } });   // waits for the first getUpdates
 *   h.api.privateText(42, '/stats');
 *   const call = await h.api.waitFor('sendMessage', (c) => c.params.chat_id === 42);
 *   await h.stop();                                           // SIGTERM; resolves with exit code
 *
 * - `env` is added to a clean environment (every variable the bot reads is blank unless given,
 *   so a developer's `.env` cannot leak in). BOT_TOKEN, TELEGRAM_API_ROOT, DATA_DIR (a fresh temp
 *   folder, removed by `stop()`), LOG_LEVEL=info are set for you.
 * - `waitFor: 'getUpdates'` (default) resolves once the bot is polling; 'webhook' once
 *   `GET /healthz` answers 200 on PORT (set WEBHOOK_URL, WEBHOOK_SECRET and PORT in env);
 *   'nothing' returns right after spawning (for start-up failures: await `h.exited`).
 * - `h.output()` is stdout + stderr so far; `h.logs()` the JSON log lines; `h.waitForLog(pred)`.
 * - Always call `h.stop()` (in afterAll): it kills the process if SIGTERM is not enough, closes the
 *   fake API and removes the temp folder.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FakeBotApi } from './fake-bot-api.ts';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Every variable src/config.ts reads, blank by default. */
const BOT_ENV_KEYS = [
  'BOT_TOKEN',
  'TELEGRAM_API_ROOT',
  'ADMIN_IDS',
  'KNOWLEDGE_PATH',
  'DATA_DIR',
  'DATA_SECRET',
  'RETENTION_DAYS',
  'LOG_LEVEL',
  'WEBHOOK_URL',
  'WEBHOOK_SECRET',
  'PORT',
  'ANSWER_THRESHOLD',
  'CLARIFY_THRESHOLD',
  'ANSWER_CONFIDENCE',
  'MAX_QUERY_CHARS',
  'FLOOD_LIMIT',
  'FLOOD_WINDOW_SECONDS',
];

export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface StartBotOptions {
  readonly env?: Readonly<Record<string, string>>;
  /** Reuse a running fake API (e.g. to restart the bot against the same state). */
  readonly api?: FakeBotApi;
  readonly waitFor?: 'getUpdates' | 'webhook' | 'nothing';
  /** How long to wait for the bot to be ready (default 30 s). */
  readonly readyTimeoutMs?: number;
}

export interface BotHarness {
  readonly api: FakeBotApi;
  readonly proc: ChildProcess;
  readonly dataDir: string;
  /** Milliseconds from spawn to ready (first getUpdates / healthz 200); 0 for 'nothing'. */
  readonly startupMs: number;
  /** Resolves when the process exits. */
  readonly exited: Promise<Exit>;
  output(): string;
  logs(): Array<Record<string, unknown>>;
  waitForLog(
    match: (line: Record<string, unknown>) => boolean,
    timeoutMs?: number,
  ): Promise<Record<string, unknown>>;
  /** Send a signal (default SIGTERM) and wait for exit (SIGKILL after `timeoutMs`); cleans up. */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<Exit & { readonly ms: number }>;
}

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolvePort(port));
    });
  });
}

function parseJsonLines(text: string): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      out.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      // a partial line at the end of the buffer
    }
  }
  return out;
}

async function waitHealthy(port: number, timeoutMs: number, exited: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited()) throw new Error('bot exited before /healthz answered 200');
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`/healthz did not answer 200 within ${timeoutMs} ms`);
}

export async function startBot(opts: StartBotOptions = {}): Promise<BotHarness> {
  const api = opts.api ?? (await FakeBotApi.start());
  const dataDir = mkdtempSync(join(tmpdir(), 'taji-bot-e2e-'));
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? tmpdir(),
    NODE_ENV: 'test',
  };
  for (const key of BOT_ENV_KEYS) env[key] = '';
  Object.assign(env, {
    BOT_TOKEN: api.token,
    TELEGRAM_API_ROOT: api.apiRoot,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'info',
    ...opts.env,
  });

  const since = api.mark();
  const t0 = performance.now();
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  proc.stdout?.setEncoding('utf8').on('data', (s: string) => {
    out += s;
  });
  proc.stderr?.setEncoding('utf8').on('data', (s: string) => {
    err += s;
  });
  let hasExited = false;
  const exited = new Promise<Exit>((resolveExit) => {
    proc.once('exit', (code, signal) => {
      hasExited = true;
      resolveExit({ code, signal });
    });
  });

  const output = () => out + err;
  const logs = () => parseJsonLines(err);
  let cleaned = false;
  const cleanup = async () => {
    if (cleaned) return;
    cleaned = true;
    if (!opts.api) await api.close();
    rmSync(dataDir, { recursive: true, force: true });
  };

  const harness: BotHarness = {
    api,
    proc,
    dataDir,
    startupMs: 0,
    exited,
    output,
    logs,
    async waitForLog(match, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const hit = logs().find(match);
        if (hit) return hit;
        if (hasExited) break;
        await new Promise((r) => setTimeout(r, 25));
      }
      throw new Error(`log line not seen within ${timeoutMs} ms; output:\n${output().slice(-3000)}`);
    },
    async stop(signal = 'SIGTERM', timeoutMs = 10_000) {
      const started = performance.now();
      if (!hasExited) proc.kill(signal);
      const killer = setTimeout(() => proc.kill('SIGKILL'), timeoutMs);
      const result = await exited;
      clearTimeout(killer);
      await cleanup();
      return { ...result, ms: performance.now() - started };
    },
  };

  const readyTimeout = opts.readyTimeoutMs ?? 30_000;
  const mode = opts.waitFor ?? 'getUpdates';
  try {
    if (mode === 'getUpdates') {
      await Promise.race([
        api.waitFor('getUpdates', undefined, { since, timeoutMs: readyTimeout }),
        exited.then((e) => {
          throw new Error(`bot exited (${e.code ?? e.signal}) before polling; output:\n${output()}`);
        }),
      ]);
    } else if (mode === 'webhook') {
      const port = Number(env.PORT);
      await waitHealthy(port, readyTimeout, () => hasExited);
    }
  } catch (e) {
    await harness.stop('SIGKILL');
    throw e;
  }
  return { ...harness, startupMs: mode === 'nothing' ? 0 : performance.now() - t0 };
}
