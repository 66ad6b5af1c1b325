import { stemmer as snowball } from '@orama/stemmers/arabic';
import { CHAT_OPENERS, PLACE_AND_PARTY_CONCEPTS } from '../arabic/lexicon.ts';
import { normalize } from '../arabic/normalize.ts';
import { stripArticle, variants } from '../arabic/stem.ts';
import { resolveWord, rewritePhrases, type Term } from '../arabic/tokenize.ts';
import { isTypical, qwordWeight, type SearchIndex, smalltalkTerms, smalltalkWords } from './index.ts';

/** A query term with its weight and how surely it was recognised (1 exact, less for a typo fix). */
export interface QueryTerm {
  readonly term: string;
  readonly kind: Term['kind'];
  readonly weight: number;
  readonly sim: number;
  /** True when the knowledge never uses this term (after typo correction). */
  readonly unknown: boolean;
  /** An unknown word that names a place, person or party (gazetteer): surely another topic. */
  readonly foreign?: boolean;
  /** A word the knowledge only uses in passing (see `incidental`, index.ts): counted at a discount. */
  readonly incidental?: boolean;
}

export interface Analysis {
  readonly terms: readonly QueryTerm[];
  /** Σ weight of every term (the query's information) */
  readonly total: number;
  /** Σ weight of content terms */
  readonly content: number;
  /**
   * The content an entry must explain to count as covering the question: known terms in full,
   * words the knowledge never uses at a discount (often unseen wording, not a different topic),
   * while a known term another entry owns counts fully against.
   */
  readonly coverBase: number;
}

const SIM_BY_DISTANCE = [1, 0.8, 0.65];
const UNKNOWN_COVER_SHARE = 0.5;
const STEM_SIM = 0.8;
/**
 * How much a word the knowledge only uses in passing weighs, against its rarity. Writers' paraphrases
 * carry dialect particles and filler («با», «بي», «تاع», «يسعدك») that one or two questions of some
 * entry happen to hold; at full weight such a word, rare and so heavy, drowned the words the question
 * is about («كم جندي با ينقلوا من القائم» was «لا أعرف»). Chosen on users.jsonl (rounds 10–11) and dev:
 * 0.5 took users top-1 from 1036 to 1060 of 1147 and confident wrong answers from 17 to 16, with
 * out-of-scope rejection 452 → 453 of 508 and dev unchanged; 0.3 gained 3 more right answers and lost
 * an out-of-scope rejection. Without the exception for words of the unanswerable questions (index.ts),
 * users and dev each lost one rejection («ما عاصمة الكويت؟» got the Kuwait fact); without the typo rule
 * in `correct`, users lost four.
 */
const INCIDENTAL_SHARE = 0.5;
const LATIN = /^[\p{Script=Latin}\p{M}]+$/u;

/**
 * A report term an unseen word may be read as: never one the knowledge only uses in passing, a guess
 * that buys nothing, while an unseen word says more (often another topic: «السفارة» is no typo of one
 * paraphrase's «السيارة»).
 */
function fixTarget(index: SearchIndex, t: Term | null | undefined): t is Term {
  return !!t && t.kind === 'content' && index.idf.has(t.term) && !index.incidental.has(t.term);
}

function correct(index: SearchIndex, word: string, pos: number): { term: Term; sim: number } | null {
  // an unseen form of a knowledge word (المنسحبة ← المنسحبين): same Snowball stem
  const byStem = word.length >= 5 ? index.stems.get(snowball(word)) : undefined;
  if (fixTarget(index, byStem)) return { term: byStem, sim: STEM_SIM };
  for (const form of new Set([word, stripArticle(word)])) {
    for (const hit of index.fuzzy.lookup(form)) {
      const t = index.knownWords.get(hit.word) ?? resolveWord(hit.word, pos);
      if (fixTarget(index, t)) {
        return { term: t, sim: SIM_BY_DISTANCE[hit.distance] ?? 0.6 };
      }
    }
  }
  return null;
}

/**
 * Iraq, the Gulf and the Bedouin say «ق» as «گ», typed «ك» (or «گ», which normalizes to «ك»): «منو
 * يكود التحالف», «الكاعده», «انكبض». An unseen word read with «ق» for its «ك» that is a report word is
 * that word, and is never split into two. Round 14: +4 right answers; users, rounds 12 and 13 and dev
 * unchanged.
 */
