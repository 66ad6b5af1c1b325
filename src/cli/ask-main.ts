import { loadConfigOrExit } from '../env.ts';
import { engineHolderFromConfig } from '../knowledge/build-engine.ts';
import { createLogger } from '../logger.ts';
import { askJsonLines, askOnce } from './ask.ts';
import { exitQuietlyOnBrokenPipe } from './broken-pipe.ts';

/** `npm run ask -- "سؤال"` or `npm run ask -- --json < questions.txt`. Logs go to stderr only. */
async function main(): Promise<void> {
  exitQuietlyOnBrokenPipe();
  const config = loadConfigOrExit();
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  let engines: ReturnType<typeof engineHolderFromConfig>;
  try {
    engines = engineHolderFromConfig(config);
  } catch (err) {
    logger.error({ err }, 'cannot load knowledge');
    process.stderr.write(`${(err as Error).message}\n`);
    process.exit(1);
  }
  const args = process.argv.slice(2);
  if (args.includes('--json')) {
    const n = await askJsonLines(engines.engine, process.stdin, process.stdout);
    logger.debug({ questions: n }, 'ask --json done');
    return;
  }
  const question = args
    .filter((a) => a !== '--')
    .join(' ')
    .trim();
  if (!question) {
    process.stderr.write('usage: npm run ask -- "سؤالك"   |   npm run ask -- --json < questions.txt\n');
    process.exit(2);
  }
  process.stdout.write(`${askOnce(engines.engine, question)}\n`);
}

void main();
