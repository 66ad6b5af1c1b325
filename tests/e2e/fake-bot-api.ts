/**
 * A fake Telegram Bot API on 127.0.0.1 (random port) that speaks the real HTTP shape:
 * `POST|GET /bot<token>/<method>` with JSON, urlencoded or multipart/form-data bodies, answers
 * `{ ok, result }` / `{ ok: false, error_code, description, parameters }`.
 *
 * - Long polling: `getUpdates` holds the request until updates are queued or its timeout passes,
 *   honours `offset` (confirming earlier updates), `limit` and `allowed_updates`, and answers a
 *   second concurrent poll with 409 like Telegram does. While a webhook is set it answers 409.
 * - Validates like Telegram where it catches our bugs: HTML parse mode (unknown tags, unescaped
 *   `<`/`&`), 4,096-character texts (after parsing), callback_data 1-64 bytes, callback and
 *   inline query ids, answerCallbackQuery text ≤ 200, inline results ≤ 50 with unique ids,
 *   command names/descriptions, "message is not modified" on edits.
 * - Records every call (`calls`), helpers push updates shaped like Telegram's (with entities for
 *   commands and mentions) and wait for calls; failures (429 + retry_after, 403, 400, 500, a dropped
 *   connection) and delays can be injected per method.
 *
 * Usage:
 *   const api = await FakeBotApi.start();            // api.apiRoot → TELEGRAM_API_ROOT
 *   const msg = api.privateText(1001, 'سؤال');        // queue an update
 *   const call = await api.waitFor('sendMessage', (c) => c.params.chat_id === 1001);
 *   api.fail('sendMessage', { code: 429, retryAfter: 1 });
 *   await api.close();
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Chat, Message, Update, User } from 'telegraf/types';
import {
  ApiError,
  bad,
  checkMarkup,
  checkText,
  entitiesOf,
  type Params,
  readParams,
  type UploadedFile,
} from './fake-bot-api-wire.ts';

export {
  entitiesOf,
  type Params,
  parseHtml,
  parseMultipart,
  type UploadedFile,
} from './fake-bot-api-wire.ts';

export const FAKE_TOKEN = '123456:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
export const FAKE_BOT: User & { username: string } = {
  id: 123456,
  is_bot: true,
  first_name: 'تقرير التاجي',
  username: 'taji_report_bot',
};

export interface ApiCall {
  /** Position in `calls` (0-based). */
  readonly seq: number;
  readonly method: string;
  readonly params: Params;
  readonly files: readonly UploadedFile[];
  /** Milliseconds since the fake API started. */
  readonly at: number;
  /** What the fake answered: the result on success, or the error. */
  response?: { ok: true; result: unknown } | { ok: false; error_code: number; description: string };
}

export interface Failure {
  /** HTTP / Telegram error code; 'network' destroys the connection without an answer. */
  readonly code: number | 'network';
  readonly description?: string;
  /** For 429: parameters.retry_after in seconds. */
  readonly retryAfter?: number;
}

interface PendingFailure extends Failure {
  times: number;
  readonly match?: ((params: Params) => boolean) | undefined;
}

interface PendingDelay {
  readonly ms: number;
  times: number;
}

interface Poller {
  readonly res: ServerResponse;
  readonly timer: NodeJS.Timeout;
  readonly params: Params;
}

interface StoredMessage {
  text: string;
  markup: string;
}

export interface FakeBotApiOptions {
  readonly token?: string;
  readonly bot?: User & { username: string };
}

const DEFAULT_DESCRIPTIONS: Record<number, string> = {
  400: 'Bad Request: injected failure',
  401: 'Unauthorized',
  403: 'Forbidden: bot was blocked by the user',
  404: 'Not Found',
  409: 'Conflict: terminated by other getUpdates request',
  429: 'Too Many Requests: retry after 1',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
};

export class FakeBotApi {
  readonly token: string;
  readonly bot: User & { username: string };
  /** Every API call, in arrival order (getUpdates included). */
  readonly calls: ApiCall[] = [];
  /** Set false to make every call answer 401 Unauthorized (a revoked token). */
  acceptToken = true;
  /** The webhook as last set (null when none). */
  webhook: { url: string; secret_token?: string; allowed_updates?: unknown } | null = null;
  /** Command menus by `scope|language_code`. */
  readonly commands = new Map<string, unknown>();