const SPOKEN_QAF_SIM = 0.9;
function spokenQaf(index: SearchIndex, word: string, pos: number): { term: Term; sim: number } | null {
  if (!word.includes('ك')) return null;
  const t = resolveWord(word.replaceAll('ك', 'ق'), pos);
  return fixTarget(index, t) ? { term: t, sim: SPOKEN_QAF_SIM } : null;
}

/** Does this word mean something to the index (a report term, a question word or a stopword)? */
function known(index: SearchIndex, word: string): boolean {
  const t = resolveWord(word, 1);
  return t === null || t.kind === 'qword' || index.idf.has(t.term);
}

/**
 * Words typed without a space («فيالهجوم», «نيةالتحالف»): when a word is unknown but splits into
 * two known words, use the two. A lone «ع» (for «على») is dropped as a particle.
 */
export function splitRunTogether(index: SearchIndex, word: string): string[] {
  if (word.length < 4 || known(index, word) || spokenQaf(index, word, 1)) return [word];
  // «ع» is «على» written onto the next word in the Levant and the Gulf: «عحدود», «عالتاجي»
  if (word.startsWith('ع')) {
    const r = resolveWord(word.slice(1), 1);
    if (r && r.kind === 'content' && index.idf.has(r.term)) return ['ع', word.slice(1)];
  }
  // «ش» is «شو» (what) written onto the next word in Iraq and the Levant: «شعلاقة», «شسالفة»
  if (word.startsWith('ش')) {
    const r = resolveWord(word.slice(1), 1);
    if (r && r.kind === 'content' && index.idf.has(r.term)) return ['شو', word.slice(1)];
  }
  if (word.length < 5) return [word];
  for (let i = 2; i <= word.length - 3; i++) {
    const left = word.slice(0, i);
    const right = word.slice(i);
    const r = resolveWord(right, 1);
    if (r && r.kind === 'content' && index.idf.has(r.term) && known(index, left)) return [left, right];
  }
  return [word];
}

/** Words that name a number («عدد القوات») rather than ask for one («كم»). */
const COUNT_NOUNS = new Set(['عدد', 'العدد', 'اعداد', 'الاعداد', 'بعدد', 'وعدد']);

/** Normalized query → weighted terms against this index. */
/** Resolve one query word against the index: question marker, known term, typo fix, or unknown. */
function termFor(index: SearchIndex, w: string, pos: number): QueryTerm | null {
  const resolved = resolveWord(w, pos);
  if (!resolved) return null;
  if (resolved.kind === 'qword') {
    return { term: resolved.term, kind: 'qword', weight: qwordWeight(resolved.term), sim: 1, unknown: false };
  }
  const idf = index.idf.get(resolved.term);
  if (idf !== undefined) {
    const incidental = index.incidental.has(resolved.term);
    const weight = incidental ? idf * INCIDENTAL_SHARE : idf;
    return { term: resolved.term, kind: 'content', weight, sim: 1, unknown: false, incidental };
  }
  // Latin fragments in an Arabic question (names, "how many") carry no topic we could match.
  if (LATIN.test(w)) return null;
  // Not typo-fixed into a report word: a name the report never mentions (الموصل is not الموصلة) and a
  // small-talk word (السلام is not السلاح) are real words of their own.
  const foreign = variants(w).some((v) => index.foreignNames.has(v));
  const chat = index.smalltalkVocab.has(smalltalkWords(w)[0] ?? w);
  const fixed = foreign || chat ? null : (correct(index, w, pos) ?? spokenQaf(index, w, pos));
  if (fixed) {
    const weight = index.idf.get(fixed.term.term)!;
    return { term: fixed.term.term, kind: 'content', weight, sim: fixed.sim, unknown: false };
  }
  return {
    term: resolved.term,
    kind: 'content',
    weight: index.unknownWeight,
    sim: 0,
    unknown: true,
    foreign,
  };
}

/**
 * Word-level results are pure functions of (index, word, first-or-not), so they are memoized per index:
 * users repeat words, and typo lookups and run-together splits are the costly part of a query.
 */
