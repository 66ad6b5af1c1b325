import { z } from 'zod';

/** Telegram bot tokens look like `123456789:AA...` (digits, colon, 30+ url-safe characters). */
const TOKEN_RE = /^\d{3,}:[A-Za-z0-9_-]{30,}$/;
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Config {
  /** Absent → console chat instead of Telegram. */
  readonly botToken: string | null;
  readonly telegramApiRoot: string;
  readonly adminIds: readonly number[];
  readonly knowledgePath: string;
  readonly dataDir: string;
  readonly dataSecret: string | null;
  readonly retentionDays: number;
  readonly logLevel: LogLevel;
  readonly webhook: { readonly url: string; readonly secret: string; readonly path: string } | null;
  readonly port: number;
  readonly thresholds: { readonly answer: number; readonly clarify: number; readonly confidence: number };
  readonly maxQueryChars: number;
  readonly flood: { readonly limit: number; readonly windowSeconds: number };
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const opt = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());
const num = (min: number, max: number) => z.coerce.number().min(min).max(max);
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const EnvSchema = z.object({
  BOT_TOKEN: opt(
    z.string().trim().regex(TOKEN_RE, 'does not look like a Telegram bot token (123456:ABC...)'),
  ),
  TELEGRAM_API_ROOT: opt(z.url({ protocol: /^https?$/ })),
  ADMIN_IDS: opt(
    z
      .string()
      .regex(/^\s*\d+\s*(,\s*\d+\s*)*,?\s*$/, 'must be comma-separated numeric Telegram user ids')
      .transform((s) =>
        s
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean)
          .map(Number),
      ),
  ),
  KNOWLEDGE_PATH: opt(z.string()),
  DATA_DIR: opt(z.string()),
  DATA_SECRET: opt(z.string().min(16, 'must be at least 16 characters')),
  RETENTION_DAYS: opt(int(1, 3650)),
  LOG_LEVEL: opt(z.enum(LOG_LEVELS)),
  WEBHOOK_URL: opt(z.url({ protocol: /^https?$/ })),
  WEBHOOK_SECRET: opt(
    z.string().regex(/^[A-Za-z0-9_-]{1,256}$/, 'must be 1-256 characters of A-Z, a-z, 0-9, _ and -'),
  ),
  PORT: opt(int(1, 65535)),
  ANSWER_THRESHOLD: opt(num(0, 1)),
  CLARIFY_THRESHOLD: opt(num(0, 1)),
  ANSWER_CONFIDENCE: opt(num(0, 1)),
  MAX_QUERY_CHARS: opt(int(20, 100_000)),
  FLOOD_LIMIT: opt(int(1, 10_000)),
  FLOOD_WINDOW_SECONDS: opt(int(1, 3600)),
});

/**
 * answer 0.5 (was 0.55), chosen on users.jsonl (then rounds 10–11), round 12 and dev (3,185 questions):
 * in the 0.50–0.55 band a lone candidate was the right entry 18 times of 19 (the other was out of
 * scope); lowering the bar gained 27 right answers, kept confident wrong answers at 26, and answered 6
 * more out-of-scope questions (with a neighbouring fact: «was the embassy in Baghdad hit?» gets where
 * the strikes fell). 0.52 gained 19 for the same 6; 0.48 gained 6 more with one more wrong answer and 3
 * more out-of-scope questions answered.
 */
export const DEFAULT_THRESHOLDS = { answer: 0.5, clarify: 0.35, confidence: 0.8 } as const;

/** Variables earlier versions read, with what replaced them; set ones get a warning at start. */
const RETIRED: Readonly<Record<string, string>> = {
  CLARIFY_MARGIN:
    'CLARIFY_MARGIN is no longer read: close candidates are now judged by the paraphrase classifier, tuned with ANSWER_CONFIDENCE (see .env.example)',
};

/** Pure: a warning for each retired variable that is still set (values are never echoed). */
export function retiredVariableWarnings(env: Readonly<Record<string, string | undefined>>): string[] {
  return Object.entries(RETIRED)
    .filter(([name]) => (env[name] ?? '').trim() !== '')
    .map(([, message]) => message);
}

/** Pure: environment strings → validated Config. Throws ConfigError naming the variable. */
export function parseConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${String(i.path[0] ?? 'env')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  let webhook: Config['webhook'] = null;
  if (e.WEBHOOK_URL) {
    if (!e.WEBHOOK_SECRET) {
      throw new ConfigError('Invalid configuration:\n  WEBHOOK_SECRET: required when WEBHOOK_URL is set');
    }
    const path = new URL(e.WEBHOOK_URL).pathname || '/';
    webhook = { url: e.WEBHOOK_URL, secret: e.WEBHOOK_SECRET, path };
  }
  const thresholds = {
    answer: e.ANSWER_THRESHOLD ?? DEFAULT_THRESHOLDS.answer,
    clarify: e.CLARIFY_THRESHOLD ?? DEFAULT_THRESHOLDS.clarify,
    confidence: e.ANSWER_CONFIDENCE ?? DEFAULT_THRESHOLDS.confidence,
  };
  if (thresholds.clarify > thresholds.answer) {
    throw new ConfigError('Invalid configuration:\n  CLARIFY_THRESHOLD: must not be above ANSWER_THRESHOLD');
  }
  return {
    botToken: e.BOT_TOKEN ?? null,
    telegramApiRoot: (e.TELEGRAM_API_ROOT ?? 'https://api.telegram.org').replace(/\/+$/, ''),
    adminIds: e.ADMIN_IDS ?? [],
    knowledgePath: e.KNOWLEDGE_PATH ?? 'knowledge',
    dataDir: e.DATA_DIR ?? './data',
    dataSecret: e.DATA_SECRET ?? null,
    retentionDays: e.RETENTION_DAYS ?? 90,
    logLevel: e.LOG_LEVEL ?? 'info',
    webhook,
    port: e.PORT ?? 8080,
    thresholds,
    maxQueryChars: e.MAX_QUERY_CHARS ?? 500,
    flood: { limit: e.FLOOD_LIMIT ?? 10, windowSeconds: e.FLOOD_WINDOW_SECONDS ?? 10 },
  };
}
