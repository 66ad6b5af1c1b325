import { stemmer as snowball } from '@orama/stemmers/arabic';
import { NAMES } from '../arabic/gazetteer.ts';
import { CHAT_FILLER } from '../arabic/lexicon.ts';
import { normalize } from '../arabic/normalize.ts';
import { stripArticle, variants } from '../arabic/stem.ts';
import { lexiconSurfaces, resolveWord, type Term, tokenizeNormalized } from '../arabic/tokenize.ts';
import type { KnowledgeBase, KnowledgeEntry, SmalltalkEntry } from '../knowledge/types.ts';
import { type TermClassifier, trainClassifier } from './classifier.ts';
import { FuzzyIndex } from './fuzzy.ts';

/**
 * Weight of a question marker relative to content words. Specific ones (كم، متى، أين، من، لماذا) tell
 * apart entries on the same subject (how many left Al-Qaim vs when); generic ones (ما، هل، كيف) barely.
 */
const QWORD_WEIGHTS: Readonly<Record<string, number>> = {
  '?howmany': 1,
  '?when': 1,
  '?where': 1,
  '?who': 1,
  '?why': 1,
  '?what': 0.3,
  '?yesno': 0.3,
  '?how': 0.5,
};
export function qwordWeight(marker: string): number {
  return QWORD_WEIGHTS[marker] ?? 0.3;
}

/**
 * Weight of a content word the knowledge never uses, relative to the rarest known word. High, because
 * such a word usually means the question is about something else («كم عدد سكان العراق؟»); a little
 * below 1, because some are just wording we have not seen.
 */
const UNKNOWN_FACTOR = 0.85;

/**
 * A term is typical of an entry when its answer or keywords hold it, or at least this share of its
 * questions do. Thousands of paraphrases written by users carry incidental words («…مكتوبة غلط…»).
 * Chosen on the tuning splits (users round 7 and round 8) for the support rule (rank.ts): at 0.04
 * confident wrong answers on round 8 fell from 12 to 9 of 575 and small talk recognised rose from 57 to
 * 59 of 72, with no right answer lost on either split or on dev; 0.02 saved fewer, 0.06–0.1 cost a right
 * answer.
 */
export const MIN_SUPPORT = 0.04;

/** Is a term held by `n` of an entry's `questions` questions (∞: by its answer) typical of it? */
export function isTypical(n: number, questions: number): boolean {
  return n >= Math.max(1, Math.ceil(questions * MIN_SUPPORT));
}

/**
 * A word of the unanswerable questions at least this many times more often (per question) than of the
 * report's questions marks another topic, however rarely the report uses it: «عاصمة» in «ما عاصمة
 * الكويت؟». Any ratio from 5 to 16 gave the same results on users.jsonl and dev; 3 lost 6 right answers.
 */
const OFF_TOPIC_RATIO = 8;

/**
 * Content terms the knowledge only uses in passing: typical of no entry, and no mark of the questions
 * the report does not answer. See INCIDENTAL_SHARE (rank.ts).
 */
function incidentalTerms(
  termSupport: ReadonlyMap<string, ReadonlyMap<number, number>>,
  questionCount: readonly number[],
  pseudo: number,
): Set<string> {
  let reportQuestions = 0;
  questionCount.forEach((c, i) => {
    if (i !== pseudo) reportQuestions += c;
  });
  const unanswerableQuestions = pseudo < 0 ? 0 : (questionCount[pseudo] ?? 0);
  const out = new Set<string>();
  for (const [term, byEntry] of termSupport) {
    if (term.startsWith('?')) continue;
    let inReport = 0;
    let typical = false;
    for (const [entry, n] of byEntry) {
      if (entry === pseudo) continue;
      if (isTypical(n, questionCount[entry] ?? 0)) typical = true;
      inReport += n;
    }
    if (typical) continue;
    const inUnanswerable = byEntry.get(pseudo) ?? 0;
    const offTopic =
      inUnanswerable > 0 &&
      inUnanswerable / unanswerableQuestions >= (OFF_TOPIC_RATIO * inReport) / reportQuestions;
    if (!offTopic) out.add(term);
  }
  return out;
}