const MEMO_LIMIT = 50_000;
const memos = new WeakMap<SearchIndex, Map<string, QueryTerm | null | string[]>>();
function memo<T extends QueryTerm | null | string[]>(index: SearchIndex, key: string, compute: () => T): T {
  let m = memos.get(index);
  if (!m) {
    m = new Map();
    memos.set(index, m);
  }
  if (m.has(key)) return m.get(key) as T;
  const v = compute();
  if (m.size >= MEMO_LIMIT) m.clear();
  m.set(key, v);
  return v;
}

/** Normalized query → weighted terms against this index. */
export function analyzeQuery(index: SearchIndex, normalized: string): Analysis {
  const text = rewritePhrases(normalized);
  let words = text.split(' ').filter(Boolean);
  const folded = smalltalkWords(text);
  const withoutSmalltalk = words.filter((_, i) => !index.smalltalkOnly.has(folded[i] ?? ''));
  if (withoutSmalltalk.length > 0) words = withoutSmalltalk;
  words = words.flatMap((w) => memo(index, `s:${w}`, () => splitRunTogether(index, w)));

  const best = new Map<string, QueryTerm>();
  let pos = 0;
  let countAsked = false;
  for (const w of words) {
    const at = pos;
    const qt = memo(index, `${at === 0 ? 'f' : 'w'}:${w}`, () => termFor(index, w, at));
    if (!(w === 'هل' || w === 'و' || w === 'يا')) pos++;
    if (!qt) continue;
    if (qt.term === '?howmany' && !COUNT_NOUNS.has(w)) countAsked = true;
    const prev = best.get(qt.term);
    if (!prev || prev.weight * prev.sim < qt.weight * qt.sim) best.set(qt.term, qt);
  }
  // «هل سيتغير إجمالي عدد القوات؟» asks yes or no about a number; only «كم» (or no other question word)
  // makes «عدد» ask for one
  if (best.has('?yesno') && best.has('?howmany') && !countAsked) best.delete('?howmany');
  const terms = [...best.values()];
  let total = 0;
  let content = 0;
  let coverBase = 0;
  for (const t of terms) {
    total += t.weight;
    if (t.kind === 'content') {
      content += t.weight;
      coverBase += (t.unknown && !t.foreign) || t.incidental ? UNKNOWN_COVER_SHARE * t.weight : t.weight;
    }
  }
  return { terms, total, content, coverBase };
}

/** The recognised terms of a query with how surely each was recognised, for the classifier. */
export function queryTerms(analysis: Analysis): Map<string, number> {
  return new Map(analysis.terms.filter((t) => !t.unknown).map((t) => [t.term, t.sim]));
}

/** «يوم كام في الشهر؟» asks for a date, not a count of months. */
const DATE_UNITS = new Set(['شهر', 'تاريخ', 'اسبوع']);

/**
 * What a «كم» question counts: the first recognised content word after the question word («كم صاروخ
 * سقط…» → rockets, «كم عدد الجنود…» → troops), else the last one before it («الجنود كم عددهم»).
 */
export function countedTerm(analysis: Analysis): string | null {
  const at = analysis.terms.findIndex((t) => t.term === '?howmany');
  if (at < 0) return null;
  const isNoun = (t: QueryTerm) => t.kind === 'content' && !t.unknown && !DATE_UNITS.has(t.term);
  const after = analysis.terms.slice(at + 1).find(isNoun);
  return (after ?? [...analysis.terms.slice(0, at)].reverse().find(isNoun))?.term ?? null;
}

export interface EntryScore {
  readonly entry: number;
  readonly score: number;
  /** share of the query's content weight this entry explains (questions and answer together) */
  readonly cover: number;
}

/** How much of a doc's score an answer text can give (answers are long and less specific). */
const ANSWER_FACTOR = 0.7;
/** How much the entry's paraphrases together (vs the single best question) count for query coverage. */
const ENTRY_COVER_SHARE = 0.5;
/** Posting lists longer than this only re-score candidates found through rarer terms. */
const COMMON_POSTINGS = 1500;
const CHECKED_KINDS = new Set(['?howmany', '?when']);
const ANSWER_KIND_PENALTY = 0.75;
/**
 * Content terms that say WHAT is asked rather than about what: «ما اسم الجندي البريطاني…؟» asks for a
 * name, «ما نوع الصواريخ…؟» for a kind. An entry none of whose questions or answer speak of names
 * cannot answer it, however well it matches the rest (the British soldier), so it is penalised like a
 * «كم» entry without a number.
 */
