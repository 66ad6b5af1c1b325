import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldDigits, hasArabic, normalize } from '../../src/arabic/normalize.ts';

describe('normalize', () => {
  it.each([
    ['كَمْ عَدَدُ الجُنُودِ؟', 'كم عدد الجنود'],
    ['الـــقـــائم', 'القايم'],
    ['أحمد إيران آمن ٱلعراق', 'احمد ايران امن العراق'],
    ['مستشفى', 'مستشفي'],
    ['قاعدة', 'قاعده'],
    ['مسؤول', 'مسوول'],
    ['٣٠٠ جندي', '300 جندي'],
    ['۳۰۰', '300'],
    ['«التاجي»، الكويت؛ بغداد!', 'التاجي الكويت بغداد'],
    ['\u200fمرحبا\u200e \u200bيا\u2066 صديقي\u2069', 'مرحبا يا صديقي'],
    ['ﻣﺮﺣﺒﺎ', 'مرحبا'], // presentation forms
    ['كيففففف', 'كيف'],
    ['  \n\t ', ''],
    ['Hello WORLD 🙂 يا', 'hello world يا'],
    ['گاعدة چم', 'كاعده جم'],
  ])('%s → %s', (input, expected) => {
    expect(normalize(input)).toBe(expected);
  });

  it('is idempotent and never throws, for any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
        const once = normalize(s);
        expect(normalize(once)).toBe(once);
        expect(once).not.toMatch(/\s{2}|^\s|\s$/);
      }),
    );
  });

  it('diacritics and tatweel never change the normalized form', () => {
    const marks = ['\u064B', '\u064E', '\u064F', '\u0650', '\u0651', '\u0652', '\u0670', '\u0640'];
    fc.assert(
      fc.property(
        fc.constantFrom('كم عدد الجنود', 'متى سلمت قاعدة القائم', 'هجوم التاجي'),
        fc.array(fc.constantFrom(...marks), { maxLength: 6 }),
        (base, inserted) => {
          let s = base;
          for (const m of inserted) {
            const at = 1 + Math.floor(s.length / 2);
            s = s.slice(0, at) + m + s.slice(at);
          }
          expect(normalize(s)).toBe(normalize(base));
        },
      ),
    );
  });

  it('folds digits and detects Arabic', () => {
    expect(foldDigits('٠١٢٣٤٥٦٧٨٩')).toBe('0123456789');
    expect(hasArabic('hello')).toBe(false);
    expect(hasArabic('hello مرحبا')).toBe(true);
  });
});
