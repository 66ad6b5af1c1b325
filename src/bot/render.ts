/** Engine replies → Telegram messages (HTML) and inline keyboards. Pure. */
import type { KnowledgeEntry } from '../knowledge/types.ts';
import type { Reply } from '../qa/types.ts';
import { renderAnswer, sourceLine } from './format.ts';
import { feedbackRow, type Keyboard, questionRows } from './keyboards.ts';

export interface Rendered {
  /** HTML message texts, each within Telegram's limit; the keyboard goes under the last one. */
  readonly messages: readonly string[];
  readonly keyboard: Keyboard;
}

export interface RenderOptions {
  /** Private chats get 👍/👎 under answers. */
  readonly feedback: boolean;
  /** Bold title above the answer (used when a button stood for the question). */
  readonly title?: string | undefined;
}

/** How many buttons a clarify / unknown / small-talk reply offers at most. */
const MAX_SUGGESTIONS = 5;
const MAX_RELATED = 3;

export function renderReply(reply: Reply, opts: RenderOptions): Rendered {
  if (reply.status === 'answered') {
    const keyboard = questionRows(reply.suggestions, MAX_RELATED);
    const fb = opts.feedback && reply.entryId ? feedbackRow(reply.entryId) : null;
    if (fb) keyboard.push(fb);
    return {
      messages: renderAnswer({ title: opts.title, body: reply.answer, footer: sourceLine(reply.source) }),
      keyboard,
    };
  }
  return {
    messages: renderAnswer({ body: reply.answer }),
    keyboard: questionRows(reply.suggestions, MAX_SUGGESTIONS),
  };
}

/** A knowledge entry as an answered reply (a tapped question button, an inline result). */
export function entryReply(entry: KnowledgeEntry, normalized: string): Reply {
  return {
    query: entry.questions[0] ?? entry.id,
    status: 'answered',
    answer: entry.answer,
    entryId: entry.id,
    score: null,
    suggestions: [],
    source: entry.source,
    normalized,
  };
}