const FACETS: ReadonlyMap<string, string> = new Map([
  ['#name', 'name'],
  ['#names', 'name'],
  ['#kind', 'kind'],
  // «هل ردت إيران؟», «بريطانيا شو ردت؟»: a question about a response is only answered by an entry that
  // speaks of one (the report describes the American response alone)
  ['#respond', '#respond'],
  // A named place or party works the same way in an open question: «كم عدد الجرحى في القيارة؟» is not
  // answered by an entry that never mentions Al-Qayyarah, however well «كم عدد الجرحى» fits it. Not in a
  // yes/no question, whose wrong name is often the premise the entry corrects («هل تقود بريطانيا التحالف؟»).
  ...PLACE_AND_PARTY_CONCEPTS.map((c): [string, string] => [c, c]),
]);
const OPEN_QUESTION_FACETS = new Set(PLACE_AND_PARTY_CONCEPTS);
/** Facets that say what is asked of something: they must sit next to that something in one text. */
const BOUND_FACETS = new Set(['#name', '#names', '#kind']);

/**
 * Score entries: for each doc that shares a term with the query, combine query coverage
 * (how much of the query the doc explains) with doc coverage (how much of the doc the query asks).
 * Entry score = its best doc. Only docs reached through the inverted index are looked at.
 */
/** Per-index scratch buffers for scoring (reset after each query; JavaScript runs one query at a time). */
interface Scratch {
  matched: Float64Array;
  docSide: Float64Array;
  touched: number[];
}
const scratches = new WeakMap<SearchIndex, Scratch>();
function scratchFor(index: SearchIndex): Scratch {
  let s = scratches.get(index);
  if (!s) {
    s = {
      matched: new Float64Array(index.docs.length),
      docSide: new Float64Array(index.docs.length),
      touched: [],
    };
    scratches.set(index, s);
  }
  return s;
}

