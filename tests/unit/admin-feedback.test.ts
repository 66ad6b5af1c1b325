import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createFeedbackFeature,
  feedbackCallback,
  markFeedbackButtons,
} from '../../src/bot/features/feedback.ts';
import { feedbackText } from '../../src/messages.ar.ts';
import { createTestBot, type TestBot, USER } from './admin-fixtures.ts';

const ENTRY = 'qaim-handover';
const keyboard = (entryId = ENTRY) => ({
  inline_keyboard: [
    [
      { text: '👍', callback_data: feedbackCallback(entryId, 1) },
      { text: '👎', callback_data: feedbackCallback(entryId, -1) },
    ],
    [{ text: 'سؤال ذو صلة', callback_data: 'q:qaim-troop-count' }],
  ],
});

let t: TestBot;
beforeEach(() => {
  t = createTestBot({ features: [createFeedbackFeature] });
});
afterEach(() => t.cleanup());

const answers = () => t.sent('answerCallbackQuery').map((p) => p.text);
const marks = () =>
  t.sent('editMessageReplyMarkup').map((p) => {
    const rows = (p.reply_markup as ReturnType<typeof keyboard>).inline_keyboard;
    return rows.flat().map((b) => b.text);
  });

describe('feedback buttons', () => {
  it('records one vote per user per answer; a second tap changes it; a repeat is acknowledged only', async () => {
    const message = { message_id: 500, reply_markup: keyboard() };
    await t.callback(USER, feedbackCallback(ENTRY, 1), message);
    await t.callback(USER, feedbackCallback(ENTRY, 1), message);
    await t.callback(USER, feedbackCallback(ENTRY, -1), message);
    await t.callback(USER, feedbackCallback(ENTRY, -1), message);
    expect(answers()).toEqual([
      feedbackText.thanksUp,
      feedbackText.same,
      feedbackText.changed,
      feedbackText.same,
    ]);
    // Buttons marked on each real change, the unrelated button left alone.
    expect(marks()).toEqual([
      ['👍 ✓', '👎', 'سؤال ذو صلة'],
      ['👍', '👎 ✓', 'سؤال ذو صلة'],
    ]);
    const s = t.store.stats(1);
    expect(s.worstRated).toEqual([{ entryId: ENTRY, up: 0, down: 1 }]);

    // Another answer message is another vote.
    await t.callback(USER, feedbackCallback(ENTRY, -1), { message_id: 501, reply_markup: keyboard() });
    expect(answers().at(-1)).toBe(feedbackText.thanksDown);
    expect(t.store.stats(1).worstRated).toEqual([{ entryId: ENTRY, up: 0, down: 2 }]);
  });

  it('answers forged or stale data with a notice and records nothing', async () => {
    for (const data of [
      'fb',
      'fb:qaim-handover',
      'fb:qaim-handover:2',
      'fb:qaim-handover:1:x',
      'fb:no-such-entry:1',
      'fb:Bad_Id:1',
    ]) {
      await t.callback(USER, data);
    }
    expect(answers()).toEqual(Array(6).fill(feedbackText.invalid));
    expect(t.store.stats(1).worstRated).toEqual([]);
    expect(t.sent('editMessageReplyMarkup')).toEqual([]);
  });

  it('survives a failing edit (old message) after recording the vote', async () => {
    const failing = createTestBot({
      features: [createFeedbackFeature],
      failing: new Set(['editMessageReplyMarkup']),
    });
    try {
      await failing.callback(USER, feedbackCallback(ENTRY, -1), { reply_markup: keyboard() });
      expect(failing.sent('answerCallbackQuery').map((p) => p.text)).toEqual([feedbackText.thanksDown]);
      expect(failing.store.stats(1).worstRated).toEqual([{ entryId: ENTRY, up: 0, down: 1 }]);
    } finally {
      failing.cleanup();
    }
  });

  it('passes other callbacks on', async () => {
    await t.callback(USER, 'q:qaim-handover');
    expect(t.calls).toEqual([]);
  });

  it('marks only feedback buttons and can move the mark', () => {
    const once = markFeedbackButtons(keyboard(), 1);
    const twice = markFeedbackButtons(once, -1);
    expect(twice.inline_keyboard.flat().map((b) => b.text)).toEqual(['👍', '👎 ✓', 'سؤال ذو صلة']);
  });
});
