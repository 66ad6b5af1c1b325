/**
 * The bot started in-process by `startTelegram` (the same code main.ts runs) against the fake
 * Bot API, with a fake engine and store by default: fast tests of handler decisions.
 */
import pino from 'pino';
import { startTelegram, type TelegramRuntime } from '../../src/bot/run.ts';
import { parseConfig } from '../../src/config.ts';
import type { EngineHolder } from '../../src/knowledge/holder.ts';
import type { Engine } from '../../src/qa/types.ts';
import { FakeBotApi } from '../e2e/fake-bot-api.ts';
import { createFakeEngine } from './fake-engine.ts';
import { createFakeStore, type FakeStore } from './fake-store.ts';

export interface InProcessBot {
  readonly api: FakeBotApi;
  readonly runtime: TelegramRuntime;
  readonly store: FakeStore;
  readonly engine: Engine;
  stop(): Promise<void>;
}

export function holderOf(engine: Engine): EngineHolder {
  return {
    engine,
    reload: () => ({ ok: true, entries: engine.knowledge.entries.length, smalltalk: 0, files: [] }),
    learn: () => false,
  };
}

export async function startInProcessBot(
  opts: { engine?: Engine; env?: Record<string, string>; logLevel?: pino.Level | 'silent' } = {},
): Promise<InProcessBot> {
  const api = await FakeBotApi.start();
  const config = parseConfig({ BOT_TOKEN: api.token, TELEGRAM_API_ROOT: api.apiRoot, ...opts.env });
  const store = createFakeStore();
  const engine = opts.engine ?? createFakeEngine();
  const logger = pino({ level: opts.logLevel ?? 'silent' });
  const runtime = await startTelegram({
    config,
    logger,
    engines: holderOf(engine),
    store,
    pollTimeoutSeconds: 5,
    drainTimeoutMs: 1000,
  });
  await api.waitFor('getUpdates');
  return {
    api,
    runtime,
    store,
    engine,
    async stop() {
      await runtime.stop('test done');
      await api.close();
    },
  };
}
