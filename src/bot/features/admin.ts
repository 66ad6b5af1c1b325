import { Composer } from 'telegraf';
import type { InlineKeyboardButton } from 'telegraf/types';
import { adminText, type StatsView } from '../../messages.ar.ts';
import type { Engine } from '../../qa/types.ts';
import { exportAlternatesYaml } from '../../storage/export-alternates.ts';
import type { UnansweredGroup } from '../../storage/types.ts';
import { decodeCallback, encodeCallback } from '../callback-data.ts';
import { isAdmin } from '../is-admin.ts';
import type { BotContext, BotDeps } from '../types.ts';

/** Commands of the bot's admins (ADMIN_IDS), for the command menu scoped to their private chats. */
export const ADMIN_COMMANDS = ['stats', 'unanswered', 'reload', 'export', 'attach'] as const;
/** «اربط بـ: …»: `ua:<ref>:<entryId>`; «تجاهل»: `ud:<ref>`. The ref is the store's short group number. */
export const ATTACH_ACTION = 'ua';
export const DISMISS_ACTION = 'ud';

const DEFAULT_STATS_DAYS = 7;
const MAX_STATS_DAYS = 3650;
const UNANSWERED_DAYS = 30;
/** Groups shown per /unanswered (one message each, with buttons). */
const UNANSWERED_SHOWN = 5;
/** How many groups are looked at to say "5 of N". */
const UNANSWERED_SCAN = 100;
const CANDIDATES = 3;
const LABEL_CHARS = 48;
const SAMPLE_CHARS = 200;
const ENTRY_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** `/stats` argument: empty → 7; 1–3650 in Western or Arabic-Indic digits; anything else → null. */
export function parseDays(payload: string): number | null {
  const arg = payload.trim().replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660));
  if (arg === '') return DEFAULT_STATS_DAYS;
  if (!/^\d{1,4}$/.test(arg)) return null;
  const days = Number(arg);
  return days >= 1 && days <= MAX_STATS_DAYS ? days : null;
}

const clip = (text: string, max: number) => {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
};

/** An entry's canonical question, for labels; the id when the entry is gone. */
const entryLabel = (engine: Engine, id: string, max = LABEL_CHARS) =>
  clip(engine.entry(id)?.questions[0] ?? id, max);

type Reply = (ctx: BotContext, text: string) => Promise<unknown>;

/** Threaded reply in groups (to the command), plain reply in private chats. */
const replyTo: Reply = (ctx, text) => {
  const message = ctx.message;
  if (ctx.chat?.type !== 'private' && message) {
    return ctx.reply(text, {
      reply_parameters: { message_id: message.message_id, allow_sending_without_reply: true },
    });
  }
  return ctx.reply(text);
};

/** Buttons for one unanswered group: up to three «اربط بـ: …» candidates, then «تجاهل». */
function unansweredKeyboard(engine: Engine, group: UnansweredGroup): InlineKeyboardButton[][] {
  const rows: InlineKeyboardButton[][] = [];
  for (const { entry } of engine.search(group.sample, CANDIDATES)) {
    let data: string;
    try {
      data = encodeCallback(ATTACH_ACTION, group.ref, entry.id);
    } catch {
      continue; // an id too long for 64 bytes: attach it with /attach instead
    }
    rows.push([{ text: adminText.attachButton(entryLabel(engine, entry.id)), callback_data: data }]);
  }
  rows.push([{ text: adminText.dismissButton, callback_data: encodeCallback(DISMISS_ACTION, group.ref) }]);
  return rows;
}

/**
 * The bot's admin commands: /stats [days], /unanswered (with attach / dismiss buttons),
 * /attach <ref> <entry-id>, /reload, /export. Every command and every button checks ADMIN_IDS on
 * the server; anyone else gets a short refusal and no data. Commands answer in the admin's
 * private chat only (in a group an admin is asked to use the private chat).
 */
