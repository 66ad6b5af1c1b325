import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cutLabel,
  escapeHtml,
  parsedLength,
  renderAnswer,
  sourceLine,
  splitText,
  TELEGRAM_TEXT_LIMIT,
} from '../../src/bot/format.ts';
import { parseHtml } from '../e2e/fake-bot-api.ts';

const noSpace = (s: string) => s.replace(/\s+/g, '');

describe('escapeHtml', () => {
  it('escapes exactly < > &', () => {
    expect(escapeHtml('a < b && c > d "q" \'s\'')).toBe('a &lt; b &amp;&amp; c &gt; d "q" \'s\'');
    expect(escapeHtml('<b>عربي</b>')).toBe('&lt;b&gt;عربي&lt;/b&gt;');
  });

  it('always yields HTML that Telegram parses back to the same visible length', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => {
        const html = escapeHtml(s);
        expect(parseHtml(html)).toHaveLength(s.length);
        expect(parsedLength(html)).toBe(s.length);
      }),
    );
  });
});

describe('splitText', () => {
  it('keeps a short text whole (trimmed)', () => {
    expect(splitText('  سؤال قصير  ')).toEqual(['سؤال قصير']);
    expect(splitText('')).toEqual(['']);
  });

  it('prefers paragraph breaks', () => {
    const a = 'أ'.repeat(60);
    const b = 'ب'.repeat(60);
    expect(splitText(`${a}\n\n${b}`, 100)).toEqual([a, b]);
  });

  it('falls back to sentence ends, then spaces', () => {
    const s1 = `${'كلمة '.repeat(12).trim()}.`;
    const s2 = `${'جملة '.repeat(12).trim()}؟`;
    const pieces = splitText(`${s1} ${s2}`, 80);
    expect(pieces[0]).toBe(s1);
    expect(pieces[1]).toBe(s2);
    const words = splitText('واحد اثنان ثلاثة أربعة خمسة ستة', 12);
    for (const p of words) expect(p.length).toBeLessThanOrEqual(12);
    expect(words.join(' ')).toBe('واحد اثنان ثلاثة أربعة خمسة ستة');
  });

  it('hard-cuts one enormous word without splitting a surrogate pair', () => {
    const pieces = splitText('😀'.repeat(10), 5);
    for (const p of pieces) {
      expect(p.length).toBeLessThanOrEqual(5);
      expect(p).not.toMatch(/[\uD800-\uDBFF]$/);
      expect(p).not.toMatch(/^[\uDC00-\uDFFF]/);
    }
    expect(pieces.join('')).toBe('😀'.repeat(10));
  });

  it('property: pieces fit, are non-empty and lose nothing but whitespace at the cuts', () => {
    const text = fc.array(fc.constantFrom('ب', 'ت', ' ', '\n', '.', '؟', 'x', '😀', '\n\n'), {
      maxLength: 400,
    });
    fc.assert(
      fc.property(text, fc.integer({ min: 2, max: 60 }), (chars, limit) => {
        const s = chars.join('');
        const pieces = splitText(s, limit);
        expect(pieces.length).toBeGreaterThan(0);
        for (const p of pieces) {
          expect(p.length).toBeLessThanOrEqual(limit);
          if (s.trim()) expect(p.length).toBeGreaterThan(0);
        }
        expect(noSpace(pieces.join(''))).toBe(noSpace(s));
      }),
    );
  });

  it('splits a 10,000-character answer into messages Telegram accepts', () => {
    const para = `${'هذه جملة طويلة عن التقرير، '.repeat(30)}وانتهت.`;
    const body = Array.from({ length: 14 }, () => para).join('\n\n');
    expect(body.length).toBeGreaterThan(10_000);
    const messages = renderAnswer({ title: 'سؤال <مهم>', body, footer: sourceLine([3]) });
    expect(messages.length).toBeGreaterThan(2);
    for (const m of messages) expect(parseHtml(m).length).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT);
    expect(messages[0]).toMatch(/^<b>سؤال &lt;مهم&gt;<\/b>\n/);
    expect(messages.at(-1)).toMatch(/📄 المصدر: الفقرة 3$/);
    expect(messages.slice(1, -1).every((m) => !m.includes('📄'))).toBe(true);
  });
});

describe('renderAnswer', () => {
  it('escapes knowledge text and puts the source line under the answer', () => {
    const [only, ...rest] = renderAnswer({ body: 'A < B & C', footer: sourceLine([1, 2]) });
    expect(rest).toEqual([]);
    expect(only).toBe('A &lt; B &amp; C\n\n📄 المصدر: الفقرات 1، 2');
  });

  it('has no footer line when there is no source', () => {
    expect(sourceLine([])).toBeNull();
    expect(renderAnswer({ body: 'نص', footer: sourceLine([]) })).toEqual(['نص']);
  });
});

describe('cutLabel', () => {
  it('cuts long labels with an ellipsis and tidies whitespace', () => {
    expect(cutLabel('  سؤال \n قصير ')).toBe('سؤال قصير');
    const long = cutLabel('س'.repeat(100), 60);
    expect(long).toHaveLength(60);
    expect(long.endsWith('…')).toBe(true);
  });
});