export type DocKind = 'question' | 'keywords' | 'answer';

/** One indexed text of an entry: a question, its keyword list, or its answer. */
export interface Doc {
  readonly entry: number;
  readonly kind: DocKind;
  /** term → weight in this doc */
  readonly terms: ReadonlyMap<string, number>;
  /** Σ weights */
  readonly norm: number;
  /**
   * How many texts of the entry, of this kind, come down to exactly these terms (paraphrases that differ
   * only in spelling, dialect filler or synonyms). They are indexed once, so a query visits each once.
   */
  readonly count: number;
}

export interface SmalltalkDoc {
  readonly entry: number;
  readonly words: ReadonlySet<string>;
}

/** The searchable form of a knowledge base. Built once, read-only afterwards. */
export interface SearchIndex {
  readonly entries: readonly KnowledgeEntry[];
  readonly smalltalk: readonly SmalltalkEntry[];
  readonly docs: readonly Doc[];
  /** term → ids of docs that contain it */
  readonly postings: ReadonlyMap<string, readonly number[]>;
  /** content term → inverse entry frequency */
  readonly idf: ReadonlyMap<string, number>;
  /** weight of a content term the knowledge never uses */
  readonly unknownWeight: number;
  /** typo lookup over every normalized word the knowledge and the lexicon know */
  readonly fuzzy: FuzzyIndex;
  /** normalized word → its term, for words that occur in the knowledge */
  readonly knownWords: ReadonlyMap<string, Term>;
  /** Snowball stem of a knowledge word → its term: the morphological fallback for unseen word forms */
  readonly stems: ReadonlyMap<string, Term>;
  readonly smalltalkDocs: readonly SmalltalkDoc[];
  /** words used by small talk and never by report entries (dropped from report matching) */
  readonly smalltalkOnly: ReadonlySet<string>;
  /** every (folded) word of the small-talk phrases */
  readonly smalltalkVocab: ReadonlySet<string>;
  /** per small-talk entry (kind): the terms of all its phrases together */
  readonly smalltalkKindVocab: ReadonlyArray<ReadonlySet<string>>;
  readonly smalltalkFuzzy: FuzzyIndex;
  /** per entry, per question: its words (normalized, article folded), for tie-breaking by wording */
  readonly questionWords: ReadonlyArray<ReadonlyArray<ReadonlySet<string>>>;
  /** position in `entries` of the unanswerable questions' entry, or -1 when the knowledge has none */
  readonly unanswerable: number;
  /** per entry: the ids of its question docs */
  readonly questionDocs: ReadonlyArray<readonly number[]>;
  /** per entry: how many questions it has (Σ count of its question docs) */
  readonly questionCount: readonly number[];
  /** term → entry → how many of its questions hold the term (∞ when its answer or keywords do) */
  readonly termSupport: ReadonlyMap<string, ReadonlyMap<number, number>>;
  /** content terms the knowledge only uses in passing (see `incidentalTerms`) */
  readonly incidental: ReadonlySet<string>;
  /** per entry: the question markers its answer can satisfy (a count, a time) */
  readonly answerKinds: readonly ReadonlySet<string>[];
  /** per entry: the terms its answer gives a count of (content words next to a number) */
  readonly answerCounts: readonly ReadonlySet<string>[];
  /** names of places, people and parties (gazetteer) that the knowledge never mentions */
  readonly foreignNames: ReadonlySet<string>;
  /** which entry a query's terms are typical of, learned from the entries' questions */
  readonly classifier: TermClassifier;
}

// A count question needs an answer with a number in it; a "when" question needs a time in it.
// Matched on whole words (after the article and و/ب/ل/ف are stripped), never inside a word.
const NUMBER_WORDS = new Set(
  'واحد واحده اثنان اثنين اثنتين ثلاث ثلاثه ثلاثة اربع اربعه خمس خمسه ست سته سبع سبعه ثمان ثماني ثمانيه تسع تسعه عشر عشره عشرات مئه مئات ميه الف الاف جنديين جنديان عنصرين عنصران هجومين هجومان صاروخين صاروخان قاعدتين قاعدتان قاعدتي'
    .split(' ')
    .map(normalize),
);
const TIME_WORDS = new Set(
  'الثلاثاء السبت الاحد الاثنين الاربعاء الخميس الجمعه نيسان ابريل يوم ايام اسبوع الاسبوع شهر اشهر الاشهر سنه عام تاريخ موعد مبكر نهايه بحلول'
    .split(' ')
    .map(normalize),
);

