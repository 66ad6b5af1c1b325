import { stemmer as snowball } from '@orama/stemmers/arabic';
import { CHAT_FILLER, FRAME_WORDS, MORE_SYNONYMS, QUESTION_WORDS, STOPWORDS, SYNONYMS } from './lexicon.ts';
import { normalize } from './normalize.ts';
import { lightStem, stripArticle, variants } from './stem.ts';

export type TermKind = 'content' | 'qword';

export interface Term {
  /** Index key: a concept (`#troops`), a question marker (`?when`) or a light stem. */
  readonly term: string;
  readonly kind: TermKind;
  /** The normalized word it came from. */
  readonly surface: string;
}

function normalizedKeys(words: readonly string[]): string[] {
  return words.map(normalize).filter((w) => w.length > 0 && !w.includes(' '));
}

const qwordMap = new Map<string, string>();
for (const [marker, words] of Object.entries(QUESTION_WORDS)) {
  for (const w of normalizedKeys(words)) qwordMap.set(w, marker);
}
// forms of address and intensifiers («يا خبير», «يا غالي», «كتير») are chat around a question, never its topic
const stopwords = new Set(normalizedKeys([...STOPWORDS, ...FRAME_WORDS, ...CHAT_FILLER]));
const synonymMap = new Map<string, string>();
for (const [concept, words] of [...Object.entries(SYNONYMS), ...Object.entries(MORE_SYNONYMS)]) {
  if (concept.startsWith('?')) {
    for (const w of normalizedKeys(words)) qwordMap.set(w, concept);
    continue;
  }
  for (const w of normalizedKeys(words)) {
    synonymMap.set(w, concept);
    const bare = stripArticle(w);
    if (!synonymMap.has(bare)) synonymMap.set(bare, concept);
  }
}
// Snowball stems of the synonyms catch verb and plural forms the lists do not spell out
// (انضرب → ضرب). Checked only after the literal forms, and never overriding them.
const snowballMap = new Map<string, string>();
for (const [word, concept] of synonymMap) {
  const st = snowball(word);
  if (st.length >= 3 && !synonymMap.has(st) && !snowballMap.has(st)) snowballMap.set(st, concept);
}

/** Surface forms the lexicon knows (for typo correction against them). */
export function lexiconSurfaces(): ReadonlyMap<string, string> {
  return synonymMap;
}

/** Words that open a question and mean "who" when they stand first. */
const WHO_FIRST = new Set(['من']);

/**
 * Resolve one normalized word: question marker, stopword (null), synonym concept, or light stem.
 * Exported for typo correction, which re-resolves a corrected word.
 */
export function resolveWord(word: string, position: number): Term | null {
  if (position === 0 && WHO_FIRST.has(word)) return { term: '?who', kind: 'qword', surface: word };
  const q = qwordMap.get(word);
  if (q) return { term: q, kind: 'qword', surface: word };
  if (stopwords.has(word)) return null;
  // a clitic on a short function word: لأي، وهل، فما، بهذا
  if (word.length >= 2 && 'وفبلك'.includes(word[0] ?? '') && !synonymMap.has(word)) {
    const rest = word.slice(1);
    const qr = qwordMap.get(rest);
    if (qr) return { term: qr, kind: 'qword', surface: word };
    if (stopwords.has(rest)) return null;
  }
  for (const v of variants(word)) {
    const concept = synonymMap.get(v);
    if (concept) return { term: concept, kind: 'content', surface: word };
    const qv = qwordMap.get(v);
    if (qv) return { term: qv, kind: 'qword', surface: word };
    if (v !== word && stopwords.has(v)) return null;
  }
  if (word.length >= 4) {
    const st = snowball(word);
    const concept = synonymMap.get(st) ?? snowballMap.get(st);
    if (concept) return { term: concept, kind: 'content', surface: word };
  }
  if (word.length < 2 && !/\d/.test(word)) return null;
  return { term: lightStem(word), kind: 'content', surface: word };
}

/**
 * Multi-word expressions that mean one thing, on normalized text: «إلى جانب القائم» and «بالإضافة إلى
 * القائم» ask about the bases other than Al-Qaim, as «غير القائم» does.
 */
