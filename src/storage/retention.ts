import type { Logger } from '../logger.ts';
import type { Store } from './types.ts';

const DAY_MS = 86_400_000;

/**
 * Prune question rows older than `retentionDays` now and then once a day. The timer does not keep
 * the process alive; call the returned function on shutdown (before store.close()).
 */
export function scheduleRetention(
  store: Pick<Store, 'prune'>,
  retentionDays: number,
  logger: Logger,
  everyMs: number = DAY_MS,
): () => void {
  const run = () => {
    try {
      const deleted = store.prune(retentionDays);
      logger.debug({ deleted, retentionDays }, 'retention pass');
    } catch (err) {
      logger.error({ err }, 'retention pass failed');
    }
  };
  run();
  const timer = setInterval(run, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
