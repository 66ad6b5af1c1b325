import { startTelegram, type TelegramRuntime } from './bot/run.ts';
import { runConsoleChat } from './cli/console-chat.ts';
import type { Config } from './config.ts';
import { loadConfigOrExit } from './env.ts';
import { engineHolderFromConfig } from './knowledge/build-engine.ts';
import { createLogger, type Logger, scrubSecrets } from './logger.ts';
import { scheduleRetention } from './storage/retention.ts';
import { openSqliteStore, type SqliteStore } from './storage/sqlite.ts';

/**
 * Composition root: config → logger → knowledge → engine → (store) → one front end.
 * The only module that reads the environment, opens files for real and starts I/O.
 */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config.logLevel);
  if (config.botToken) {
    await runTelegramMode(config, logger);
    return;
  }
  await runConsoleMode(config, logger);
}

async function runConsoleMode(config: Config, logger: Logger): Promise<void> {
  let engines: ReturnType<typeof engineHolderFromConfig>;
  try {
    engines = engineHolderFromConfig(config);
  } catch (err) {
    failStart(logger, err, 'cannot load knowledge');
  }
  logger.debug({ entries: engines.engine.knowledge.entries.length }, 'console chat ready');
  await runConsoleChat({
    engines,
    input: process.stdin,
    output: process.stdout,
    prompt: Boolean(process.stdin.isTTY),
  });
  process.exit(0);
}

async function runTelegramMode(config: Config, logger: Logger): Promise<void> {
  let store: SqliteStore;
  let engines: ReturnType<typeof engineHolderFromConfig>;
  try {
    store = openSqliteStore({ dataDir: config.dataDir, dataSecret: config.dataSecret, logger });
    engines = engineHolderFromConfig(config, () => store.alternates());
  } catch (err) {
    failStart(logger, err, 'cannot start: knowledge or storage failed');
  }
  const stopRetention = scheduleRetention(store, config.retentionDays, logger);
  let runtime: TelegramRuntime | null = null;
  let exiting = false;
  const exit = async (code: number, reason: string): Promise<void> => {
    if (exiting) return;
    exiting = true;
    // Hard limit: whatever happens, the process is gone within 8 seconds.
    setTimeout(() => process.exit(code), 8000).unref();
    try {
      await runtime?.stop(reason);
    } catch (err) {
      logger.error({ err }, 'error while stopping');
    }
    stopRetention();
    store.close();
    // One plain line on failure: a pretty (worker-thread) logger may not flush before exit.
    if (code !== 0) process.stderr.write(`${scrubSecrets(reason)}\n`);
    process.exit(code);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void exit(0, signal));
  // Belt and braces: a stray rejection is logged, never allowed to stop everyone's replies.
  process.on('unhandledRejection', (err) => logger.error({ err }, 'unhandled rejection'));
  try {
    runtime = await startTelegram({
      config,
      logger,
      engines,
      store,
      onStopped: (err) => void exit(err ? 1 : 0, err ? err.message : 'stopped'),
    });
  } catch (err) {
    logger.fatal({ err }, 'cannot start the Telegram bot');
    await exit(1, `cannot start the Telegram bot: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/**
 * Log and exit 1. The reason also goes to stderr as one plain line, because a pretty (worker-thread)
 * logger may not flush before the process exits. Error messages never contain the token (see logger).
 */
function failStart(logger: Logger, err: unknown, what: string): never {
  logger.fatal({ err }, what);
  process.stderr.write(`${what}: ${scrubSecrets(err instanceof Error ? err.message : String(err))}\n`);
  process.exit(1);
}

void main();
