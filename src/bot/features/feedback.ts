import { Composer } from 'telegraf';
import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'telegraf/types';
import { feedbackText } from '../../messages.ar.ts';
import { decodeCallback, encodeCallback } from '../callback-data.ts';
import type { BotContext, BotDeps } from '../types.ts';

/** Callback action of the 👍 / 👎 buttons: `fb:<entryId>:1` or `fb:<entryId>:-1`. */
export const FEEDBACK_ACTION = 'fb';
const ENTRY_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Callback data for one feedback button (the telegram adapter puts these under each answer). */
export function feedbackCallback(entryId: string, value: 1 | -1): string {
  return encodeCallback(FEEDBACK_ACTION, entryId, value);
}

/** The same keyboard with the feedback buttons marked: a ✓ on the chosen one, none on the others. */
export function markFeedbackButtons(markup: InlineKeyboardMarkup, chosen: 1 | -1): InlineKeyboardMarkup {
  const mark = feedbackText.chosenMark;
  return {
    inline_keyboard: markup.inline_keyboard.map((row) =>
      row.map((button): InlineKeyboardButton => {
        if (!('callback_data' in button)) return button;
        const cb = decodeCallback(button.callback_data);
        if (cb?.action !== FEEDBACK_ACTION) return button;
        const base = button.text.endsWith(mark) ? button.text.slice(0, -mark.length) : button.text;
        return { ...button, text: cb.args[1] === String(chosen) ? `${base}${mark}` : base };
      }),
    ),
  };
}

/**
 * 👍 / 👎 under answers. One vote per user per answered message (a second tap changes it); the
 * answer key is `<chatId>:<messageId>` of the answer (or `inline:<id>` for inline messages) and is
 * stored only as a keyed hash. Forged or stale data gets a short notice, never an exception.
 */
export function createFeedbackFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  composer.on('callback_query', async (ctx, next) => {
    const query = ctx.callbackQuery;
    const cb = decodeCallback('data' in query ? query.data : undefined);
    if (cb?.action !== FEEDBACK_ACTION) return next();

    const [entryId, rawValue] = cb.args;
    const value = rawValue === '1' ? 1 : rawValue === '-1' ? -1 : null;
    const message = query.message;
    const answerKey = message
      ? `${message.chat.id}:${message.message_id}`
      : query.inline_message_id
        ? `inline:${query.inline_message_id}`
        : null;
    if (
      cb.args.length !== 2 ||
      !entryId ||
      !ENTRY_ID.test(entryId) ||
      value === null ||
      answerKey === null ||
      !deps.engines.engine.entry(entryId)
    ) {
      ctx.log.info({ action: cb.action, args: cb.args.length }, 'feedback: invalid callback data');
      await ctx.answerCbQuery(feedbackText.invalid);
      return;
    }

    let result: 'new' | 'changed' | 'same';
    try {
      result = deps.store.recordFeedback({
        userId: query.from.id,
        entryId,
        answerKey,
        value,
        at: new Date(),
      });
    } catch (err) {
      ctx.log.error({ err, entryId }, 'feedback: cannot record vote');
      await ctx.answerCbQuery(feedbackText.failed);
      return;
    }
    ctx.log.info({ entryId, value, result }, 'feedback recorded');
    const thanks =
      result === 'same'
        ? feedbackText.same
        : result === 'changed'
          ? feedbackText.changed
          : value === 1
            ? feedbackText.thanksUp
            : feedbackText.thanksDown;
    await ctx.answerCbQuery(thanks);

    // Mark the chosen button (the other stays tappable to change the vote). Nothing to change on a repeat.
    if (result === 'same' || !message || !('reply_markup' in message) || !message.reply_markup) return;
    try {
      await ctx.editMessageReplyMarkup(markFeedbackButtons(message.reply_markup, value));
    } catch (err) {
      ctx.log.debug({ err }, 'feedback: cannot mark the buttons');
    }
  });

  return composer;
}
