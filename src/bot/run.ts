/**
 * Starts the Telegram front end: long polling (default) or webhook mode (config.webhook), and
 * stops it cleanly: stop taking updates, finish in-flight replies, then resolve.
 */
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { Telegram } from 'telegraf';
import type { UserFromGetMe } from 'telegraf/types';
import type { Logger } from '../logger.ts';
import { setCommandMenus } from './commands.ts';
import { createBot } from './create-bot.ts';
import { createDispatcher } from './dispatcher.ts';
import { ALLOWED_UPDATES, nextBackoff, type Polling, startPolling } from './polling.ts';
import { classifyApiError, describeError, sleep } from './telegram-errors.ts';
import type { BotDeps } from './types.ts';
import { createWebhookServer } from './webhook-server.ts';

export interface TelegramRuntime {
  readonly mode: 'polling' | 'webhook';
  readonly username: string;
  /** Stop taking updates, finish in-flight replies (bounded), then resolve. Idempotent. */
  stop(reason: string): Promise<void>;
}

export interface StartTelegramOptions extends BotDeps {
  /** Called when the bot stopped on its own (e.g. the token was revoked); not called by stop(). */
  readonly onStopped?: (err?: Error) => void;
  /** How long stop() waits for in-flight replies before cutting retries short (default 4000 ms). */
  readonly drainTimeoutMs?: number;
  /** Long-poll timeout in seconds (default 50). */
  readonly pollTimeoutSeconds?: number;
}

/** Retry a start-up call while Telegram is unreachable or busy; give up at once on a refusal. */
async function untilDone<T>(what: string, log: Logger, call: () => Promise<T>): Promise<T> {
  let backoff = 0;
  for (;;) {
    try {
      return await call();
    } catch (err) {
      const f = classifyApiError(err);
      if (f.kind !== 'network' && f.kind !== 'server' && f.kind !== 'rate-limited') throw err;
      backoff = nextBackoff(backoff, 30_000);
      const waitMs = f.kind === 'rate-limited' ? f.retryAfter * 1000 : backoff;
      log.warn(
        { what, kind: f.kind, waitMs, description: describeError(err) },
        'Telegram not reachable yet; retrying',
      );
      await sleep(waitMs);
    }
  }
}

/** An Error safe to show: the Telegram refusal without any token. */
function startError(what: string, err: unknown): Error {
  return new Error(`${what} failed: ${describeError(err)}`);
}

async function whoAmI(tg: Telegram, log: Logger): Promise<UserFromGetMe> {
  try {
    return await untilDone('getMe', log, () => tg.getMe());
  } catch (err) {
    if (classifyApiError(err).kind === 'unauthorized') {
      throw new Error('Telegram rejected the bot token (401 Unauthorized): check BOT_TOKEN');
    }
    throw startError('getMe', err);
  }
}

export async function startTelegram(deps: StartTelegramOptions): Promise<TelegramRuntime> {
  const { config } = deps;
  const log = deps.logger.child({ component: 'telegram' });
  const shutdown = new AbortController();
  const disposers: Array<() => void> = [];
  const bot = createBot(deps, {
    retry: { signal: shutdown.signal },
    onShutdown: (fn) => disposers.push(fn),
  });

  const me = await whoAmI(bot.telegram, log);
  bot.botInfo = me;
  // The menu is cosmetic: set it in the background so the first poll is not delayed.
  const menus = setCommandMenus(bot.telegram, config.adminIds, log).catch(() => 0);

  const dispatcher = createDispatcher((update) => bot.handleUpdate(update), log);
  let polling: Polling | null = null;
  let server: Server | null = null;
  let ready = false;
  let stopped: Promise<void> | null = null;

  if (config.webhook) {
    const hook = config.webhook;
    server = createWebhookServer({
      path: hook.path,
      secret: hook.secret,
      log,
      isReady: () => ready,
      onUpdate: (update) => dispatcher.dispatch(update),
    });
    server.listen(config.port);
    await once(server, 'listening');
    try {
      await untilDone('setWebhook', log, () =>
        bot.telegram.setWebhook(hook.url, {
          secret_token: hook.secret,
          allowed_updates: [...ALLOWED_UPDATES],
        }),
      );
    } catch (err) {
      server.close();
      throw startError('setWebhook', err);
    }
    ready = true;
  } else {
    try {
      await untilDone('deleteWebhook', log, () =>
        bot.telegram.deleteWebhook({ drop_pending_updates: false }),
      );
    } catch (err) {
      throw startError('deleteWebhook', err);
    }
    polling = startPolling(bot.telegram, dispatcher, log, {
      ...(deps.pollTimeoutSeconds !== undefined ? { timeoutSeconds: deps.pollTimeoutSeconds } : {}),
      onFatal: (err) => {
        void stop('polling ended').then(() => deps.onStopped?.(err));
      },
    });
    ready = true;
  }

  const mode = config.webhook ? 'webhook' : 'polling';
  log.info(
    {
      username: me.username,
      mode,
      ...(config.webhook ? { port: config.port, path: config.webhook.path } : {}),
    },
    'bot started',
  );

  function stop(reason: string): Promise<void> {
    stopped ??= (async () => {
      ready = false;
      log.info({ reason, in_flight: dispatcher.inFlight() }, 'stopping: no new updates');
      polling?.stop();
      server?.close();
      server?.closeIdleConnections();
      const drainMs = deps.drainTimeoutMs ?? 4000;
      let drained = await dispatcher.idle(drainMs);
      if (!drained) {
        // Cut 429 waits and retries short; what is left fails fast and is logged.
        shutdown.abort();
        drained = await dispatcher.idle(1000);
      }
      for (const fn of disposers) {
        try {
          fn();
        } catch (err) {
          log.error({ err }, 'shutdown task failed');
        }
      }
      shutdown.abort();
      await polling?.done;
      await Promise.race([menus, sleep(500)]);
      server?.closeAllConnections();
      log.info({ drained, left: dispatcher.inFlight() }, 'stopped');
    })();
    return stopped;
  }

  return { mode, username: me.username, stop };
}
