/**
 * Inline mode: `@botname <question>` in any chat → up to 10 matching entries as articles
 * (title = canonical question, message = the answer with its source line). Empty query → the
 * first questions of each topic. Inline queries arrive on every keystroke, so a user's query is
 * recorded once they stop typing (debounced), not once per keystroke.
 */
import { Composer } from 'telegraf';
import type { InlineQueryResultArticle } from 'telegraf/types';
import type { KnowledgeEntry } from '../../knowledge/types.ts';
import { botText } from '../../messages.ar.ts';
import { exampleEntries } from '../examples.ts';
import { cutLabel, renderAnswer, sourceLine } from '../format.ts';
import { recordQuestion } from '../record.ts';
import type { BotContext, BotDeps } from '../types.ts';

export const INLINE_MAX_RESULTS = 10;
export const INLINE_CACHE_SECONDS = 10;
/** A search hit must score at least this share of the clarify threshold to be offered. */
const MIN_SCORE_SHARE = 0.6;

export function inlineArticle(entry: KnowledgeEntry): InlineQueryResultArticle | null {
  if (Buffer.byteLength(entry.id, 'utf8') > 64) return null;
  const question = entry.questions[0] ?? entry.id;
  const [first] = renderAnswer({ title: question, body: entry.answer, footer: sourceLine(entry.source) });
  return {
    type: 'article',
    id: entry.id,
    title: cutLabel(question, 100),
    description: cutLabel(entry.answer, 120),
    input_message_content: {
      message_text: first ?? '',
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: true },
    },
  };
}

export interface InlineFeatureOptions {
  /** Record a query after the user has not typed for this long (default 1500 ms). */
  readonly recordAfterMs?: number;
  /** Register a function to run at shutdown (flushes queries still waiting to be recorded). */
  readonly onShutdown?: (fn: () => void) => void;
}

export function createInlineFeature(deps: BotDeps, opts: InlineFeatureOptions = {}): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const delay = opts.recordAfterMs ?? 1500;
  const pending = new Map<number, { timer: NodeJS.Timeout; run: () => void }>();

  function schedule(userId: number, query: string, ctx: BotContext): void {
    const old = pending.get(userId);
    if (old) clearTimeout(old.timer);
    const run = () => {
      pending.delete(userId);
      const reply = deps.engines.engine.ask(query);
      recordQuestion(deps.store, ctx.log, reply, { chatKind: 'inline', userId, chatId: null });
    };
    const timer = setTimeout(run, delay);
    timer.unref();
    pending.set(userId, { timer, run });
  }

  opts.onShutdown?.(() => {
    for (const p of [...pending.values()]) {
      clearTimeout(p.timer);
      p.run();
    }
  });

  composer.on('inline_query', async (ctx) => {
    const engine = deps.engines.engine;
    const query = ctx.inlineQuery.query.trim();
    let entries: KnowledgeEntry[];
    if (!query) {
      entries = exampleEntries(engine.knowledge, INLINE_MAX_RESULTS);
    } else {
      const min = deps.config.thresholds.clarify * MIN_SCORE_SHARE;
      entries = engine
        .search(query, INLINE_MAX_RESULTS)
        .filter((s) => s.score >= min)
        .map((s) => s.entry);
      schedule(ctx.from.id, query, ctx);
    }
    const results = entries.map(inlineArticle).filter((r): r is InlineQueryResultArticle => r !== null);
    ctx.log.debug({ results: results.length, empty: !query }, 'inline query');
    await ctx.answerInlineQuery(results.slice(0, INLINE_MAX_RESULTS), {
      cache_time: INLINE_CACHE_SECONDS,
      ...(results.length === 0
        ? { button: { text: botText.inlineOpenChat, start_parameter: 'inline' } }
        : {}),
    });
  });

  return composer;
}