const PHRASES: ReadonlyArray<readonly [RegExp, string]> = [
  [/(^| )(?:و|ف)?(?:الي جانب|بالاضافه الي|اضافه الي|فضلا عن)(?= |$)/g, '$1عدا'],
  // the United Kingdom is Britain, not the United States' «المتحده»
  [/(^| )(?:[وفب]?(?:ال|لل)|[وفبل])?مملكه المتحده(?= |$)/g, '$1بريطانيا'],
  // a vocative is address, not content: «شو القصة يا جماعة؟» asks about the story, not about a group
  [
    /(^| )يا (?:جماعه|جماعتي|شباب|رجال|رجاله|زلمه|اخوان|اخوانا|اخواني|ناس|عالم|حبايب|اخي|خوي|اخوي|عمي|حبيبي|غالي|زول|ابني|بنتي|اخت|اختي|استاذ|شيخ|باشا|معلم)(?= |$)/g,
    '$1',
  ],
  // «شلون عرفوا وين القصف؟», «كيف علموا»: how something became known asks for the source, and so does
  // where it came from: «اماكن القصف من وين جايبينها؟», «منين جات المعلومات؟»
  [
    /(^| )(?:و|ف)?(?:كيف|شلون|ازاي|كيفاش|منين|من وين|من اين) (?:عرف|عرفو|عرفوا|عرفت|عرفنا|يعرفون|يعرفو|علم|علمو|علموا|علمت)(?:ها|ه|هم)?(?= |$)/g,
    '$1مصدر',
  ],
  [
    /(^| )(?:و|ف)?(?:منين|من وين|من اين|من فين) (?:جاب|جابو|جابوا|جايب|جايبين|جابت|جايبه|جات|جت|اجت|جاءت|اتت|جاي|جايه)(?:ها|ه|هم)?(?= |$)/g,
    '$1مصدر',
  ],
  [
    /(^| )(?:جاب|جابو|جابوا|جايب|جايبين|جابت|جايبه|عرفو|عرفوا)(?:ها|ه|هم)? (?:منين|من وين|من اين|من فين)(?= |$)/g,
    '$1مصدر',
  ],
];

/** Hundreds written out («تلات مية», «ثلاثمائة», «ميتين») → digits, so «تلاث مية عنصر» finds «300 عنصر». */
const UNITS: ReadonlyArray<readonly [string, number]> = [
  ['ثلاث|تلات|تلاث|ثلث|تلت', 3],
  ['اربع|ربع', 4],
  ['خمس', 5],
  ['ست|سته', 6],
  ['سبع', 7],
  ['ثمان|تمن|ثمن|تمان', 8],
  ['تسع', 9],
];
const HUNDRED = 'مئه|ميه|مايه|مائه|ميت';
const HUNDRED_WORDS: ReadonlyArray<readonly [RegExp, string]> = [
  ...UNITS.map(([u, n]) => [new RegExp(`(^| )(?:${u}) ?(?:${HUNDRED})(?= |$)`, 'g'), `$1${n}00`] as const),
  [/(^| )(?:ميتين|مئتين|مئتان|ماتين|ميتان)(?= |$)/g, '$1200'],
];

export function rewriteNumbers(normalized: string): string {
  let out = normalized;
  for (const [re, to] of HUNDRED_WORDS) out = out.replace(re, to);
  return out;
}

/** Rewrite multi-word expressions to the one word the lexicon knows them by. */
export function rewritePhrases(normalized: string): string {
  let out = rewriteNumbers(normalized);
  for (const [re, to] of PHRASES) out = out.replace(re, to);
  return out;
}

/** Normalized text → terms (stopwords dropped, dialect mapped, clitics stripped, synonyms folded). */
export function tokenizeNormalized(normalized: string): Term[] {
  if (!normalized) return [];
  const words = rewritePhrases(normalized).split(' ');
  const out: Term[] = [];
  let pos = 0;
  for (const w of words) {
    // "هل" / "و" before a question word keep "من" in question position
    const term = resolveWord(w, pos);
    if (term) out.push(term);
    if (!(w === 'هل' || w === 'و' || w === 'طيب' || w === 'يا')) pos++;
  }
  return out;
}

export function tokenize(text: string): Term[] {
  return tokenizeNormalized(normalize(text));
}
