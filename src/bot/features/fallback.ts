/**
 * Mounted last. Private chats: unknown commands → a hint to /help; stickers, photos, voice,
 * files … → «I read text only». Groups: silent, except a command addressed to this bot by name.
 * Any callback nobody handled (forged, stale, from an old version) → a short notice.
 */
import { Composer } from 'telegraf';
import type { Message } from 'telegraf/types';
import { botText } from '../../messages.ar.ts';
import { isForMe, parseCommand } from '../addressing.ts';
import { escapeHtml } from '../format.ts';
import { sendHtml } from '../send.ts';
import type { BotContext } from '../types.ts';

/** Message kinds a person sends instead of text (service messages are not among them). */
const CONTENT_KINDS = [
  'sticker',
  'photo',
  'video',
  'voice',
  'audio',
  'document',
  'animation',
  'video_note',
  'location',
  'venue',
  'contact',
  'poll',
  'dice',
  'game',
  'story',
] as const;

export function isNonTextContent(msg: Message): boolean {
  return CONTENT_KINDS.some((k) => k in msg);
}

export function createFallbackFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  composer.on('message', async (ctx) => {
    const msg = ctx.message;
    const isPrivate = ctx.chat.type === 'private';
    const cmd = 'text' in msg ? parseCommand(msg.text) : null;
    if (cmd) {
      // In groups, untargeted commands may be meant for another bot: only answer `/x@thisbot`.
      const mine = isPrivate ? isForMe(cmd, ctx.me) : cmd.target !== null && isForMe(cmd, ctx.me);
      if (!mine) return;
      ctx.log.info({ command: cmd.name }, 'unknown command');
      await sendHtml(ctx, escapeHtml(botText.unknownCommand), {
        replyTo: isPrivate ? undefined : msg.message_id,
      });
      return;
    }
    if (isPrivate && isNonTextContent(msg)) {
      await sendHtml(ctx, escapeHtml(botText.textOnly));
    }
  });

  composer.on('callback_query', async (ctx) => {
    ctx.log.info('stale or unknown callback');
    await ctx.answerCbQuery(botText.staleButton);
  });

  return composer;
}
