/**
 * The fake Bot API's wire format: Telegram-style errors, request body parsing (JSON, urlencoded,
 * multipart/form-data) and the checks Telegram makes on what bots send (HTML parse mode, text
 * lengths, inline keyboards), so tests catch what the real API would refuse.
 */
import type { IncomingMessage } from 'node:http';

export type Params = Record<string, unknown>;

export interface UploadedFile {
  readonly field: string;
  readonly filename: string;
  readonly contentType: string;
  readonly data: Buffer;
}

/** Thrown inside handlers to answer with a Telegram error. */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
    readonly parameters?: Params,
  ) {
    super(description);
  }
}

export const bad = (description: string) => new ApiError(400, `Bad Request: ${description}`);

// ---- checks ---------------------------------------------------------------------------------------------

/** bot_command at the start and @mentions, with UTF-16 offsets, as Telegram computes them. */
export function entitiesOf(
  text: string,
): Array<{ type: 'bot_command' | 'mention'; offset: number; length: number }> {
  const out: Array<{ type: 'bot_command' | 'mention'; offset: number; length: number }> = [];
  const cmd = /^\/[A-Za-z0-9_]{1,32}(@[A-Za-z0-9_]{3,32})?/.exec(text);
  if (cmd) out.push({ type: 'bot_command', offset: 0, length: cmd[0].length });
  for (const m of text.matchAll(/(^|[^A-Za-z0-9_@/])(@[A-Za-z0-9_]{5,32})/g)) {
    out.push({ type: 'mention', offset: m.index + m[1]!.length, length: m[2]!.length });
  }
  return out;
}

const ALLOWED_TAGS = new Set([
  'b',
  'strong',
  'i',
  'em',
  'u',
  'ins',
  's',
  'strike',
  'del',
  'span',
  'tg-spoiler',
  'a',
  'tg-emoji',
  'code',
  'pre',
  'blockquote',
]);

