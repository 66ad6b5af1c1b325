/**
 * Runs updates concurrently across chats and in order within a chat, so one slow reply (a 429
 * wait, a slow network) never holds up other users. Tracks in-flight updates for a clean stop.
 */
import type { Update } from 'telegraf/types';
import type { Logger } from '../logger.ts';

export interface Dispatcher {
  dispatch(update: Update): void;
  inFlight(): number;
  /** Resolves once fewer than `max` updates are in flight. */
  belowLimit(max: number): Promise<void>;
  /** Resolves true when nothing is in flight, false if `timeoutMs` passes first. */
  idle(timeoutMs: number): Promise<boolean>;
}

/** Updates of one chat (or one user, for inline queries) run one after another. */
export function orderingKey(update: Update): string {
  const u = update as Partial<Record<string, unknown>> & Update;
  const obj = Object.values(u).find((v) => typeof v === 'object' && v !== null) as
    | { chat?: { id?: number }; message?: { chat?: { id?: number } }; from?: { id?: number } }
    | undefined;
  const chatId = obj?.chat?.id ?? obj?.message?.chat?.id;
  if (chatId !== undefined) return `c${chatId}`;
  if (obj?.from?.id !== undefined) return `u${obj.from.id}`;
  return `x${update.update_id}`;
}

export function createDispatcher(handle: (update: Update) => Promise<void>, log: Logger): Dispatcher {
  const chains = new Map<string, Promise<void>>();
  let count = 0;
  let waiters: Array<() => void> = [];

  function settled(): void {
    const ready = waiters;
    waiters = [];
    for (const w of ready) w();
  }

  return {
    dispatch(update) {
      const key = orderingKey(update);
      const prev = chains.get(key) ?? Promise.resolve();
      count++;
      const run: Promise<void> = prev
        .then(() => handle(update))
        .catch((err: unknown) => log.error({ err, update_id: update.update_id }, 'update failed'))
        .finally(() => {
          count--;
          if (chains.get(key) === run) chains.delete(key);
          settled();
        });
      chains.set(key, run);
    },
    inFlight: () => count,
    async belowLimit(max) {
      while (count >= max) await new Promise<void>((resolve) => waiters.push(resolve));
    },
    idle(timeoutMs) {
      if (count === 0) return Promise.resolve(true);
      return new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(count === 0), timeoutMs);
        const check = () => {
          if (count === 0) {
            clearTimeout(timer);
            resolve(true);
          } else waiters.push(check);
        };
        waiters.push(check);
      });
    },
  };
}
