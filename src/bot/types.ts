import type { Context } from 'telegraf';
import type { Config } from '../config.ts';
import type { EngineHolder } from '../knowledge/holder.ts';
import type { Logger } from '../logger.ts';
import type { Store } from '../storage/types.ts';

/** Everything the Telegram adapter needs; main.ts builds real ones, tests build fakes. */
export interface BotDeps {
  readonly config: Config;
  readonly logger: Logger;
  readonly engines: EngineHolder;
  readonly store: Store;
}

/** Telegraf context with a per-update child logger (set by the first middleware). */
export interface BotContext extends Context {
  log: Logger;
}