export function createAdminFeature(deps: BotDeps): Composer<BotContext> {
  const { config, store, engines } = deps;
  const composer = new Composer<BotContext>();

  /** True when the sender may run an admin command here; otherwise replies and returns false. */
  async function allowed(ctx: BotContext, command: string): Promise<boolean> {
    if (!isAdmin(ctx, config)) {
      ctx.log.info({ command, chat_type: ctx.chat?.type }, 'admin: refused (not an admin)');
      await replyTo(ctx, adminText.refusal);
      return false;
    }
    if (ctx.chat?.type !== 'private') {
      await replyTo(ctx, adminText.privateOnly);
      return false;
    }
    return true;
  }

  // ---- /stats [days] -----------------------------------------------------------------------
  composer.command('stats', async (ctx) => {
    if (!(await allowed(ctx, 'stats'))) return;
    const days = parseDays(ctx.payload);
    if (days === null) {
      await ctx.reply(adminText.statsUsage);
      return;
    }
    const started = performance.now();
    const s = store.stats(days);
    ctx.log.info({ days, total: s.total, ms: Math.round(performance.now() - started) }, 'admin: stats');
    if (s.total === 0 && s.worstRated.length === 0) {
      await ctx.reply(adminText.statsEmpty(days));
      return;
    }
    const engine = engines.engine;
    const view: StatsView = {
      days: s.days,
      total: s.total,
      byStatus: s.byStatus,
      byChatKind: s.byChatKind,
      distinctUsers: s.distinctUsers,
      top: s.topEntries.map((t) => ({ label: entryLabel(engine, t.entryId, 70), count: t.count })),
      worst: s.worstRated.map((w) => ({ label: entryLabel(engine, w.entryId, 70), up: w.up, down: w.down })),
    };
    await ctx.reply(adminText.stats(view));
  });

  // ---- /unanswered ---------------------------------------------------------------------------
  composer.command('unanswered', async (ctx) => {
    if (!(await allowed(ctx, 'unanswered'))) return;
    const groups = store.unanswered({ days: UNANSWERED_DAYS, limit: UNANSWERED_SCAN });
    ctx.log.info({ groups: groups.length }, 'admin: unanswered');
    if (groups.length === 0) {
      await ctx.reply(adminText.unansweredNone(UNANSWERED_DAYS));
      return;
    }
    const shown = groups.slice(0, UNANSWERED_SHOWN);
    await ctx.reply(adminText.unansweredHeader(shown.length, groups.length, UNANSWERED_DAYS));
    const engine = engines.engine;
    for (const g of shown) {
      const keyboard = unansweredKeyboard(engine, g);
      const text = adminText.unansweredItem(clip(g.sample, SAMPLE_CHARS), g.count, g.ref);
      await ctx.reply(keyboard.length > 1 ? text : `${text}\n${adminText.noCandidates}`, {
        reply_markup: { inline_keyboard: keyboard },
      });
    }
  });

  /** Attach a group's question to an entry: stored, learned by the engine at once, audited. */
  function attach(
    adminId: number,
    ref: number,
    entryId: string,
  ): { sample: string; answered: boolean } | null {
    const group = store.unansweredByRef(ref);
    if (!group || !engines.engine.entry(entryId)) return null;
    store.addAlternate(entryId, group.sample, adminId, { resolves: group.normalized });
    if (!engines.learn(entryId, group.sample)) return null;
    const check = engines.engine.ask(group.sample);
    return { sample: group.sample, answered: check.status === 'answered' && check.entryId === entryId };
  }

  // ---- /attach <ref> <entry-id> (when the right entry is not among the buttons) ---------------
  composer.command('attach', async (ctx) => {
    if (!(await allowed(ctx, 'attach'))) return;
    const [refArg, entryId, ...rest] = ctx.payload.trim().split(/\s+/);
    if (!refArg || !entryId || rest.length > 0 || !/^\d{1,12}$/.test(refArg)) {
      await ctx.reply(adminText.attachUsage);
      return;
    }
    if (!store.unansweredByRef(Number(refArg))) {
      await ctx.reply(adminText.unknownGroup(refArg));
      return;
    }
    if (!ENTRY_ID.test(entryId) || !engines.engine.entry(entryId)) {
      await ctx.reply(adminText.unknownEntry(clip(entryId, 64)));
      return;
    }
    const done = attach(ctx.from.id, Number(refArg), entryId);
    if (!done) {
      await ctx.reply(adminText.unknownEntry(entryId));
      return;
    }
    ctx.log.info({ ref: Number(refArg), entryId, answered: done.answered }, 'admin: attached (command)');
    await ctx.reply(
      adminText.attached(
        clip(done.sample, SAMPLE_CHARS),
        entryLabel(engines.engine, entryId, 70),
        done.answered,
      ),
    );
  });

  // ---- attach / dismiss buttons --------------------------------------------------------------
  composer.on('callback_query', async (ctx, next) => {
    const query = ctx.callbackQuery;
    const cb = decodeCallback('data' in query ? query.data : undefined);
    if (cb?.action !== ATTACH_ACTION && cb?.action !== DISMISS_ACTION) return next();
    if (!isAdmin(ctx, config)) {
      ctx.log.info({ action: cb.action }, 'admin: refused button (not an admin)');
      await ctx.answerCbQuery(adminText.refusal);
      return;
    }
    const [refArg, entryId] = cb.args;
    const ref = refArg && /^\d{1,12}$/.test(refArg) ? Number(refArg) : Number.NaN;
    const group = Number.isNaN(ref) ? null : store.unansweredByRef(ref);

    if (cb.action === DISMISS_ACTION) {
      if (!group || cb.args.length !== 1) {
        await ctx.answerCbQuery(adminText.staleButton);
        return;
      }
      store.dismissUnanswered(group.normalized, query.from.id);
      ctx.log.info({ ref }, 'admin: dismissed');
      await ctx.answerCbQuery(adminText.dismissedToast);
      await editOrReply(ctx, adminText.dismissed(clip(group.sample, SAMPLE_CHARS)));
      return;
    }

    if (!group || cb.args.length !== 2 || !entryId || !ENTRY_ID.test(entryId)) {
      await ctx.answerCbQuery(adminText.staleButton);
      return;
    }
    const done = attach(query.from.id, ref, entryId);
    if (!done) {
      await ctx.answerCbQuery(adminText.staleButton);
      return;
    }
    ctx.log.info({ ref, entryId, answered: done.answered }, 'admin: attached');
    await ctx.answerCbQuery(adminText.attachedToast);
    await editOrReply(
      ctx,
      adminText.attached(
        clip(done.sample, SAMPLE_CHARS),
        entryLabel(engines.engine, entryId, 70),
        done.answered,
      ),
    );
  });

  // ---- /reload -------------------------------------------------------------------------------
  composer.command('reload', async (ctx) => {
    if (!(await allowed(ctx, 'reload'))) return;
    const before = engines.engine.knowledge.entries.length;
    const started = performance.now();
    const result = engines.reload();
    const ms = Math.round(performance.now() - started);
    if (result.ok) {
      store.audit(ctx.from.id, 'reload', `ok: ${result.entries} entries, ${result.smalltalk} small talk`);
      ctx.log.info({ entries: result.entries, smalltalk: result.smalltalk, ms }, 'admin: knowledge reloaded');
      const files = result.files.map((f) => f.split(/[\\/]/).pop() ?? f);
      await ctx.reply(adminText.reloadOk(result.entries, result.smalltalk, files, store.alternates().length));
      return;
    }
    store.audit(ctx.from.id, 'reload-failed', result.error);
    ctx.log.warn({ error: result.error, ms }, 'admin: reload failed, keeping the old knowledge');
    await ctx.reply(adminText.reloadFailed(result.error, before));
  });

  // ---- /export -------------------------------------------------------------------------------
  composer.command('export', async (ctx) => {
    if (!(await allowed(ctx, 'export'))) return;
    const learned = store.alternates();
    if (learned.length === 0) {
      await ctx.reply(adminText.exportEmpty);
      return;
    }
    const now = new Date();
    const out = exportAlternatesYaml(learned, engines.engine.knowledge, now);
    store.audit(ctx.from.id, 'export', `${out.questions} questions, ${out.entries} entries`);
    ctx.log.info({ questions: out.questions, entries: out.entries, orphans: out.orphans }, 'admin: export');
    await ctx.replyWithDocument(
      {
        source: Buffer.from(out.yaml, 'utf8'),
        filename: `learned-questions-${now.toISOString().slice(0, 10)}.yaml`,
      },
      { caption: adminText.exportCaption(out.questions + out.orphans, out.entries) },
    );
  });

  return composer;
}

/** Replace the button message's text (dropping its buttons); if that fails, send a new message. */
async function editOrReply(ctx: BotContext, text: string): Promise<void> {
  try {
    await ctx.editMessageText(text);
  } catch (err) {
    ctx.log.debug({ err }, 'admin: cannot edit the button message');
    await ctx.reply(text);
  }
}