/** Which question markers an answer can satisfy; markers not listed here are always satisfiable. */
export function answerKinds(answer: string): Set<string> {
  const kinds = new Set<string>();
  for (const w of normalize(answer).split(' ')) {
    const forms = variants(w);
    if (/\d/.test(w) || forms.some((f) => NUMBER_WORDS.has(f))) kinds.add('?howmany');
    if (forms.some((f) => TIME_WORDS.has(f))) kinds.add('?when');
  }
  return kinds;
}

/** Dual forms name what they count themselves: «جنديين» is two soldiers, «قاعدتي القيارة» two bases. */
const DUAL_NUMBER_WORDS = new Set(
  'جنديين جنديان عنصرين عنصران هجومين هجومان صاروخين صاروخان قاعدتين قاعدتان قاعدتي فردان فردين'
    .split(' ')
    .map(normalize),
);
/** Words that make an answer speak of a count without giving one («لم يحدد التقرير عددهم»). */
const COUNT_WORDS = new Set(['عدد', 'عددهم', 'عددها', 'اعداد'].map(normalize));

/**
 * The terms an answer gives a count of. A numeral counts the content word before it and the three
 * after it («قرابة 300 فرد من عناصر التحالف»); a dual counts itself and the word after it («جنديين
 * أميركيين»); «عددها», a count the report does not give, counts the four words before it («بضع قواعد
 * صغيرة دون أن يحدد عددها»). So «كم صاروخ…؟» is answered by an entry that counts rockets, not by one
 * that counts the dead of the same attack.
 */
export function answerCounts(answer: string): Set<string> {
  const content = normalize(answer)
    .split(' ')
    .filter(Boolean)
    .map((w, i) => ({ w, term: resolveWord(w, i) }))
    .filter((x) => x.term !== null || /\d/.test(x.w));
  const counted = new Set<string>();
  const add = (from: number, to: number) => {
    for (let j = Math.max(0, from); j <= Math.min(content.length - 1, to); j++) {
      const t = content[j]!.term;
      if (t?.kind === 'content') counted.add(t.term);
    }
  };
  content.forEach(({ w }, i) => {
    const forms = variants(w);
    if (forms.some((f) => DUAL_NUMBER_WORDS.has(f))) add(i, i + 1);
    else if (/\d/.test(w) || forms.some((f) => NUMBER_WORDS.has(f))) {
      add(i - 1, i - 1);
      add(i + 1, i + 3);
    } else if (forms.some((f) => COUNT_WORDS.has(f))) add(i - 4, i - 1);
  });
  return counted;
}

/**
 * A small-talk word as it is compared: question words by their meaning, so «شو اسمك» is «ما اسمك»
 * and «منو انت» is «من انت».
 */
/** A word with letters typed twice or more written once («الخيرر» → «الخير»), except «ي» and «و». */
export function singleLetters(word: string): string {
  return word.replace(/([^يو])\1+/gu, '$1');
}

export function smalltalkKey(word: string): string {
  const t = resolveWord(word, 0);
  if (t?.kind === 'qword') return t.term;
  // «وبارك» is «بارك», «خيرا» is «خير», «الخيرر» is «الخير»
  let w = singleLetters(word);
  if (w.startsWith('و') && w.length >= 5) w = w.slice(1);
  if (w.endsWith('ا') && w.length >= 4) w = w.slice(0, -1);
  return w;
}

const chatFiller = new Set(CHAT_FILLER.map(normalize));

/** The words a small-talk comparison looks at: filler dropped (unless that is all there is), keyed. */
export function smalltalkTerms(words: readonly string[]): Set<string> {
  const kept = words.filter((w) => !chatFiller.has(w));
  return new Set((kept.length > 0 ? kept : words).map(smalltalkKey));
}

