/** Inline keyboards. Every callback_data goes through the codec and stays within 64 bytes. */
import type { InlineKeyboardButton } from 'telegraf/types';
import { botText } from '../messages.ar.ts';
import type { Suggestion } from '../qa/types.ts';
import { encodeCallback } from './callback-data.ts';
import { cutLabel } from './format.ts';

/** Callback actions owned by the bot's own features (admin/feedback/settings use ua, ud, fb, gs). */
export const ACTION = {
  /** q:<entryId> → answer that entry. */
  answer: 'q',
  /** tp:<topicId>:<page> → that page of a topic's questions. */
  topicPage: 'tp',
  /** tl → the list of topics. */
  topicList: 'tl',
  /** fb:<entryId>:<1|-1> → feedback (handled in features/feedback.ts). */
  feedback: 'fb',
} as const;

export type Keyboard = InlineKeyboardButton[][];

/** encodeCallback, or null when the data would not fit (e.g. an absurdly long entry id). */
export function tryEncode(action: string, ...args: Array<string | number>): string | null {
  try {
    return encodeCallback(action, ...args);
  } catch {
    return null;
  }
}

/** One row per question; questions whose id does not fit in callback data are left out. */
export function questionRows(suggestions: readonly Suggestion[], max = 5): Keyboard {
  const rows: Keyboard = [];
  for (const s of suggestions) {
    if (rows.length >= max) break;
    const data = tryEncode(ACTION.answer, s.entryId);
    if (data) rows.push([{ text: cutLabel(s.question), callback_data: data }]);
  }
  return rows;
}

/** 👍 / 👎 under an answer (private chats only). */
export function feedbackRow(entryId: string): InlineKeyboardButton[] | null {
  const up = tryEncode(ACTION.feedback, entryId, '1');
  const down = tryEncode(ACTION.feedback, entryId, '-1');
  if (!up || !down) return null;
  return [
    { text: botText.feedbackUp, callback_data: up },
    { text: botText.feedbackDown, callback_data: down },
  ];
}