export function scoreEntries(index: SearchIndex, analysis: Analysis, limit: number): EntryScore[] {
  if (analysis.content <= 0) return [];
  // asked for a facet no entry speaks of («ما نوع الصواريخ…؟» when the report never gives a kind):
  // no entry can answer it, however well the rest matches
  if (analysis.terms.some((t) => t.unknown && FACETS.has(t.term))) return [];
  const { matched, docSide, touched } = scratchFor(index);
  // Σ weight of the query terms found in ANY question of an entry: its paraphrases together
  const entryCover = new Map<number, number>();
  // entries reached through a content term (not only through كم، متى …)
  const topical = new Set<number>();
  // Σ weight of the query's content terms found anywhere in an entry (answer included)
  const contentCover = new Map<number, number>();
  // per facet the query asks for (typed, not guessed from a typo): the entries that speak of it
  const facets = new Map<string, Set<number>>();
  const yesNo = analysis.terms.some((t) => t.term === '?yesno');
  for (const t of analysis.terms) {
    const facet = FACETS.get(t.term);
    if (facet && t.sim === 1 && !(yesNo && OPEN_QUESTION_FACETS.has(t.term))) facets.set(facet, new Set());
  }
  try {
    // Rarest terms first: they bring the candidates. A term so common that its posting list is longer
    // than COMMON_POSTINGS adds no new candidates, it only scores the ones already found, so a query's
    // cost stays bounded however large the knowledge grows.
    const ordered = analysis.terms.filter((t) => !t.unknown).sort((a, b) => b.weight - a.weight);
    for (const t of ordered) {
      const all = index.postings.get(t.term);
      if (!all) continue;
      const list =
        all.length > COMMON_POSTINGS && touched.length > 0
          ? touched.filter((id) => index.docs[id]!.terms.has(t.term)).sort((a, b) => a - b)
          : all;
      const w = t.weight * t.sim;
      let lastEntry = -1;
      let lastContentEntry = -1;
      for (const id of list) {
        const doc = index.docs[id]!;
        if (matched[id] === 0) touched.push(id);
        matched[id]! += w;
        docSide[id]! += (doc.terms.get(t.term) ?? 0) * t.sim;
        if (doc.kind !== 'answer' && doc.entry !== lastEntry) {
          // postings are in doc order and an entry's docs are contiguous: count each entry once per term
          entryCover.set(doc.entry, (entryCover.get(doc.entry) ?? 0) + w);
          lastEntry = doc.entry;
        }
        if (t.kind === 'content' && doc.entry !== lastContentEntry) {
          const facet = FACETS.get(t.term);
          if (facet) facets.get(facet)?.add(doc.entry);
          topical.add(doc.entry);
          contentCover.set(doc.entry, (contentCover.get(doc.entry) ?? 0) + w);
          lastContentEntry = doc.entry;
        }
      }
    }
    const byEntry = new Map<number, number>();
    for (const id of touched) {
      const doc = index.docs[id]!;
      const cqDoc = matched[id]! / analysis.total;
      // the unanswerable questions are unrelated to each other: only one of them at a time can match a
      // message, never a patchwork of their words
      const together =
        doc.entry === index.unanswerable ? 0 : (entryCover.get(doc.entry) ?? 0) / analysis.total;
      const cqEntry = Math.max(cqDoc, together);
      const cq = ENTRY_COVER_SHARE * cqEntry + (1 - ENTRY_COVER_SHARE) * cqDoc;
      const cd = docSide[id]! / doc.norm;
      const s = doc.kind === 'answer' ? ANSWER_FACTOR * cqDoc * (0.85 + 0.15 * cd) : cq * (0.6 + 0.4 * cd);
      if (s > (byEntry.get(doc.entry) ?? 0)) byEntry.set(doc.entry, s);
    }
    // An entry whose answer holds no number cannot answer «كم»; none with a time cannot answer «متى».
    const asks = analysis.terms
      .filter((t) => t.kind === 'qword' && CHECKED_KINDS.has(t.term))
      .map((t) => t.term);
    // «ما أسماء الجنود الذين قتلوا؟»: an entry that speaks of names of something else (the bases, the
    // factions) does not give the soldiers' names. A name or kind facet counts only for an entry with a
    // text that holds it together with another content term of the question, when the question has one.
    const isBound = (t: QueryTerm) => t.kind === 'content' && !t.unknown && !FACETS.has(t.term);
    const bound = analysis.terms.filter(isBound);
    analysis.terms.forEach((t, i) => {
      const f = FACETS.get(t.term);
      if (!f || !BOUND_FACETS.has(t.term) || bound.length === 0 || !facets.has(f)) return;
      // what the name or kind is of: the term right after it when there is one («اسم قائد القاعدة»)
      const object = analysis.terms.slice(i + 1).find(isBound);
      const with_ = object ? [object] : bound;
      const ok = new Set<number>();
      for (const id of touched) {
        const d = index.docs[id]!;
        if (d.terms.has(t.term) && with_.some((b) => d.terms.has(b.term))) ok.add(d.entry);
      }
      facets.set(f, ok);
    });
    const facetSets = [...facets.values()];
    const counted = asks.includes('?howmany') ? countedTerm(analysis) : null;
    const kindFit = (entry: number) =>
      // the unanswerable questions answer any kind of question with «لا أعرف»
      entry === index.unanswerable ||
      (asks.every((k) => index.answerKinds[entry]?.has(k)) &&
        facetSets.every((f) => f.has(entry)) &&
        (counted === null || index.answerCounts[entry]?.has(counted)))
        ? 1
        : ANSWER_KIND_PENALTY;
    const out: EntryScore[] = [];
    for (const [entry, score] of byEntry) {
      if (!topical.has(entry)) continue;
      const cover = (contentCover.get(entry) ?? 0) / analysis.coverBase;
      out.push({ entry, score: Math.min(1, score * kindFit(entry)), cover });
    }
    out.sort((a, b) => b.score - a.score || a.entry - b.entry);
    return out.slice(0, limit);
  } finally {
    for (const id of touched) {
      matched[id] = 0;
      docSide[id] = 0;
    }
    touched.length = 0;
  }
}

/**
 * Which entries a message's content words are typical of (see `isTypical`, index.ts); every entry when
 * it has none. An entry is about a message only when one of its words is typical of it: a message whose
 * only link to an entry is an incidental word of one paraphrase («انت غلطان يا شيخ» and a question
 * «…مكتوبة غلط…») is not a question about it.
 */