/** Words of small talk, lightly folded (article stripped) but no stopword removal. */
export function smalltalkWords(normalized: string): string[] {
  return normalized
    .split(' ')
    .filter(Boolean)
    .map((w) => (w.startsWith('ال') && w.length > 4 ? w.slice(2) : w));
}

/** Id of the entry that holds the knowledge's unanswerable questions inside the index. */
export const UNANSWERABLE_ID = '(unanswerable)';

export function buildIndex(kb: KnowledgeBase): SearchIndex {
  // The unanswerable questions are indexed as one more entry, so a message is matched against them
  // exactly as against the report's questions; the engine answers «لا أعرف» when it wins.
  const unanswerable = kb.unanswerable ?? [];
  const entries: readonly KnowledgeEntry[] =
    unanswerable.length === 0
      ? kb.entries
      : [
          ...kb.entries,
          {
            id: UNANSWERABLE_ID,
            topic: '',
            questions: unanswerable,
            answer: '',
            source: [],
            tags: [],
            keywords: [],
          },
        ];
  const pseudo = unanswerable.length === 0 ? -1 : entries.length - 1;
  const knownWords = new Map<string, Term>();
  const questionWords: Array<Array<ReadonlySet<string>>> = entries.map(() => []);
  const entryTerms: Array<Array<{ kind: DocKind; terms: Term[] }>> = entries.map((e, ei) => {
    const texts: Array<{ kind: DocKind; text: string }> = [
      ...e.questions.map((q) => ({ kind: 'question' as const, text: q })),
      // each keyword phrase is its own short doc: «حزب الله» alone should fully match its entry
      ...e.keywords.map((k) => ({ kind: 'keywords' as const, text: k })),
      { kind: 'answer' as const, text: e.answer },
    ];
    return texts.map(({ kind, text }) => {
      const norm = normalize(text);
      if (kind === 'question') questionWords[ei]!.push(new Set(smalltalkWords(norm)));
      const terms = tokenizeNormalized(norm);
      // the unanswerable questions teach no vocabulary: their words stay as unknown as before
      if (ei !== pseudo) for (const t of terms) if (!knownWords.has(t.surface)) knownWords.set(t.surface, t);
      return { kind, terms };
    });
  });

  // Entry frequency of content terms, over questions and keywords (answers do not define the topic).
  const df = new Map<string, number>();
  entryTerms.forEach((docs, ei) => {
    if (ei === pseudo) return;
    const seen = new Set<string>();
    for (const d of docs) {
      if (d.kind === 'answer') continue;
      for (const t of d.terms) if (t.kind === 'content') seen.add(t.term);
    }
    for (const t of seen) df.set(t, (df.get(t) ?? 0) + 1);
  });
  const n = Math.max(kb.entries.length, 1);
  const idf = new Map<string, number>();
  for (const [t, f] of df) idf.set(t, Math.log(1 + n / f));
  const unknownWeight = Math.log(1 + n) * UNKNOWN_FACTOR;
  const weightOf = (t: Term) =>
    t.kind === 'qword' ? qwordWeight(t.term) : (idf.get(t.term) ?? unknownWeight);

  const docs: Array<Doc & { count: number }> = [];
  const postings = new Map<string, number[]>();
  entryTerms.forEach((list, entry) => {
    // a third of the questions come down to the terms of another question of the same entry
    const seen = new Map<string, number>();
    for (const d of list) {
      const terms = new Map<string, number>();
      for (const t of d.terms) {
        if (entry === pseudo && t.kind === 'content' && !idf.has(t.term)) continue;
        terms.set(t.term, weightOf(t));
      }
      if (terms.size === 0) continue;
      const key = `${d.kind}|${[...terms.keys()].sort().join(' ')}`;
      const same = seen.get(key);
      if (same !== undefined) {
        docs[same]!.count++;
        continue;
      }
      let norm = 0;
      for (const w of terms.values()) norm += w;
      const id = docs.length;
      seen.set(key, id);
      docs.push({ entry, kind: d.kind, terms, norm, count: 1 });
      for (const term of terms.keys()) {
        const p = postings.get(term);
        if (p) p.push(id);
        else postings.set(term, [id]);
      }
    }
  });

  const termSupport = new Map<string, Map<number, number>>();
  for (const d of docs) {
    for (const term of d.terms.keys()) {
      const byEntry = termSupport.get(term) ?? new Map<number, number>();
      termSupport.set(term, byEntry);
      const n = d.kind === 'question' ? (byEntry.get(d.entry) ?? 0) + d.count : Number.POSITIVE_INFINITY;
      byEntry.set(d.entry, n);
    }
  }
  const questionDocs: number[][] = entries.map(() => []);
  const questionCount: number[] = entries.map(() => 0);
  docs.forEach((d, i) => {
    if (d.kind !== 'question') return;
    questionDocs[d.entry]!.push(i);
    questionCount[d.entry]! += d.count;
  });

  const reportWords = new Set(knownWords.keys());
  const smalltalkDocs: SmalltalkDoc[] = [];
  const smalltalkVocab = new Set<string>();
  kb.smalltalk.forEach((s, entry) => {
    for (const q of s.questions) {
      const surface = smalltalkWords(normalize(q));
      if (surface.length === 0) continue;
      for (const w of surface) smalltalkVocab.add(w);
      smalltalkDocs.push({ entry, words: smalltalkTerms(surface) });
    }
  });
  const incidental = incidentalTerms(termSupport, questionCount, pseudo);
  const smalltalkOnly = new Set(
    [...smalltalkVocab].filter((w) => !reportWords.has(w) && !resolvesToContentInReport(w, idf)),
  );

  return {
    entries,
    smalltalk: kb.smalltalk,
    docs,
    postings,
    idf,
    unknownWeight,
    fuzzy: new FuzzyIndex([...knownWords.keys(), ...lexiconSurfaces().keys()]),
    knownWords,
    stems: stemIndex(knownWords, idf),
    smalltalkDocs,
    smalltalkOnly,
    smalltalkVocab,
    smalltalkKindVocab: kb.smalltalk.map((_, entry) => {
      const v = new Set<string>();
      for (const d of smalltalkDocs) if (d.entry === entry) for (const w of d.words) v.add(w);
      return v;
    }),
    smalltalkFuzzy: new FuzzyIndex(smalltalkVocab),
    questionWords,
    unanswerable: pseudo,
    questionDocs,
    questionCount,
    termSupport,
    incidental,
    answerKinds: entries.map((e) => answerKinds(e.answer)),
    answerCounts: entries.map((e) => answerCounts(e.answer)),
    foreignNames: foreignNames(knownWords, idf),
    classifier: trainClassifier(
      entries.length,
      docs
        .filter((d) => d.kind === 'question')
        .flatMap((d) => Array.from({ length: d.count }, () => ({ label: d.entry, terms: d.terms.keys() }))),
    ),
  };
}

