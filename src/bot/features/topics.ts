/**
 * /topics: the report's questions grouped by topic. The first message lists the topics; tapping
 * one shows its questions (paged, edited in place); tapping a question answers it (`q:` buttons,
 * handled by the ask feature). Forged or stale buttons get a short notice, never an exception.
 */
import { Composer } from 'telegraf';
import { callbackQuery } from 'telegraf/filters';
import type { KnowledgeBase } from '../../knowledge/types.ts';
import { botText } from '../../messages.ar.ts';
import { decodeCallback } from '../callback-data.ts';
import { asSuggestion } from '../examples.ts';
import { cutLabel, escapeHtml } from '../format.ts';
import { ACTION, type Keyboard, questionRows, tryEncode } from '../keyboards.ts';
import { sendHtml } from '../send.ts';
import { classifyApiError, describeError } from '../telegram-errors.ts';
import type { BotContext, BotDeps } from '../types.ts';

export const TOPIC_PAGE_SIZE = 8;

export interface Screen {
  readonly html: string;
  readonly keyboard: Keyboard;
}

/** The list of topics (only topics that have questions). Pure. */
export function topicListScreen(kb: KnowledgeBase): Screen {
  const keyboard: Keyboard = [];
  for (const topic of kb.topics) {
    const count = kb.entries.filter((e) => e.topic === topic.id).length;
    const data = tryEncode(ACTION.topicPage, topic.id, 0);
    if (count > 0 && data)
      keyboard.push([{ text: cutLabel(botText.topicButton(topic.title, count)), callback_data: data }]);
  }
  return { html: escapeHtml(keyboard.length > 0 ? botText.topicsIntro : botText.topicsEmpty), keyboard };
}

/** One page of a topic's questions, or null when the topic or page does not exist (stale). Pure. */
export function topicPageScreen(kb: KnowledgeBase, topicId: string, page: number): Screen | null {
  const topic = kb.topics.find((t) => t.id === topicId);
  if (!topic) return null;
  const entries = kb.entries.filter((e) => e.topic === topic.id);
  const pages = Math.ceil(entries.length / TOPIC_PAGE_SIZE);
  if (!Number.isInteger(page) || page < 0 || page >= pages) return null;
  const slice = entries.slice(page * TOPIC_PAGE_SIZE, (page + 1) * TOPIC_PAGE_SIZE);
  const keyboard = questionRows(slice.map(asSuggestion), TOPIC_PAGE_SIZE);
  const nav = [];
  const prev = page > 0 ? tryEncode(ACTION.topicPage, topic.id, page - 1) : null;
  const next = page < pages - 1 ? tryEncode(ACTION.topicPage, topic.id, page + 1) : null;
  if (prev) nav.push({ text: botText.pagePrev, callback_data: prev });
  if (next) nav.push({ text: botText.pageNext, callback_data: next });
  if (nav.length > 0) keyboard.push(nav);
  keyboard.push([{ text: botText.backToTopics, callback_data: ACTION.topicList }]);
  return { html: escapeHtml(botText.topicHeader(topic.title, page + 1, pages)), keyboard };
}

export function createTopicsFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  composer.command('topics', async (ctx) => {
    const screen = topicListScreen(deps.engines.engine.knowledge);
    const group = ctx.chat.type !== 'private';
    await sendHtml(ctx, screen.html, {
      keyboard: screen.keyboard,
      replyTo: group ? ctx.message.message_id : undefined,
    });
  });

  /** Show a screen in place of the tapped message; if it cannot be edited, send it anew. */
  async function show(ctx: BotContext, screen: Screen): Promise<void> {
    try {
      await ctx.editMessageText(screen.html, {
        parse_mode: 'HTML',
        reply_markup: { inline_keyboard: screen.keyboard },
      });
    } catch (err) {
      if (classifyApiError(err).kind !== 'bad-request') throw err;
      if (/not modified/i.test(describeError(err))) return;
      ctx.log.info(
        { description: describeError(err) },
        'could not edit the topics message; sending a new one',
      );
      await sendHtml(ctx, screen.html, { keyboard: screen.keyboard });
    }
  }

  composer.on(callbackQuery('data'), async (ctx, next) => {
    const cb = decodeCallback(ctx.callbackQuery.data);
    if (cb?.action !== ACTION.topicList && cb?.action !== ACTION.topicPage) return next();
    const kb = deps.engines.engine.knowledge;
    let screen: Screen | null = null;
    if (cb.action === ACTION.topicList && cb.args.length === 0) screen = topicListScreen(kb);
    if (cb.action === ACTION.topicPage && cb.args.length === 2 && /^\d{1,4}$/.test(cb.args[1] ?? '')) {
      screen = topicPageScreen(kb, cb.args[0] ?? '', Number(cb.args[1]));
    }
    if (!screen || !ctx.callbackQuery.message) {
      await ctx.answerCbQuery(botText.staleButton);
      return;
    }
    await ctx.answerCbQuery();
    await show(ctx, screen);
  });

  return composer;
}