/** Parse Telegram-style HTML; returns the visible text or throws a 400 like Telegram's. */
export function parseHtml(html: string): string {
  let out = '';
  const stack: string[] = [];
  let i = 0;
  while (i < html.length) {
    const ch = html[i]!;
    if (ch === '<') {
      const end = html.indexOf('>', i);
      if (end < 0) throw bad(`can't parse entities: unclosed start tag at byte offset ${i}`);
      const tag = html.slice(i + 1, end);
      const close = tag.startsWith('/');
      const name = (close ? tag.slice(1) : tag).split(/\s/)[0]!.toLowerCase();
      if (!ALLOWED_TAGS.has(name))
        throw bad(`can't parse entities: unsupported start tag "${name}" at byte offset ${i}`);
      if (close) {
        if (stack.pop() !== name) throw bad(`can't parse entities: unmatched end tag at byte offset ${i}`);
      } else stack.push(name);
      i = end + 1;
    } else if (ch === '&') {
      const m = /^&(lt|gt|amp|quot|#\d{1,7}|#x[0-9a-fA-F]{1,6});/.exec(html.slice(i, i + 12));
      if (!m)
        throw bad(`can't parse entities: character '&' is reserved and must be escaped at byte offset ${i}`);
      out += '_';
      i += m[0].length;
    } else if (ch === '>') {
      throw bad(`can't parse entities: character '>' is reserved and must be escaped at byte offset ${i}`);
    } else {
      out += ch;
      i += 1;
    }
  }
  if (stack.length > 0)
    throw bad(`can't parse entities: can't find end tag corresponding to start tag "${stack.pop()}"`);
  return out;
}

export function checkText(value: unknown, parseMode: unknown, what: string, max = 4096): string {
  if (typeof value !== 'string' && typeof value !== 'number') throw bad(`${what} text is empty`);
  const text = String(value);
  const visible = parseMode === 'HTML' ? parseHtml(text) : text;
  if (visible.trim().length === 0) throw bad(`${what} text is empty`);
  if (visible.length > max) throw bad(`${what} is too long`);
  return text;
}

export function checkMarkup(markup: unknown): Params | undefined {
  if (markup === undefined) return undefined;
  if (typeof markup !== 'object' || markup === null)
    throw bad("can't parse reply keyboard markup JSON object");
  const kb = (markup as { inline_keyboard?: unknown }).inline_keyboard;
  if (kb === undefined) return markup as Params;
  if (!Array.isArray(kb) || kb.some((row) => !Array.isArray(row))) {
    throw bad('field "inline_keyboard" of the InlineKeyboardMarkup should be an Array of Arrays');
  }
  for (const row of kb as unknown[][]) {
    for (const b of row as Array<Record<string, unknown>>) {
      if (typeof b.text !== 'string' || b.text.length === 0) throw bad('BUTTON_TEXT_INVALID');
      if ('callback_data' in b) {
        const bytes = Buffer.byteLength(String(b.callback_data));
        if (typeof b.callback_data !== 'string' || bytes < 1 || bytes > 64) throw bad('BUTTON_DATA_INVALID');
      }
    }
  }
  return markup as Params;
}

// ---- request bodies ----------------------------------------------------------------------------------------

/** Fields Telegram reads as JSON when they arrive as form fields. */
const JSON_FIELDS = new Set([
  'reply_markup',
  'reply_parameters',
  'results',
  'button',
  'commands',
  'scope',
  'link_preview_options',
  'entities',
  'caption_entities',
  'allowed_updates',
  'media',
]);

function coerceField(key: string, value: string): unknown {
  if (JSON_FIELDS.has(key)) {
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  }
  if (
    (key.endsWith('_id') || key === 'offset' || key === 'limit' || key === 'timeout') &&
    /^-?\d+$/.test(value)
  ) {
    return Number(value);
  }
  if (value === 'true' || value === 'false') return value === 'true';
  return value;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

export async function readParams(
  req: IncomingMessage,
  url: URL,
): Promise<{ params: Params; files: UploadedFile[] }> {
  const params: Params = {};
  const files: UploadedFile[] = [];
  for (const [k, v] of url.searchParams) params[k] = coerceField(k, v);
  const body = await readBody(req);
  if (body.length === 0) return { params, files };
  const type = String(req.headers['content-type'] ?? '');
  if (type.includes('application/json')) {
    Object.assign(params, JSON.parse(body.toString('utf8')) as Params);
  } else if (type.includes('application/x-www-form-urlencoded')) {
    for (const [k, v] of new URLSearchParams(body.toString('utf8'))) params[k] = coerceField(k, v);
  } else if (type.includes('multipart/form-data')) {
    const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(type);
    if (!boundary) throw new Error('multipart without boundary');
    for (const part of parseMultipart(body, boundary[1] ?? boundary[2]!)) {
      if (part.filename !== null) {
        files.push({
          field: part.name,
          filename: part.filename,
          contentType: part.contentType,
          data: part.data,
        });
      } else params[part.name] = coerceField(part.name, part.data.toString('utf8'));
    }
  }
  return { params, files };
}

export interface Part {
  readonly name: string;
  readonly filename: string | null;
  readonly contentType: string;
  readonly data: Buffer;
}

/** A small multipart/form-data parser (enough for Telegraf's uploads). */
export function parseMultipart(body: Buffer, boundary: string): Part[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Part[] = [];
  let pos = body.indexOf(delimiter);
  while (pos >= 0) {
    const start = pos + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, start);
    if (next < 0) break;
    // Skip the CRLF after the delimiter; drop the CRLF before the next one.
    const raw = body.subarray(start + 2, next - 2);
    const headerEnd = raw.indexOf('\r\n\r\n');
    if (headerEnd >= 0) {
      const headers = raw.subarray(0, headerEnd).toString('utf8');
      const data = raw.subarray(headerEnd + 4);
      const name = /(?:^|[;\s])name="([^"]*)"/i.exec(headers)?.[1] ?? '';
      const filename = /filename="([^"]*)"/i.exec(headers)?.[1] ?? null;
      const contentType = /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1] ?? 'text/plain';
      parts.push({ name, filename, contentType, data: Buffer.from(data) });
    }
    pos = next;
  }
  return parts;
}