  private server: Server;
  private port = 0;
  private readonly started = Date.now();
  private queue: Update[] = [];
  private nextUpdateId = 1;
  private nextMessageId = new Map<number, number>();
  private poller: Poller | null = null;
  private readonly failures = new Map<string, PendingFailure[]>();
  private readonly delays = new Map<string, PendingDelay[]>();
  private readonly waiters = new Set<() => void>();
  private readonly chats = new Map<number, Chat>();
  private readonly messages = new Map<string, StoredMessage>();
  private readonly callbackIds = new Set<string>();
  private readonly inlineIds = new Set<string>();
  private readonly memberStatus = new Map<string, string>();
  private allowedUpdates: string[] | null = null;
  private nextQueryId = 1;
  private closed = false;

  private constructor(opts: FakeBotApiOptions) {
    this.token = opts.token ?? FAKE_TOKEN;
    this.bot = opts.bot ?? FAKE_BOT;
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        if (!res.headersSent) {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ ok: false, error_code: 500, description: String(err) }));
        }
      });
    });
    this.server.keepAliveTimeout = 60_000;
  }

  static async start(opts: FakeBotApiOptions = {}): Promise<FakeBotApi> {
    const api = new FakeBotApi(opts);
    await new Promise<void>((resolve) => api.server.listen(0, '127.0.0.1', resolve));
    api.port = (api.server.address() as AddressInfo).port;
    return api;
  }

  /** Value for TELEGRAM_API_ROOT. */
  get apiRoot(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.poller) this.answerPoll(this.poller, []);
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ---- failure and delay injection -------------------------------------------------------------

  /** The next `times` calls of `method` (matching `match`, if given) fail with this error. */
  fail(
    method: string,
    failure: Failure,
    opts: { times?: number; match?: (p: Params) => boolean } = {},
  ): void {
    const list = this.failures.get(method) ?? [];
    list.push({ ...failure, times: opts.times ?? 1, match: opts.match });
    this.failures.set(method, list);
  }

  /** The next `times` calls of `method` are answered only after `ms`. */
  delay(method: string, ms: number, times = 1): void {
    const list = this.delays.get(method) ?? [];
    list.push({ ms, times });
    this.delays.set(method, list);
  }

  /** getChatMember answers this status for (chat, user); default 'member'. */
  setMemberStatus(chatId: number, userId: number, status: string): void {
    this.memberStatus.set(`${chatId}:${userId}`, status);
  }

  // ---- recorded calls ------------------------------------------------------------------------------

  /** Current number of calls: pass it as `since` to only look at later calls. */
  mark(): number {
    return this.calls.length;
  }

  callsOf(method: string, since = 0, match?: (c: ApiCall) => boolean): ApiCall[] {
    return this.calls.slice(since).filter((c) => c.method === method && (!match || match(c)));
  }

  /** Texts of sendMessage calls to a chat (since a mark). */
  textsTo(chatId: number, since = 0): string[] {
    return this.callsOf('sendMessage', since, (c) => c.params.chat_id === chatId).map((c) =>
      String(c.params.text),
    );
  }

  /** Wait for the first call of `method` (since `since`) that matches; rejects after `timeoutMs`. */
  waitFor(
    method: string,
    match?: (c: ApiCall) => boolean,
    opts: { since?: number; timeoutMs?: number } = {},
  ): Promise<ApiCall> {
    return this.waitForCount(method, 1, match, opts).then((calls) => calls[0]!);
  }

  /** Wait until `count` calls of `method` (since `since`) match and have been answered. */
  waitForCount(
    method: string,
    count: number,
    match?: (c: ApiCall) => boolean,
    opts: { since?: number; timeoutMs?: number } = {},
  ): Promise<ApiCall[]> {
    const since = opts.since ?? 0;
    const timeoutMs = opts.timeoutMs ?? 10_000;
    const found = () => this.callsOf(method, since, (c) => c.response !== undefined && (!match || match(c)));
    return new Promise((resolve, reject) => {
      const check = () => {
        const calls = found();
        if (calls.length >= count) {
          clearTimeout(timer);
          this.waiters.delete(check);
          resolve(calls.slice(0, count));
        }
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        const seen = this.calls
          .slice(since)
          .map((c) => c.method)
          .join(', ');
        reject(
          new Error(`timed out after ${timeoutMs} ms waiting for ${count}× ${method}; calls since: ${seen}`),
        );
      }, timeoutMs);
      this.waiters.add(check);
      check();
    });
  }

  /** The Message a successful send/edit call returned (to reply to it or tap its buttons). */
  messageOf(call: ApiCall): Message.TextMessage {
    if (!call.response?.ok)
      throw new Error(`${call.method} did not succeed: ${JSON.stringify(call.response)}`);
    return call.response.result as Message.TextMessage;
  }

  /** Callback data of every inline button of a call's reply_markup, row by row, flattened. */
  buttonsOf(call: ApiCall): Array<{ text: string; data: string }> {
    const markup = call.params.reply_markup as
      | { inline_keyboard?: Array<Array<Record<string, unknown>>> }
      | undefined;
    return (markup?.inline_keyboard ?? [])
      .flat()
      .map((b) => ({ text: String(b.text), data: String(b.callback_data ?? '') }));
  }

  /** Resolve after `ms` in which no call of `method` matched (to assert silence). */
  async expectNo(
    method: string,
    match: (c: ApiCall) => boolean,
    opts: { since: number; ms: number },
  ): Promise<void> {
    await new Promise((r) => setTimeout(r, opts.ms));
    const calls = this.callsOf(method, opts.since, match);
    if (calls.length > 0) {
      throw new Error(`expected no ${method}, got: ${JSON.stringify(calls.map((c) => c.params))}`);
    }
  }

  // ---- pushing updates -----------------------------------------------------------------------------

  /** Queue a raw update (update_id is assigned). */
  push(update: Omit<Update, 'update_id'>): Update {
    const full = { update_id: this.nextUpdateId++, ...update } as Update;
    this.queue.push(full);
    if (this.poller) this.flushPoll(this.poller);
    return full;
  }

  user(id: number): User {
    return { id, is_bot: false, first_name: `مستخدم ${id}`, language_code: 'ar' };
  }

  privateChat(userId: number): Chat.PrivateChat {
    const chat: Chat.PrivateChat = { id: userId, type: 'private', first_name: `مستخدم ${userId}` };
    this.chats.set(userId, chat);
    return chat;
  }

  groupChat(chatId: number): Chat.SupergroupChat {
    const chat: Chat.SupergroupChat = { id: chatId, type: 'supergroup', title: `مجموعة ${chatId}` };
    this.chats.set(chatId, chat);
    return chat;
  }

  private newMessageId(chatId: number): number {
    const id = (this.nextMessageId.get(chatId) ?? 0) + 1;
    this.nextMessageId.set(chatId, id);
    return id;
  }

  /** A text message as Telegram would deliver it (bot_command and mention entities included). */
  textMessage(chat: Chat, from: User, text: string, replyTo?: Message): Message.TextMessage {
    const entities = entitiesOf(text);
    const msg: Message.TextMessage = {
      message_id: this.newMessageId(chat.id),
      date: Math.floor(Date.now() / 1000),
      chat,
      from,
      text,
      ...(entities.length > 0 ? { entities } : {}),
      ...(replyTo
        ? { reply_to_message: replyTo as Message.TextMessage & { reply_to_message: undefined } }
        : {}),
    } as Message.TextMessage;
    this.messages.set(`${chat.id}:${msg.message_id}`, { text, markup: '' });
    return msg;
  }

  /** A user writes to the bot in private. */
  privateText(userId: number, text: string): Message.TextMessage {
    const msg = this.textMessage(this.privateChat(userId), this.user(userId), text);
    this.push({ message: msg } as Omit<Update.MessageUpdate, 'update_id'>);
    return msg;
  }

  /** A user writes in a group (optionally replying to a message, e.g. one the bot sent). */
  groupText(chatId: number, userId: number, text: string, replyTo?: Message): Message.TextMessage {
    const msg = this.textMessage(this.groupChat(chatId), this.user(userId), text, replyTo);
    this.push({ message: msg } as Omit<Update.MessageUpdate, 'update_id'>);
    return msg;
  }

  /** A user edits an earlier text message. */
  editText(original: Message.TextMessage, text: string): Message.TextMessage {
    const entities = entitiesOf(text);
    const { entities: _old, ...rest } = original;
    const edited = {
      ...rest,
      text,
      ...(entities.length > 0 ? { entities } : {}),
      edit_date: Math.floor(Date.now() / 1000),
    } as Message.TextMessage;
    this.push({ edited_message: edited } as Omit<Update.EditedMessageUpdate, 'update_id'>);
    return edited;
  }

  /** A sticker (private when chatId is the user id, otherwise in that group). */
  sticker(chatId: number, userId: number): Message.StickerMessage {
    const chat = chatId === userId ? this.privateChat(userId) : this.groupChat(chatId);
    const msg = {
      message_id: this.newMessageId(chat.id),
      date: Math.floor(Date.now() / 1000),
      chat,
      from: this.user(userId),
      sticker: {
        file_id: 'CAACAgIAAxkBAAE',
        file_unique_id: 'AgADBQAD',
        type: 'regular',
        width: 512,
        height: 512,
        is_animated: false,
        is_video: false,
        emoji: '👍',
      },
    } as Message.StickerMessage;
    this.push({ message: msg } as Omit<Update.MessageUpdate, 'update_id'>);
    return msg;
  }

  /** A voice note in private. */
  voice(userId: number): Message.VoiceMessage {
    const msg = {
      message_id: this.newMessageId(userId),
      date: Math.floor(Date.now() / 1000),
      chat: this.privateChat(userId),
      from: this.user(userId),
      voice: { file_id: 'AwACAgIAAxkBAAE', file_unique_id: 'AgADVQ', duration: 3 },
    } as Message.VoiceMessage;
    this.push({ message: msg } as Omit<Update.MessageUpdate, 'update_id'>);
    return msg;
  }

  /** A user taps an inline button with `data` under `message` (a message the bot sent). Returns the query id. */
  tap(userId: number, message: Message, data: string): string {
    const id = `cbq${this.nextQueryId++}`;
    this.callbackIds.add(id);
    this.push({
      callback_query: {
        id,
        from: this.user(userId),
        chat_instance: `ci${message.chat.id}`,
        message,
        data,
      },
    } as Omit<Update.CallbackQueryUpdate, 'update_id'>);
    return id;
  }

  /** A user types `@bot <query>` in some chat. Returns the inline query id. */
  inlineQuery(userId: number, query: string): string {
    const id = `iq${this.nextQueryId++}`;
    this.inlineIds.add(id);
    this.push({
      inline_query: { id, from: this.user(userId), query, offset: '', chat_type: 'sender' },
    } as Omit<Update.InlineQueryUpdate, 'update_id'>);
    return id;
  }

  /** The bot's own membership in a group changes (e.g. 'left' → 'member' when added). */
  myChatMember(chatId: number, byUserId: number, from: string, to: string): Update {
    const member = (status: string) => ({ status, user: this.bot }) as unknown;
    return this.push({
      my_chat_member: {
        chat: this.groupChat(chatId),
        from: this.user(byUserId),
        date: Math.floor(Date.now() / 1000),
        old_chat_member: member(from),
        new_chat_member: member(to),
      },
    } as Omit<Update.MyChatMemberUpdate, 'update_id'>);
  }

  /** Updates queued and not yet confirmed by an offset. */
  pending(): number {
    return this.queue.length;
  }

  // ---- HTTP ----------------------------------------------------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const m = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    if (!m) return this.reply(res, new ApiError(404, 'Not Found'));
    const [, token, method] = m as unknown as [string, string, string];
    const { params, files } = await readParams(req, url);
    const call: ApiCall = { seq: this.calls.length, method, params, files, at: Date.now() - this.started };
    this.calls.push(call);
    if (token !== this.token || !this.acceptToken)
      return this.finish(res, call, new ApiError(401, 'Unauthorized'));

    const delay = this.take(this.delays, method, () => true);
    if (delay) await new Promise((r) => setTimeout(r, delay.ms));

    const failure = this.take(this.failures, method, (f) => !f.match || f.match(params));
    if (failure) {
      if (failure.code === 'network') {
        call.response = { ok: false, error_code: 0, description: 'connection dropped' };
        this.notify();
        req.socket.destroy();
        return;
      }
      const description = failure.description ?? DEFAULT_DESCRIPTIONS[failure.code] ?? 'Injected failure';
      const parameters = failure.code === 429 ? { retry_after: failure.retryAfter ?? 1 } : undefined;
      return this.finish(res, call, new ApiError(failure.code, description, parameters));
    }

    if (method === 'getUpdates') return this.getUpdates(res, call);
    try {
      const result = this.dispatch(method, params, files);
      return this.finish(res, call, result);
    } catch (err) {
      if (err instanceof ApiError) return this.finish(res, call, err);
      throw err;
    }
  }

  private take<T extends { times: number }>(
    map: Map<string, T[]>,
    method: string,
    ok: (item: T) => boolean,
  ): T | undefined {
    const list = map.get(method);
    const item = list?.find(ok);
    if (!list || !item) return undefined;
    item.times -= 1;
    if (item.times <= 0) list.splice(list.indexOf(item), 1);
    return item;
  }

  private finish(res: ServerResponse, call: ApiCall, result: unknown): void {
    call.response =
      result instanceof ApiError
        ? { ok: false, error_code: result.code, description: result.description }
        : { ok: true, result };
    this.reply(res, result);
    this.notify();
  }

  private notify(): void {
    for (const w of [...this.waiters]) w();
  }

  private reply(res: ServerResponse, result: unknown): void {
    if (res.writableEnded || res.destroyed) return;
    if (result instanceof ApiError) {
      const body = {
        ok: false,
        error_code: result.code,
        description: result.description,
        ...(result.parameters ? { parameters: result.parameters } : {}),
      };
      res.writeHead(result.code, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ok: true, result }));
  }

  // ---- getUpdates ------------------------------------------------------------------------------------------

  private getUpdates(res: ServerResponse, call: ApiCall): void {
    const p = call.params;
    if (this.webhook) {
      this.finish(
        res,
        call,
        new ApiError(
          409,
          "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
        ),
      );
      return;
    }
    if (Array.isArray(p.allowed_updates)) this.allowedUpdates = p.allowed_updates.map(String);
    const offset = Number(p.offset ?? 0);
    if (offset > 0) this.queue = this.queue.filter((u) => u.update_id >= offset);
    if (this.poller) {
      const old = this.poller;
      this.poller = null;
      clearTimeout(old.timer);
      this.reply(old.res, new ApiError(409, DEFAULT_DESCRIPTIONS[409]!));
    }
    const timeoutS = Number(p.timeout ?? 0);
    const poller: Poller = {
      res,
      params: p,
      timer: setTimeout(() => this.answerPoll(poller, []), Math.max(0, timeoutS) * 1000),
    };
    res.on('close', () => {
      if (this.poller === poller) {
        clearTimeout(poller.timer);
        this.poller = null;
      }
    });
    call.response = { ok: true, result: 'pending' };
    this.poller = poller;
    this.notify();
    this.flushPoll(poller);
  }

  private deliverable(): Update[] {
    if (!this.allowedUpdates || this.allowedUpdates.length === 0) return this.queue;
    const allowed = new Set(this.allowedUpdates);
    this.queue = this.queue.filter((u) => Object.keys(u).some((k) => allowed.has(k)));
    return this.queue;
  }

  private flushPoll(poller: Poller): void {
    const updates = this.deliverable();
    if (updates.length === 0) return;
    const limit = Math.min(100, Math.max(1, Number(poller.params.limit ?? 100)));
    this.answerPoll(poller, updates.slice(0, limit));
  }

  private answerPoll(poller: Poller, updates: Update[]): void {
    clearTimeout(poller.timer);
    if (this.poller === poller) this.poller = null;
    this.reply(poller.res, updates);
  }

  // ---- methods ---------------------------------------------------------------------------------------------

  private chatOf(chatId: unknown): Chat {
    const id = Number(chatId);
    if (!Number.isFinite(id) || id === 0) throw bad('chat not found');
    return this.chats.get(id) ?? (id > 0 ? this.privateChat(id) : this.groupChat(id));
  }

  private botMessage(chatId: unknown, extra: Params): Message {
    const chat = this.chatOf(chatId);
    return {
      message_id: this.newMessageId(chat.id),
      date: Math.floor(Date.now() / 1000),
      chat,
      from: this.bot,
      ...extra,
    } as unknown as Message;
  }

  private dispatch(method: string, p: Params, files: readonly UploadedFile[]): unknown {
    switch (method) {
      case 'getMe':
        return {
          ...this.bot,
          can_join_groups: true,
          can_read_all_group_messages: false,
          supports_inline_queries: true,
        };
      case 'sendMessage':
        return this.sendMessage(p);
      case 'sendChatAction':
        this.chatOf(p.chat_id);
        if (typeof p.action !== 'string') throw bad('wrong parameter action in request');
        return true;
      case 'answerCallbackQuery':
        return this.answerCallbackQuery(p);
      case 'answerInlineQuery':
        return this.answerInlineQuery(p);
      case 'editMessageText':
        return this.editMessage(p, true);
      case 'editMessageReplyMarkup':
        return this.editMessage(p, false);
      case 'setMyCommands':
        return this.setMyCommands(p);
      case 'deleteMyCommands':
        this.commands.delete(scopeKey(p));
        return true;
      case 'getMyCommands':
        return this.commands.get(scopeKey(p)) ?? [];
      case 'sendDocument':
        return this.sendDocument(p, files);
      case 'getChat':
        return this.chatOf(p.chat_id);
      case 'getChatMember': {
        const chat = this.chatOf(p.chat_id);
        const userId = Number(p.user_id);
        const status = this.memberStatus.get(`${chat.id}:${userId}`) ?? 'member';
        return { status, user: this.user(userId) };
      }
      case 'setWebhook': {
        if (typeof p.url !== 'string') throw bad('bad webhook: URL must be provided');
        if (p.url === '') {
          this.webhook = null;
          return true;
        }
        if (p.secret_token !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(String(p.secret_token))) {
          throw bad('secret token contains unallowed characters');
        }
        this.webhook = {
          url: p.url,
          ...(p.secret_token !== undefined ? { secret_token: String(p.secret_token) } : {}),
          ...(p.allowed_updates !== undefined ? { allowed_updates: p.allowed_updates } : {}),
        };
        return true;
      }
      case 'deleteWebhook':
        this.webhook = null;
        if (p.drop_pending_updates === true) this.queue = [];
        return true;
      case 'getWebhookInfo':
        return {
          url: this.webhook?.url ?? '',
          has_custom_certificate: false,
          pending_update_count: this.queue.length,
        };
      case 'close':
      case 'logOut':
        return true;
      default:
        throw new ApiError(404, 'Not Found: method not found');
    }
  }

  private sendMessage(p: Params): Message {
    const chat = this.chatOf(p.chat_id);
    const text = checkText(p.text, p.parse_mode, 'message');
    const markup = checkMarkup(p.reply_markup);
    const rp = p.reply_parameters as
      | { message_id?: unknown; allow_sending_without_reply?: unknown }
      | undefined;
    let replyTo: StoredMessage | undefined;
    if (rp !== undefined) {
      replyTo = this.messages.get(`${chat.id}:${Number(rp.message_id)}`);
      if (!replyTo && rp.allow_sending_without_reply !== true) throw bad('message to be replied not found');
    }
    const msg = this.botMessage(chat.id, {
      text,
      ...(markup ? { reply_markup: markup } : {}),
      ...(rp && replyTo
        ? { reply_to_message: { message_id: Number(rp.message_id), chat, text: replyTo.text } }
        : {}),
    });
    this.messages.set(`${chat.id}:${msg.message_id}`, { text, markup: JSON.stringify(markup ?? null) });
    return msg;
  }

  private answerCallbackQuery(p: Params): true {
    const id = String(p.callback_query_id ?? '');
    if (!this.callbackIds.has(id)) {
      throw bad('query is too old and response timeout expired or query ID is invalid');
    }
    if (p.text !== undefined && String(p.text).length > 200) throw bad('MESSAGE_TOO_LONG');
    this.callbackIds.delete(id);
    return true;
  }

  private answerInlineQuery(p: Params): true {
    const id = String(p.inline_query_id ?? '');
    if (!this.inlineIds.has(id))
      throw bad('query is too old and response timeout expired or query ID is invalid');
    const results = p.results;
    if (!Array.isArray(results)) throw bad("can't parse inline query results");
    if (results.length > 50) throw bad('RESULTS_TOO_MUCH');
    const ids = new Set<string>();
    for (const r of results as Array<Record<string, unknown>>) {
      const rid = String(r.id ?? '');
      if (!rid || Buffer.byteLength(rid) > 64) throw bad('RESULT_ID_INVALID');
      if (ids.has(rid)) throw bad('RESULT_ID_DUPLICATE');
      ids.add(rid);
      if (typeof r.title !== 'string' || r.title === '') throw bad('RESULT_TITLE_EMPTY');
      const content = r.input_message_content as Record<string, unknown> | undefined;
      if (!content) throw bad('field "input_message_content" must be of type Object');
      checkText(content.message_text, content.parse_mode, 'message');
    }
    const button = p.button as { text?: unknown; start_parameter?: unknown } | undefined;
    if (
      button &&
      (typeof button.text !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(String(button.start_parameter)))
    ) {
      throw bad('START_PARAM_INVALID');
    }
    this.inlineIds.delete(id);
    return true;
  }

  private editMessage(p: Params, withText: boolean): Message {
    const chat = this.chatOf(p.chat_id);
    const key = `${chat.id}:${Number(p.message_id)}`;
    const stored = this.messages.get(key);
    if (!stored) throw bad('message to edit not found');
    const text = withText ? checkText(p.text, p.parse_mode, 'message') : stored.text;
    const markup = checkMarkup(p.reply_markup);
    const markupJson = JSON.stringify(markup ?? null);
    if (text === stored.text && markupJson === stored.markup) {
      throw bad(
        'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
      );
    }
    this.messages.set(key, { text, markup: markupJson });
    return {
      message_id: Number(p.message_id),
      date: Math.floor(Date.now() / 1000),
      chat,
      from: this.bot,
      text,
      edit_date: Math.floor(Date.now() / 1000),
      ...(markup ? { reply_markup: markup } : {}),
    } as unknown as Message;
  }

  private setMyCommands(p: Params): true {
    const commands = p.commands;
    if (!Array.isArray(commands) || commands.length > 100) throw bad('BOT_COMMANDS_TOO_MUCH');
    for (const c of commands as Array<Record<string, unknown>>) {
      if (!/^[a-z0-9_]{1,32}$/.test(String(c.command ?? ''))) throw bad('BOT_COMMAND_INVALID');
      const d = String(c.description ?? '');
      if (d.length < 1 || d.length > 256) throw bad('BOT_COMMAND_DESCRIPTION_INVALID');
    }
    const scope = p.scope as { type?: unknown; chat_id?: unknown } | undefined;
    if (scope?.type === 'chat' && !Number.isFinite(Number(scope.chat_id))) throw bad('chat not found');
    this.commands.set(scopeKey(p), commands);
    return true;
  }

  private sendDocument(p: Params, files: readonly UploadedFile[]): Message {
    const file = files.find((f) => f.field === 'document');
    if (!file && typeof p.document !== 'string') throw bad('there is no document in the request');
    if (p.caption !== undefined) checkText(p.caption, p.parse_mode, 'caption', 1024);
    return this.botMessage(p.chat_id, {
      document: {
        file_id: `doc${this.calls.length}`,
        file_unique_id: `u${this.calls.length}`,
        file_name: file?.filename ?? 'file',
        file_size: file?.data.length ?? 0,
      },
      ...(p.caption !== undefined ? { caption: String(p.caption) } : {}),
    });
  }
}

function scopeKey(p: Params): string {
  return `${JSON.stringify(p.scope ?? { type: 'default' })}|${String(p.language_code ?? '')}`;
}