export function supportedEntries(index: SearchIndex, analysis: Analysis): (entry: number) => boolean {
  const content = analysis.terms.filter((t) => t.kind === 'content' && !t.unknown);
  if (content.length === 0) return () => true;
  // per entry, the most questions any one content word of the message appears in (∞: in its answer)
  const support = content.map((t) => index.termSupport.get(t.term));
  return (entry) => {
    let best = 0;
    for (const s of support) best = Math.max(best, s?.get(entry) ?? 0);
    return isTypical(best, index.questionCount[entry] ?? 0);
  };
}

const chatOpeners = new Set(CHAT_OPENERS.map(normalize));

export interface SmalltalkScore {
  readonly entry: number;
  readonly score: number;
}

/**
 * Is every content word of the message a small-talk word? Then a report match rests on words like
 * «تمام» (#all) or «يسلمو» (#handover) used as chat, and is no evidence of a report question.
 */
export function onlySmalltalkWords(index: SearchIndex, normalized: string): boolean {
  return smalltalkWords(normalized).every(
    (w) => index.smalltalkVocab.has(w) || resolveWord(w, 1)?.kind !== 'content',
  );
}

/** Small-talk score in [0, 1]: word overlap (typo-tolerant) between the message and a small-talk phrase. */
export function scoreSmalltalk(index: SearchIndex, normalized: string): SmalltalkScore | null {
  // words neither small talk nor report know are dropped; chat filler is dropped by smalltalkTerms
  const words = smalltalkWords(normalized).filter(
    (w) => index.smalltalkVocab.has(w) || resolveWord(w, 1) !== null,
  );
  if (words.length === 0 || index.smalltalkDocs.length === 0) return null;
  const resolved = words.map((w) => {
    if (index.smalltalkVocab.has(w) || index.knownWords.has(w)) return w;
    return index.smalltalkFuzzy.lookup(w)[0]?.word ?? w;
  });
  const q = smalltalkTerms(resolved);
  // a particle of the message («شكرا على المساعدة») only counts against a phrase that has it too
  const particles = [...q].filter((w) => resolveWord(w, 1) === null && !chatOpeners.has(w));
  let best: SmalltalkScore | null = null;
  for (const d of index.smalltalkDocs) {
    let inter = 0;
    for (const w of q) if (d.words.has(w)) inter++;
    if (inter === 0) continue;
    let size = q.size;
    for (const w of particles) if (!d.words.has(w)) size--;
    const score = inter / (size + d.words.size - inter);
    if (!best || score > best.score) best = { entry: d.entry, score };
  }
  // «تسلم ايدك كفيت ووفيت», «صحا خو، واش راك؟ لاباس؟»: several small-talk phrases of one kind strung
  // together match no single phrase well, but every word belongs to that kind's phrases
  if ((best?.score ?? 0) < SMALLTALK_UNION) {
    const covers = (entry: number) => {
      const v = index.smalltalkKindVocab[entry];
      return v !== undefined && [...q].every((w) => v.has(w));
    };
    // the kind whose single phrase matched best goes first
    if (best && covers(best.entry)) return { entry: best.entry, score: SMALLTALK_UNION };
    const entry = index.smalltalkKindVocab.findIndex((_, e) => covers(e));
    if (entry >= 0) return { entry, score: SMALLTALK_UNION };
    // «تمام فهمت مشكور»: phrases of two kinds (an acknowledgement, then thanks) are still all chat; the
    // kind with most of the words answers, the one of the last word on a tie (people close with thanks)
    const words = [...q];
    const last = words.at(-1);
    if (last !== undefined && words.every((w) => index.smalltalkKindVocab.some((v) => v.has(w)))) {
      let pick = -1;
      let most = 0;
      index.smalltalkKindVocab.forEach((v, e) => {
        const n = words.filter((w) => v.has(w)).length + (v.has(last) ? 0.5 : 0);
        if (n > most) {
          pick = e;
          most = n;
        }
      });
      if (pick >= 0) return { entry: pick, score: SMALLTALK_UNION };
    }
  }
  return best;
}

/** The score of a message made only of one small-talk kind's words, spread over several phrases. */
const SMALLTALK_UNION = 0.9;
