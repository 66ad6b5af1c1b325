/** /start (welcome, three example questions as buttons, how to ask in groups) and /help. */
import { Composer } from 'telegraf';
import { botText } from '../../messages.ar.ts';
import { asSuggestion, exampleEntries, exampleQuestion } from '../examples.ts';
import { escapeHtml } from '../format.ts';
import { questionRows } from '../keyboards.ts';
import { sendHtml } from '../send.ts';
import type { BotContext, BotDeps } from '../types.ts';

export function createStartHelpFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const inGroup = (ctx: BotContext) => ctx.chat?.type === 'group' || ctx.chat?.type === 'supergroup';

  composer.start(async (ctx) => {
    const kb = deps.engines.engine.knowledge;
    if (inGroup(ctx)) {
      await sendHtml(ctx, escapeHtml(botText.groupStart(ctx.me, exampleQuestion(kb))), {
        replyTo: ctx.message.message_id,
      });
      return;
    }
    const text = [botText.welcome, '', botText.welcomeGroups(ctx.me), '', botText.welcomeTry].join('\n');
    const keyboard = questionRows(exampleEntries(kb, 3).map(asSuggestion), 3);
    await sendHtml(ctx, escapeHtml(text), { keyboard });
  });

  composer.help(async (ctx) => {
    await sendHtml(ctx, escapeHtml(botText.help(ctx.me)), {
      replyTo: inGroup(ctx) ? ctx.message.message_id : undefined,
    });
  });

  return composer;
}
