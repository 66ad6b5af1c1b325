/**
 * Pure text formatting for Telegram: HTML escaping, splitting long replies, the source line.
 * Every message the bot sends uses parse_mode HTML, and every piece of user or knowledge text
 * goes through `escapeHtml` (or `renderAnswer`, which escapes for you).
 */
import { botText } from '../messages.ar.ts';

/** Telegram's limit for one message's text, counted after entity parsing (UTF-16 code units). */
export const TELEGRAM_TEXT_LIMIT = 4096;
/** Button labels longer than this are cut with an ellipsis (Telegram shows long labels badly). */
export const BUTTON_LABEL_MAX = 60;

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** Escape the three characters Telegram's HTML parse mode requires escaping. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>]/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** Cut to at most `max` UTF-16 units without splitting a surrogate pair; adds «…» when cut. */
export function cutLabel(text: string, max = BUTTON_LABEL_MAX): string {
  const t = text.trim().replace(/\s+/g, ' ');
  if (t.length <= max) return t;
  let end = max - 1;
  if (isHighSurrogate(t.charCodeAt(end - 1))) end -= 1;
  return `${t.slice(0, end).trimEnd()}…`;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** Sentence ends: Latin and Arabic punctuation followed by whitespace. */
const SENTENCE_END = /[.!?؟…۔](?=\s)/g;

/** Where to cut `text` (longer than `limit`) so the head is at most `limit` units long. */
function findCut(text: string, limit: number): number {
  const head = text.slice(0, limit);
  const half = Math.floor(limit / 2);
  const para = head.lastIndexOf('\n\n');
  if (para >= half) return para;
  const line = head.lastIndexOf('\n');
  if (line >= half) return line;
  let sentence = -1;
  for (const m of head.matchAll(SENTENCE_END)) sentence = m.index + 1;
  if (sentence >= Math.floor(limit * 0.3)) return sentence;
  const space = Math.max(head.lastIndexOf(' '), head.lastIndexOf('\t'));
  if (space > 0) return space;
  let cut = limit;
  if (isHighSurrogate(text.charCodeAt(cut - 1))) cut -= 1;
  return cut;
}

/**
 * Split plain text into pieces of at most `limit` UTF-16 units, preferring paragraph breaks,
 * then line breaks, then sentence ends, then spaces; a hard cut only inside one enormous word.
 * Whitespace at the cut is dropped; no other character is lost. Always at least one piece.
 */
export function splitText(text: string, limit = TELEGRAM_TEXT_LIMIT): string[] {
  if (limit < 2) throw new RangeError('limit must be at least 2');
  const pieces: string[] = [];
  let rest = text.trim();
  while (rest.length > limit) {
    const cut = findCut(rest, limit);
    const head = rest.slice(0, cut).trimEnd();
    if (head.length > 0) pieces.push(head);
    rest = rest.slice(cut).trimStart();
  }
  if (rest.length > 0 || pieces.length === 0) pieces.push(rest);
  return pieces;
}

/** «📄 المصدر: الفقرة 3» / «📄 المصدر: الفقرات 1، 2», or null when there is no source. */
export function sourceLine(paragraphs: readonly number[]): string | null {
  return paragraphs.length === 0 ? null : botText.sourceLine(paragraphs);
}

export interface AnswerParts {
  /** Shown in bold above the body (e.g. the question a button stood for). */
  readonly title?: string | undefined;
  readonly body: string;
  /** A footer line (e.g. the source line), separated from the body by a blank line. */
  readonly footer?: string | null | undefined;
}

/**
 * Render plain-text parts as HTML messages, each within Telegram's limit after parsing:
 * the body is split, the title goes on the first message and the footer on the last.
 */
export function renderAnswer(parts: AnswerParts, limit = TELEGRAM_TEXT_LIMIT): string[] {
  const title = parts.title ? cutLabel(parts.title, 300) : '';
  const footer = parts.footer ?? '';
  const reserve = (title ? title.length + 1 : 0) + (footer ? footer.length + 2 : 0);
  const bodyLimit = Math.max(Math.floor(limit / 2), limit - reserve);
  const pieces = splitText(parts.body, bodyLimit).map(escapeHtml);
  if (title) pieces[0] = `<b>${escapeHtml(title)}</b>\n${pieces[0]}`;
  if (footer) pieces[pieces.length - 1] = `${pieces[pieces.length - 1]}\n\n${escapeHtml(footer)}`;
  return pieces;
}

/** Length of an HTML message as Telegram counts it (tags removed, entities decoded). */
export function parsedLength(html: string): number {
  return html.replace(/<[^>]*>/g, '').replace(/&(?:lt|gt|amp|quot|#\d+|#x[0-9a-f]+);/gi, '_').length;
}