/** The gazetteer's names, with and without the article, except those the knowledge uses. */
function foreignNames(knownWords: ReadonlyMap<string, Term>, idf: ReadonlyMap<string, number>): Set<string> {
  const out = new Set<string>();
  for (const name of NAMES.map(normalize)) {
    for (const form of new Set([name, stripArticle(name)])) {
      const t = resolveWord(form, 1);
      if (!knownWords.has(form) && !(t && idf.has(t.term))) out.add(form);
    }
  }
  return out;
}

/** Snowball stems (4+ letters) of the knowledge's content words that are unambiguous: one term each. */
function stemIndex(
  knownWords: ReadonlyMap<string, Term>,
  idf: ReadonlyMap<string, number>,
): Map<string, Term> {
  const out = new Map<string, Term>();
  const clash = new Set<string>();
  for (const [surface, t] of knownWords) {
    if (t.kind !== 'content' || !idf.has(t.term)) continue;
    const st = snowball(surface);
    if (st.length < 4 || clash.has(st)) continue;
    const prev = out.get(st);
    if (prev && prev.term !== t.term) {
      out.delete(st);
      clash.add(st);
    } else if (!prev) out.set(st, t);
  }
  return out;
}

/** A small-talk word that resolves to a report term (e.g. a concept) is not small-talk-only. */
function resolvesToContentInReport(word: string, idf: ReadonlyMap<string, number>): boolean {
  const t = resolveWord(word, 1);
  return t !== null && t.kind === 'content' && idf.has(t.term);
}
