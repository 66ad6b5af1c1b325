import { Composer } from 'telegraf';
import type { InlineKeyboardMarkup } from 'telegraf/types';
import { settingsText } from '../../messages.ar.ts';
import type { GroupMode } from '../../storage/types.ts';
import { decodeCallback, encodeCallback } from '../callback-data.ts';
import { isGroupAdmin } from '../is-admin.ts';
import type { BotContext, BotDeps } from '../types.ts';

/** `gs:all` / `gs:ask-only`: the group's answering mode. */
export const SETTINGS_ACTION = 'gs';
const MODES: readonly GroupMode[] = ['all', 'ask-only'];

const isGroup = (ctx: BotContext) => ctx.chat?.type === 'group' || ctx.chat?.type === 'supergroup';

export function settingsKeyboard(current: GroupMode): InlineKeyboardMarkup {
  const label = (mode: GroupMode) => {
    const text = mode === 'all' ? settingsText.allButton : settingsText.askOnlyButton;
    return mode === current ? `${settingsText.chosenMark}${text}` : text;
  };
  return {
    inline_keyboard: MODES.map((mode) => [
      { text: label(mode), callback_data: encodeCallback(SETTINGS_ACTION, mode) },
    ]),
  };
}

/**
 * /settings in a group: its Telegram admins (creator / administrator, asked with getChatMember on
 * every command and every tap) choose whether the bot answers /ask, mentions and replies ('all')
 * or only /ask ('ask-only'). Stored per group; the group addressing reads store.getGroupMode.
 */
export function createSettingsFeature(deps: BotDeps): Composer<BotContext> {
  const { store } = deps;
  const composer = new Composer<BotContext>();

  composer.command('settings', async (ctx) => {
    const threaded = {
      reply_parameters: { message_id: ctx.message.message_id, allow_sending_without_reply: true },
    };
    if (!isGroup(ctx)) {
      await ctx.reply(settingsText.groupsOnly);
      return;
    }
    if (!(await isGroupAdmin(ctx))) {
      ctx.log.info('settings: refused (not a group admin)');
      await ctx.reply(settingsText.notGroupAdmin, threaded);
      return;
    }
    const mode = store.getGroupMode(ctx.chat.id);
    await ctx.reply(settingsText.prompt(mode), { ...threaded, reply_markup: settingsKeyboard(mode) });
  });

  composer.on('callback_query', async (ctx, next) => {
    const query = ctx.callbackQuery;
    const cb = decodeCallback('data' in query ? query.data : undefined);
    if (cb?.action !== SETTINGS_ACTION) return next();
    const mode = MODES.find((m) => m === cb.args[0]);
    if (!mode || cb.args.length !== 1 || !isGroup(ctx) || !ctx.chat) {
      await ctx.answerCbQuery(settingsText.groupsOnly);
      return;
    }
    if (!(await isGroupAdmin(ctx))) {
      ctx.log.info('settings: refused button (not a group admin)');
      await ctx.answerCbQuery(settingsText.notGroupAdmin);
      return;
    }
    try {
      store.setGroupMode(ctx.chat.id, mode, query.from.id);
    } catch (err) {
      ctx.log.error({ err }, 'settings: cannot save the group mode');
      await ctx.answerCbQuery(settingsText.failed);
      return;
    }
    ctx.log.info({ mode }, 'settings: group mode saved');
    await ctx.answerCbQuery(settingsText.saved);
    try {
      await ctx.editMessageText(settingsText.prompt(mode), { reply_markup: settingsKeyboard(mode) });
    } catch (err) {
      // "message is not modified" when the same mode is tapped again: nothing to do.
      ctx.log.debug({ err }, 'settings: cannot update the settings message');
    }
  });

  return composer;
}
