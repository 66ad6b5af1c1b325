/** Greet a group once when the bot is added to it (my_chat_member: not a member → member). */
import { Composer } from 'telegraf';
import type { ChatMember } from 'telegraf/types';
import { botText } from '../../messages.ar.ts';
import { exampleQuestion } from '../examples.ts';
import { escapeHtml } from '../format.ts';
import { sendHtml } from '../send.ts';
import type { BotContext, BotDeps } from '../types.ts';

export function isMember(m: ChatMember): boolean {
  if (m.status === 'member' || m.status === 'administrator' || m.status === 'creator') return true;
  return m.status === 'restricted' && m.is_member;
}

export function createGroupJoinFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.on('my_chat_member', async (ctx) => {
    const { chat, old_chat_member: before, new_chat_member: after } = ctx.myChatMember;
    if (chat.type !== 'group' && chat.type !== 'supergroup') return;
    if (isMember(before) || !isMember(after)) {
      ctx.log.info({ from: before.status, to: after.status }, 'membership changed');
      return;
    }
    ctx.log.info({ to: after.status }, 'added to a group');
    const example = exampleQuestion(deps.engines.engine.knowledge);
    await sendHtml(ctx, escapeHtml(botText.groupGreeting(ctx.me, example)));
  });
  return composer;
}
