/** Cross-cutting middleware: per-update logger and API guard, then per-user flood control. */
import type { MiddlewareFn } from 'telegraf';
import type { Logger } from '../logger.ts';
import { botText } from '../messages.ar.ts';
import { addressedQuestion, parseCommand } from './addressing.ts';
import type { FloodGate } from './flood.ts';
import { escapeHtml } from './format.ts';
import { sendHtml } from './send.ts';
import { classifyApiError, guardTelegram, logApiFailure, type RetryOptions } from './telegram-errors.ts';
import type { BotContext } from './types.ts';

/** First middleware: `ctx.log` (update_id, chat_type) and retries on this update's API calls. */
export function updateContext(logger: Logger, retry: RetryOptions): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    ctx.log = logger.child({ update_id: ctx.update.update_id, chat_type: ctx.chat?.type ?? ctx.updateType });
    guardTelegram(ctx.telegram, ctx.log, retry);
    const started = performance.now();
    await next();
    ctx.log.debug({ ms: Math.round(performance.now() - started) }, 'update handled');
  };
}

/** Commands this bot answers in groups even without `@botname`. */
const GROUP_COMMANDS = new Set(['start', 'help', 'topics', 'ask']);

/**
 * Does this update ask the bot to do work for its sender? Group chatter that is not addressed to
 * the bot does not count against anyone's limit (the bot ignores it anyway). Inline queries
 * arrive per keystroke and are throttled by Telegram, so they are not counted either.
 */
export function floodKey(ctx: BotContext): number | null {
  const from = ctx.from?.id;
  if (from === undefined) return null;
  if (ctx.callbackQuery) return from;
  const msg = ctx.message ?? ctx.editedMessage;
  if (!msg) return null;
  if (ctx.chat?.type === 'private') return from;
  if (ctx.chat?.type !== 'group' && ctx.chat?.type !== 'supergroup') return null;
  if (!('text' in msg)) return null;
  const cmd = parseCommand(msg.text);
  if (cmd) {
    const mine = cmd.target
      ? cmd.target.toLowerCase() === ctx.me.toLowerCase()
      : GROUP_COMMANDS.has(cmd.name);
    return mine ? from : null;
  }
  const replyTo = 'reply_to_message' in msg ? msg.reply_to_message?.from?.id : undefined;
  const addressed = addressedQuestion(
    { text: msg.text, replyToUserId: replyTo ?? null },
    { id: ctx.botInfo.id, username: ctx.me },
  );
  return addressed ? from : null;
}

/** Per-user flood control: one «slow down» notice, then silence until the window passes. */
export function floodControl(gate: FloodGate): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    const key = floodKey(ctx);
    if (key === null) return next();
    const verdict = gate.check(key);
    if (verdict === 'pass') return next();
    ctx.log.info({ verdict }, 'flood control');
    if (ctx.callbackQuery) {
      await ctx.answerCbQuery(verdict === 'notice' ? botText.slowDown : undefined);
      return;
    }
    if (verdict === 'notice') {
      const msg = ctx.message ?? ctx.editedMessage;
      const group = ctx.chat?.type !== 'private';
      await sendHtml(ctx, escapeHtml(botText.slowDown), { replyTo: group ? msg?.message_id : undefined });
    }
  };
}

/** The one error boundary: log with the update id; apologise where a reply is possible. */
export function errorBoundary(logger: Logger): (err: unknown, ctx: BotContext) => Promise<void> {
  return async (err, ctx) => {
    const log = ctx.log ?? logger.child({ update_id: ctx.update.update_id });
    const kind = classifyApiError(err).kind;
    if (kind !== 'other') {
      // Telegram refused or could not be reached: sending an apology would fail the same way.
      logApiFailure(log, err);
      return;
    }
    log.error({ err, update_id: ctx.update.update_id }, 'handler failed');
    try {
      if (ctx.callbackQuery) await ctx.answerCbQuery(botText.apology);
      else if (ctx.chat && (ctx.message || ctx.editedMessage)) {
        const msg = ctx.message ?? ctx.editedMessage;
        await sendHtml(ctx, escapeHtml(botText.apology), {
          replyTo: ctx.chat.type === 'private' ? undefined : msg?.message_id,
        });
      }
    } catch (apologyErr) {
      logApiFailure(log, apologyErr);
    }
  };
}
