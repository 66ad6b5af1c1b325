/**
 * Questions: private text, `/ask`, group mentions and replies to the bot, edited private
 * messages, and taps on question buttons (`q:<entryId>`). Every reply comes from the engine.
 */
import { Composer } from 'telegraf';
import { callbackQuery, editedMessage, message } from 'telegraf/filters';
import type { Message } from 'telegraf/types';
import { botText } from '../../messages.ar.ts';
import { type Addressed, addressedQuestion, parseCommand } from '../addressing.ts';
import { decodeCallback } from '../callback-data.ts';
import { exampleQuestion } from '../examples.ts';
import { escapeHtml } from '../format.ts';
import { ACTION } from '../keyboards.ts';
import { recordQuestion } from '../record.ts';
import { entryReply, renderReply } from '../render.ts';
import { sendHtml, sendRendered, startTyping } from '../send.ts';
import type { BotContext, BotDeps } from '../types.ts';

type Place = 'private' | 'group';

export function chatPlace(ctx: BotContext): Place | null {
  const type = ctx.chat?.type;
  if (type === 'private') return 'private';
  if (type === 'group' || type === 'supergroup') return 'group';
  return null;
}

/** Messages our own inline mode produced (a user picked one of our articles): never questions. */
function viaThisBot(ctx: BotContext, msg: Message.TextMessage): boolean {
  return msg.via_bot?.id === ctx.botInfo.id;
}

export function createAskFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  async function answer(ctx: BotContext, question: string, place: Place, replyTo?: number): Promise<void> {
    const engine = deps.engines.engine;
    startTyping(ctx);
    const reply = engine.ask(question);
    ctx.log.info({ status: reply.status, entryId: reply.entryId, score: reply.score }, 'question handled');
    recordQuestion(deps.store, ctx.log, reply, {
      chatKind: place,
      userId: ctx.from?.id ?? null,
      chatId: ctx.chat?.id ?? null,
    });
    await sendRendered(ctx, renderReply(reply, { feedback: place === 'private' }), { replyTo });
  }

  async function usage(ctx: BotContext, replyTo?: number): Promise<void> {
    const example = exampleQuestion(deps.engines.engine.knowledge);
    await sendHtml(ctx, escapeHtml(botText.askUsage(example)), { replyTo });
  }

  function groupMode(ctx: BotContext, chatId: number): 'all' | 'ask-only' {
    try {
      return deps.store.getGroupMode(chatId);
    } catch (err) {
      ctx.log.error({ err }, 'could not read the group mode; answering as usual');
      return 'all';
    }
  }

  composer.on(message('text'), async (ctx, next) => {
    const msg = ctx.message;
    const place = chatPlace(ctx);
    if (!place || viaThisBot(ctx, msg)) return next();

    if (place === 'private') {
      const cmd = parseCommand(msg.text);
      if (!cmd) return answer(ctx, msg.text, place);
      if (cmd.name !== 'ask' || (cmd.target && cmd.target.toLowerCase() !== ctx.me.toLowerCase())) {
        return next();
      }
      return cmd.args ? answer(ctx, cmd.args, place) : usage(ctx);
    }

    const addressed: Addressed | null = addressedQuestion(
      { text: msg.text, replyToUserId: msg.reply_to_message?.from?.id ?? null },
      { id: ctx.botInfo.id, username: ctx.me },
    );
    if (!addressed) return next();
    if (addressed.via !== 'command' && groupMode(ctx, msg.chat.id) === 'ask-only') return;
    if (!addressed.question) return usage(ctx, msg.message_id);
    return answer(ctx, addressed.question, place, msg.message_id);
  });

  // Edited messages: answered like new ones in private chats (threaded to the edited message);
  // ignored in groups, where an edit would repeat an answer to everyone.
  composer.on(editedMessage('text'), async (ctx, next) => {
    const msg = ctx.editedMessage;
    if (chatPlace(ctx) !== 'private' || viaThisBot(ctx, msg) || parseCommand(msg.text)) return next();
    return answer(ctx, msg.text, 'private', msg.message_id);
  });

  composer.on(callbackQuery('data'), async (ctx, next) => {
    const cb = decodeCallback(ctx.callbackQuery.data);
    if (cb?.action !== ACTION.answer) return next();
    const place = chatPlace(ctx);
    const engine = deps.engines.engine;
    const entry = cb.args.length === 1 && cb.args[0] ? engine.entry(cb.args[0]) : undefined;
    if (!entry || !place) {
      await ctx.answerCbQuery(botText.staleButton);
      return;
    }
    await ctx.answerCbQuery();
    const reply = entryReply(entry, engine.normalize(entry.questions[0] ?? ''));
    ctx.log.info({ status: reply.status, entryId: reply.entryId, via: 'button' }, 'question handled');
    recordQuestion(deps.store, ctx.log, reply, {
      chatKind: place,
      userId: ctx.from.id,
      chatId: ctx.chat?.id ?? null,
    });
    const rendered = renderReply(reply, { feedback: place === 'private', title: reply.query });
    const replyTo = place === 'group' ? ctx.callbackQuery.message?.message_id : undefined;
    await sendRendered(ctx, rendered, { replyTo });
  });

  return composer;
}
