import { runConsoleChat } from './cli/console-chat.ts';
import type { Config } from './config.ts';
import { loadConfigOrExit } from './env.ts';
import { engineHolderFromConfig } from './knowledge/build-engine.ts';
import { createLogger, type Logger } from './logger.ts';

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
    logger.fatal({ err }, 'cannot load knowledge');
    process.exit(1);
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

async function runTelegramMode(_config: Config, logger: Logger): Promise<void> {
  logger.fatal('Telegram mode is not available yet; unset BOT_TOKEN to use the console chat');
  process.exit(1);
}

void main();
