import type { Context } from 'telegraf';
import type { Config } from '../config.ts';

/**
 * The bot's own admins: the sender's numeric id is in ADMIN_IDS. Checked on the server for every
 * admin command and admin button; a command menu only hides commands, it protects nothing.
 */
export function isAdmin(ctx: Pick<Context, 'from'>, config: Pick<Config, 'adminIds'>): boolean {
  const from = ctx.from;
  if (!from || from.is_bot) return false;
  return config.adminIds.includes(from.id);
}

/** Statuses Telegram gives the people who run a group. */
const GROUP_ADMIN_STATUSES = new Set(['creator', 'administrator']);

/**
 * A group's own admins (Telegram's status, asked with getChatMember, never cached across updates).
 * An anonymous admin posting as the group itself (sender_chat = the group) counts as an admin.
 * Any API failure means "no".
 */
export async function isGroupAdmin(ctx: Context): Promise<boolean> {
  const chat = ctx.chat;
  const from = ctx.from;
  if (!chat || (chat.type !== 'group' && chat.type !== 'supergroup')) return false;
  const message = ctx.message;
  if (message && 'sender_chat' in message && message.sender_chat?.id === chat.id) return true;
  if (!from || from.is_bot) return false;
  try {
    const member = await ctx.telegram.getChatMember(chat.id, from.id);
    return GROUP_ADMIN_STATUSES.has(member.status);
  } catch {
    return false;
  }
}
