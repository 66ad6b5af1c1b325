/**
 * The command menu, set at start: user commands for everyone (default scope, and again with
 * language_code "ar"), `/ask` first in groups, and the admin commands added in each admin's
 * private chat. A menu only hides commands: every admin command checks the sender on the server.
 * Failures are logged, never fatal.
 */
import type { Telegram } from 'telegraf';
import type { BotCommand, BotCommandScope } from 'telegraf/types';
import type { Logger } from '../logger.ts';
import { botText } from '../messages.ar.ts';
import { logApiFailure } from './telegram-errors.ts';

const d = botText.commands;

export const USER_COMMANDS: readonly BotCommand[] = [
  { command: 'start', description: d.start },
  { command: 'topics', description: d.topics },
  { command: 'help', description: d.help },
];

export const GROUP_COMMANDS: readonly BotCommand[] = [
  { command: 'ask', description: d.ask },
  { command: 'topics', description: d.topics },
  { command: 'help', description: d.help },
];

/** Group administrators also see /settings (which checks their status on every use). */
export const GROUP_ADMIN_COMMANDS: readonly BotCommand[] = [
  ...GROUP_COMMANDS,
  { command: 'settings', description: d.settings },
];

export const ADMIN_MENU: readonly BotCommand[] = [
  ...USER_COMMANDS,
  { command: 'stats', description: d.stats },
  { command: 'unanswered', description: d.unanswered },
  { command: 'reload', description: d.reload },
  { command: 'export', description: d.export },
];

export interface MenuCall {
  readonly commands: readonly BotCommand[];
  readonly scope?: BotCommandScope;
  readonly language_code?: string;
}

/** Every setMyCommands call the menu needs. Pure. */
export function menuCalls(adminIds: readonly number[]): MenuCall[] {
  return [
    { commands: USER_COMMANDS },
    { commands: USER_COMMANDS, language_code: 'ar' },
    { commands: GROUP_COMMANDS, scope: { type: 'all_group_chats' } },
    { commands: GROUP_ADMIN_COMMANDS, scope: { type: 'all_chat_administrators' } },
    ...adminIds.map((id) => ({ commands: ADMIN_MENU, scope: { type: 'chat' as const, chat_id: id } })),
  ];
}

/** Set the menus; returns how many calls failed (each failure is logged). */
export async function setCommandMenus(
  tg: Telegram,
  adminIds: readonly number[],
  log: Logger,
): Promise<number> {
  let failed = 0;
  for (const call of menuCalls(adminIds)) {
    try {
      await tg.setMyCommands([...call.commands], {
        ...(call.scope ? { scope: call.scope } : {}),
        ...(call.language_code ? { language_code: call.language_code } : {}),
      });
    } catch (err) {
      failed++;
      logApiFailure(log, err, 'setMyCommands');
    }
  }
  log.info({ menus: menuCalls(adminIds).length - failed, failed }, 'command menus set');
  return failed;
}
