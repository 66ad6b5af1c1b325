/**
 * Arabic text normalization: the one place that decides which spellings count as the same.
 * Pure and total: any string in, a normalized string out, never throws.
 */

// Diacritics (tashkeel U+064B–U+065F), superscript alef U+0670, Quranic annotation marks U+06D6–U+06ED.
const DIACRITICS = /[\u064B-\u065F\u0670\u06D6-\u06ED]/g;
const TATWEEL = /\u0640/g;
// Zero-width and bidi controls: ZWSP..RLM, LRE..RLO, LRI..PDI, BOM, soft hyphen, Arabic letter mark.
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF\u00AD\u061C]/g;

const LETTER_FOLD: Readonly<Record<string, string>> = {
  أ: 'ا',
  إ: 'ا',
  آ: 'ا',
  ٱ: 'ا',
  ى: 'ي',
  ة: 'ه',
  ؤ: 'و',
  ئ: 'ي',
  // Persian / Urdu letters that Arabic keyboards and Iraqi/Gulf writers use
  ک: 'ك',
  ی: 'ي',
  ې: 'ي',
  ۀ: 'ه',
  ہ: 'ه',
  ھ: 'ه',
  گ: 'ك',
  چ: 'ج',
  ڤ: 'ف',
  // Maghrebi «g»: «نڨليز» (the English)
  ڨ: 'ق',
  پ: 'ب',
};
const FOLD_RE = new RegExp(`[${Object.keys(LETTER_FOLD).join('')}]`, 'g');

/** Arabic-Indic (U+0660–0669) and Persian (U+06F0–06F9) digits → ASCII. */
export function foldDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (d) => {
    const c = d.charCodeAt(0);
    return String(c >= 0x06f0 ? c - 0x06f0 : c - 0x0660);
  });
}

/**
 * normalize: NFKC (presentation forms → letters), strip diacritics, tatweel and invisible marks,
 * fold letter variants, fold digits, lower-case Latin, everything that is not a letter or a digit
 * (punctuation, emoji, symbols) → space, letters repeated 3+ times → one, whitespace collapsed.
 */
export function normalize(text: string): string {
  if (typeof text !== 'string' || text.length === 0) return '';
  return foldDigits(
    text
      .normalize('NFKC')
      .replace(INVISIBLE, '')
      .replace(DIACRITICS, '')
      .replace(TATWEEL, '')
      .replace(FOLD_RE, (ch) => LETTER_FOLD[ch] ?? ch),
  )
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .replace(/(\p{L})\1{2,}/gu, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/** True when the text has at least one Arabic letter. */
export function hasArabic(text: string): boolean {
  return /[\u0621-\u064A\u0671-\u06D3\uFB50-\uFDFF\uFE70-\uFEFF]/.test(text);
}
