/**
 * Drives the admin, feedback and settings features through Telegraf's own `bot.handleUpdate`,
 * with a recording fake in place of the Bot API (no network) and a real store in a temp folder.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Composer, Telegraf, type Telegram } from 'telegraf';
import type { Message, Update, User } from 'telegraf/types';
import type { BotContext, BotDeps } from '../../src/bot/types.ts';
import { parseConfig } from '../../src/config.ts';
import { engineHolderFromConfig } from '../../src/knowledge/build-engine.ts';
import type { SqliteStore } from '../../src/storage/sqlite.ts';
import { openTestStore, silentLogger, tempDir } from './storage-fixtures.ts';

export const ADMIN = 111_111;
export const USER = 222_222;
export const GROUP = -100_333_333;
export const BOT: User = { id: 999_999, is_bot: true, first_name: 'Taji', username: 'taji_qa_bot' };

export interface ApiCall {
  readonly method: string;
  readonly payload: Record<string, unknown>;
}

export interface TestBot {
  readonly bot: Telegraf<BotContext>;
  readonly deps: BotDeps;
  readonly store: SqliteStore;
  readonly dir: string;
  readonly knowledgeDir: string;
  readonly calls: ApiCall[];
  /** Calls of one method since the last `clear()`. */
  sent(method: string): Array<Record<string, unknown>>;
  clear(): void;
  /** Texts of sendMessage calls since the last `clear()`. */
  texts(): string[];
  privateText(from: number, text: string): Promise<void>;
  groupText(from: number, text: string, extra?: Partial<Message.TextMessage>): Promise<void>;
  callback(
    from: number,
    data: string,
    message?: Partial<Message.TextMessage>,
    chatId?: number,
  ): Promise<void>;
  /** Reopen the store on the same folder (a restart). */
  cleanup(): void;
}

export interface TestBotOptions {
  readonly features: ReadonlyArray<(deps: BotDeps) => Composer<BotContext>>;
  readonly adminIds?: readonly number[];
  /** getChatMember status by user id (default 'member'). */
  readonly memberStatus?: (userId: number) => string;
  /** Make one API method fail with a Telegram-style 400. */
  readonly failing?: ReadonlySet<string>;
}

let updateId = 1;
let messageId = 1000;

function textMessage(from: number, chat: Message['chat'], text: string): Message.TextMessage {
  const command = /^\/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?/.exec(text);
  return {
    message_id: messageId++,
    date: Math.floor(Date.now() / 1000),
    chat,
    from: { id: from, is_bot: false, first_name: 'مستخدم' },
    text,
    ...(command ? { entities: [{ type: 'bot_command', offset: 0, length: command[0].length }] } : {}),
  };
}

export function createTestBot(opts: TestBotOptions): TestBot {
  const { dir, cleanup: removeDir } = tempDir('taji-admin-');
  const knowledgeDir = join(dir, 'knowledge');
  mkdirSync(knowledgeDir);
  copyFileSync(join(import.meta.dirname, '..', 'fixtures', 'mini.yaml'), join(knowledgeDir, 'mini.yaml'));
  const config = parseConfig({
    ADMIN_IDS: (opts.adminIds ?? [ADMIN]).join(','),
    KNOWLEDGE_PATH: knowledgeDir,
    DATA_DIR: join(dir, 'data'),
  });
  const store = openTestStore(config.dataDir);
  const engines = engineHolderFromConfig(config, () => store.alternates());
  const deps: BotDeps = { config, logger: silentLogger, engines, store };

  const calls: ApiCall[] = [];
  let mark = 0;
  const fakeCallApi = async (method: string, payload: unknown): Promise<unknown> => {
    const p = (payload ?? {}) as Record<string, unknown>;
    calls.push({ method, payload: p });
    if (opts.failing?.has(method)) {
      throw Object.assign(new Error(`400: Bad Request: ${method} failed`), { code: 400 });
    }
    switch (method) {
      case 'getChatMember':
        return { status: opts.memberStatus?.(Number(p.user_id)) ?? 'member', user: { id: p.user_id } };
      case 'sendMessage':
      case 'sendDocument':
        return {
          message_id: messageId++,
          date: Math.floor(Date.now() / 1000),
          chat: { id: p.chat_id, type: Number(p.chat_id) < 0 ? 'supergroup' : 'private' },
          text: p.text,
        };
      default:
        return true;
    }
  };

  const bot = new Telegraf<BotContext>('123456:TEST-TOKEN-THAT-IS-LONG-ENOUGH-123456', {
    telegram: { apiRoot: 'http://127.0.0.1:9' },
  });
  bot.botInfo = {
    ...BOT,
    is_bot: true,
    username: BOT.username ?? 'taji_qa_bot',
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: true,
  };
  bot.use((ctx, next) => {
    // Each update gets a fresh Telegram client: swap its transport for the recording fake.
    (ctx.telegram as { callApi: Telegram['callApi'] }).callApi = fakeCallApi as Telegram['callApi'];
    ctx.log = silentLogger;
    return next();
  });
  for (const feature of opts.features) bot.use(feature(deps));
  bot.catch((err) => {
    throw err;
  });

  const handle = (u: Record<string, unknown>) =>
    bot.handleUpdate({ update_id: updateId++, ...u } as unknown as Update);

  return {
    bot,
    deps,
    store,
    dir,
    knowledgeDir,
    calls,
    sent: (method) =>
      calls
        .slice(mark)
        .filter((c) => c.method === method)
        .map((c) => c.payload),
    clear: () => {
      mark = calls.length;
    },
    texts: () =>
      calls
        .slice(mark)
        .filter((c) => c.method === 'sendMessage')
        .map((c) => String(c.payload.text)),
    privateText: (from, text) =>
      handle({ message: textMessage(from, { id: from, type: 'private', first_name: 'مستخدم' }, text) }),
    groupText: (from, text, extra = {}) =>
      handle({
        message: { ...textMessage(from, { id: GROUP, type: 'supergroup', title: 'مجموعة' }, text), ...extra },
      }),
    callback: (from, data, message = {}, chatId = from) =>
      handle({
        callback_query: {
          id: String(updateId),
          from: { id: from, is_bot: false, first_name: 'مستخدم' },
          chat_instance: 'ci',
          data,
          message: {
            message_id: messageId++,
            date: Math.floor(Date.now() / 1000),
            chat:
              chatId < 0
                ? { id: chatId, type: 'supergroup', title: 'مجموعة' }
                : { id: chatId, type: 'private', first_name: 'مستخدم' },
            text: 'answer',
            ...message,
          },
        },
      }),
    cleanup: () => {
      store.close();
      removeDir();
    },
  };
}
