/**
 * Light stemming for normalized Arabic tokens (after ة→ه, أ→ا …): strips clitic prefixes
 * (و ف ب ل ك ال وال بال لل …) and common suffixes (ها هم ات ون ين …), never below three letters.
 * Light on purpose: broken plurals and synonyms are handled by the lexicon, not by root extraction.
 */

const PREFIXES = ['وبال', 'وكال', 'فبال', 'وال', 'فال', 'بال', 'كال', 'ولل', 'فلل', 'ال', 'لل'];
const ONE_LETTER_PREFIXES = ['و', 'ف', 'ب', 'ل', 'ك'];
// ا: the accusative ending (قتيلا، هجوما، ثلاثا); وا: plural verbs (ضربوا، انسحبوا)
const SUFFIXES = [
  'هما',
  'كما',
  'تين',
  'تان',
  'ات',
  'ون',
  'ين',
  'ان',
  'وا',
  'ها',
  'هم',
  'هن',
  'كم',
  'نا',
  'يه',
  'ه',
  'ي',
  'ا',
];

const MIN_STEM = 3;

/** Remove the definite article / conjunction+article / preposition+article prefixes. */
export function stripArticle(token: string): string {
  for (const p of PREFIXES) {
    if (token.startsWith(p) && token.length - p.length >= 2) return token.slice(p.length);
  }
  return token;
}

/** Candidate forms of a token, most literal first: the lexicon and index use the first that is known. */
export function variants(token: string): string[] {
  const out = [token];
  const add = (v: string) => {
    if (v.length >= 2 && !out.includes(v)) out.push(v);
  };
  const noArticle = stripArticle(token);
  add(noArticle);
  // single-letter clitic (و ف ب ل ك) on a word without the article
  if (noArticle === token && token.length - 1 >= MIN_STEM && ONE_LETTER_PREFIXES.includes(token[0] ?? '')) {
    const rest = token.slice(1);
    add(rest);
    add(stripArticle(rest));
  }
  // dialect verb prefixes: بيطلعوا/بتنسحب (present), حيطلعوا (future), انضرب/اتضربت (passive)
  if (/^[بح][يتن]/.test(token) && token.length >= 5) add(token.slice(1));
  // Iraqi «د» (ديسحبون), Egyptian «ه» (هينقلوا), Moroccan «ك»/«غ» (كيتلاحقو، غيمشيو): present and future
  if (/^[دهكغ][يتن]/.test(token) && token.length >= 5) add(token.slice(1));
  // Yemeni and Hadrami future «با»: بايسحبوا، باتنسحب
  if (/^با[يتن]/.test(token) && token.length >= 6) add(token.slice(2));
  // negation wrapped around the verb: ماينسحبوش، مابيطلعوش
  const negated = /^ما(.{3,})ش$/.exec(token);
  if (negated?.[1]) add(negated[1]);
  if (/^(ان|ات)/.test(token) && token.length >= 5) add(token.slice(2));
  // plural verbs typed without the final alef: راحو، انسحبو، يطلعو
  for (const v of [...out]) if (v.endsWith('و') && v.length >= 4) add(`${v}ا`);
  for (const v of [...out]) add(stripSuffix(v));
  return out;
}

export function stripSuffix(token: string): string {
  for (const s of SUFFIXES) {
    if (token.endsWith(s) && token.length - s.length >= MIN_STEM) return token.slice(0, -s.length);
  }
  return token;
}

/** The fully light-stemmed form: article/clitic and one suffix removed. */
export function lightStem(token: string): string {
  const v = variants(token);
  return v[v.length - 1] ?? token;
}
