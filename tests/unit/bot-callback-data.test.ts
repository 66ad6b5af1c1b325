import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCallback, encodeCallback, MAX_CALLBACK_BYTES } from '../../src/bot/callback-data.ts';
import { topicListScreen, topicPageScreen } from '../../src/bot/features/topics.ts';
import { feedbackRow, questionRows, tryEncode } from '../../src/bot/keyboards.ts';
import { loadKnowledge } from '../../src/knowledge/load.ts';

describe('callback data codec', () => {
  it('round-trips actions and arguments', () => {
    const data = encodeCallback('tp', 'qaim', 2);
    expect(data).toBe('tp:qaim:2');
    expect(decodeCallback(data)).toEqual({ action: 'tp', args: ['qaim', '2'] });
    expect(decodeCallback(encodeCallback('fb', 'qaim-troop-count', '-1'))).toEqual({
      action: 'fb',
      args: ['qaim-troop-count', '-1'],
    });
  });

  it('refuses to encode unsafe or oversized data', () => {
    expect(() => encodeCallback('q', 'عربي')).toThrow();
    expect(() => encodeCallback('q', 'a:b')).toThrow();
    expect(() => encodeCallback('q', 'x'.repeat(70))).toThrow();
    expect(tryEncode('q', 'x'.repeat(70))).toBeNull();
  });

  it.each([undefined, null, 42, '', ':', 'q:عربي', 'q:<script>', 'x'.repeat(65), 'q:a b'])(
    'forged data %s decodes to null',
    (data) => {
      expect(decodeCallback(data)).toBeNull();
    },
  );

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 100 }), (s) => {
        const d = decodeCallback(s);
        if (d) expect(Buffer.byteLength(s)).toBeLessThanOrEqual(MAX_CALLBACK_BYTES);
      }),
    );
  });

  it('every button the bot builds for the real knowledge fits in 64 bytes and decodes', () => {
    const kb = loadKnowledge('knowledge');
    const rows = [
      ...topicListScreen(kb).keyboard,
      ...kb.topics.flatMap((t) => {
        const out = [];
        for (let page = 0; ; page++) {
          const screen = topicPageScreen(kb, t.id, page);
          if (!screen) break;
          out.push(...screen.keyboard);
        }
        return out;
      }),
      ...questionRows(
        kb.entries.map((e) => ({ entryId: e.id, question: e.questions[0]! })),
        1000,
      ),
      ...kb.entries.map((e) => feedbackRow(e.id)!),
    ];
    expect(rows.length).toBeGreaterThan(kb.entries.length);
    for (const button of rows.flat()) {
      const data = 'callback_data' in button ? button.callback_data : '';
      expect(Buffer.byteLength(data)).toBeLessThanOrEqual(MAX_CALLBACK_BYTES);
      expect(decodeCallback(data)).not.toBeNull();
    }
  });
});
