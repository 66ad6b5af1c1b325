import pino, { type Logger } from 'pino';
import type { LogLevel } from './config.ts';

export type { Logger } from 'pino';

/** Paths that may carry secrets; pino replaces them with "[redacted]". */
const REDACT = [
  'token',
  'botToken',
  'config.botToken',
  'secret',
  'dataSecret',
  'config.dataSecret',
  'config.webhook.secret',
  'headers["x-telegram-bot-api-secret-token"]',
  'req.headers["x-telegram-bot-api-secret-token"]',
  '*.token',
  '*.secret',
];

/** Matches a Telegram bot token anywhere in a string (e.g. inside an error message or URL). */
const TOKEN_IN_TEXT = /\d{3,}:[A-Za-z0-9_-]{30,}/g;

/** Remove anything that looks like a bot token from free text (error messages, URLs). */
export function scrubSecrets(text: string): string {
  return text.replace(TOKEN_IN_TEXT, '[redacted-token]');
}

/**
 * Logs always go to stderr so that stdout stays clean for `ask --json` and the console chat.
 * Pretty output on a terminal, JSON lines otherwise.
 */
export function createLogger(level: LogLevel, opts: { pretty?: boolean } = {}): Logger {
  const pretty = opts.pretty ?? Boolean(process.stderr.isTTY);
  const base = {
    level,
    redact: { paths: REDACT, censor: '[redacted]' },
    serializers: {
      err: (err: unknown) => {
        const s = pino.stdSerializers.err(err as Error);
        return {
          ...s,
          message: scrubSecrets(String(s.message ?? '')),
          stack: s.stack ? scrubSecrets(s.stack) : s.stack,
        };
      },
    },
  };
  if (pretty) {
    return pino({
      ...base,
      transport: {
        target: 'pino-pretty',
        options: { destination: 2, colorize: true, translateTime: 'SYS:HH:MM:ss' },
      },
    });
  }
  return pino(base, pino.destination({ fd: 2, sync: true }));
}
