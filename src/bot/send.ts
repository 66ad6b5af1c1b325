/** Sending helpers: HTML parse mode, threading, keyboards on the last piece, typing indicator. */
import type { Message } from 'telegraf/types';
import type { Keyboard } from './keyboards.ts';
import type { Rendered } from './render.ts';
import type { BotContext } from './types.ts';

export interface SendOptions {
  /** Thread the (first) message to this message id (`reply_parameters`). */
  readonly replyTo?: number | undefined;
}

/** Forum supergroups: keep the reply in the topic the question came from. */
function threadOf(ctx: BotContext): number | undefined {
  const msg = (ctx.message ?? ctx.editedMessage ?? ctx.callbackQuery?.message) as Message | undefined;
  if (msg && 'is_topic_message' in msg && msg.is_topic_message) return msg.message_thread_id;
  return undefined;
}

/** Send one HTML message to the update's chat. */
export async function sendHtml(
  ctx: BotContext,
  html: string,
  opts: SendOptions & { readonly keyboard?: Keyboard | undefined } = {},
): Promise<void> {
  const chatId = ctx.chat?.id;
  if (chatId === undefined) return;
  const thread = threadOf(ctx);
  await ctx.telegram.sendMessage(chatId, html, {
    parse_mode: 'HTML',
    link_preview_options: { is_disabled: true },
    ...(thread !== undefined ? { message_thread_id: thread } : {}),
    ...(opts.replyTo !== undefined
      ? { reply_parameters: { message_id: opts.replyTo, allow_sending_without_reply: true } }
      : {}),
    ...(opts.keyboard && opts.keyboard.length > 0
      ? { reply_markup: { inline_keyboard: opts.keyboard } }
      : {}),
  });
}

/** Send a rendered reply: pieces in order, the first one threaded, the keyboard under the last. */
export async function sendRendered(
  ctx: BotContext,
  rendered: Rendered,
  opts: SendOptions = {},
): Promise<void> {
  const last = rendered.messages.length - 1;
  for (const [i, html] of rendered.messages.entries()) {
    await sendHtml(ctx, html, {
      replyTo: i === 0 ? opts.replyTo : undefined,
      keyboard: i === last ? rendered.keyboard : undefined,
    });
  }
}

/** Show «typing…» without waiting for it; a failure here only matters at debug level. */
export function startTyping(ctx: BotContext): void {
  const chatId = ctx.chat?.id;
  if (chatId === undefined) return;
  const thread = threadOf(ctx);
  ctx.telegram
    .sendChatAction(chatId, 'typing', thread !== undefined ? { message_thread_id: thread } : {})
    .catch((err: unknown) => ctx.log.debug({ err }, 'sendChatAction failed'));
}
