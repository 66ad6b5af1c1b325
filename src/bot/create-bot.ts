/**
 * The bot factory, the same in tests and production: middleware, one Composer per feature
 * mounted here in order (fallback last), and one error boundary.
 */
import { Telegraf } from 'telegraf';
import type { UserFromGetMe } from 'telegraf/types';
import { createAdminFeature } from './features/admin.ts';
import { createAskFeature } from './features/ask.ts';
import { createFallbackFeature } from './features/fallback.ts';
import { createFeedbackFeature } from './features/feedback.ts';
import { createGroupJoinFeature } from './features/group-join.ts';
import { createSettingsFeature } from './features/group-settings.ts';
import { createInlineFeature } from './features/inline.ts';
import { createStartHelpFeature } from './features/start-help.ts';
import { createTopicsFeature } from './features/topics.ts';
import { createFloodGate } from './flood.ts';
import { errorBoundary, floodControl, updateContext } from './middleware.ts';
import { guardTelegram, type RetryOptions } from './telegram-errors.ts';
import type { BotContext, BotDeps } from './types.ts';

export interface CreateBotOptions {
  /** Known bot identity (skips getMe); startTelegram fills it in before the first update. */
  readonly botInfo?: UserFromGetMe;
  /** Bot API root; default config.telegramApiRoot. */
  readonly apiRoot?: string;
  /** Retries of API calls (429 / 5xx / network); pass a signal that aborts at shutdown. */
  readonly retry?: RetryOptions;
  /** Register work to run at shutdown (e.g. flush debounced records). */
  readonly onShutdown?: (fn: () => void) => void;
  /** Telegraf's per-update handler timeout (default 60 s). */
  readonly handlerTimeoutMs?: number;
}

export function createBot(deps: BotDeps, opts: CreateBotOptions = {}): Telegraf<BotContext> {
  const token = deps.config.botToken;
  if (!token) throw new Error('createBot needs config.botToken');
  const bot = new Telegraf<BotContext>(token, {
    telegram: { apiRoot: opts.apiRoot ?? deps.config.telegramApiRoot, webhookReply: false },
    handlerTimeout: opts.handlerTimeoutMs ?? 60_000,
  });
  if (opts.botInfo) bot.botInfo = opts.botInfo;
  const retry = opts.retry ?? {};
  guardTelegram(bot.telegram, deps.logger, retry);

  const flood = createFloodGate({
    limit: deps.config.flood.limit,
    windowMs: deps.config.flood.windowSeconds * 1000,
  });

  bot.use(updateContext(deps.logger, retry));
  bot.use(floodControl(flood));

  // Features, in order. Admin, settings and feedback come before ask and fallback.
  bot.use(createStartHelpFeature(deps));
  bot.use(createAdminFeature(deps));
  bot.use(createSettingsFeature(deps));
  bot.use(createFeedbackFeature(deps));
  bot.use(createTopicsFeature(deps));
  bot.use(createInlineFeature(deps, opts.onShutdown ? { onShutdown: opts.onShutdown } : {}));
  bot.use(createGroupJoinFeature(deps));
  bot.use(createAskFeature(deps));
  bot.use(createFallbackFeature());

  bot.catch(errorBoundary(deps.logger));
  return bot;
}
