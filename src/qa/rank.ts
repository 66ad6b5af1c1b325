import { stripArticle } from '../arabic/stem.ts';
import { resolveWord, type Term } from '../arabic/tokenize.ts';
import { qwordWeight, type SearchIndex, smalltalkWords } from './index.ts';

/** A query term with its weight and how surely it was recognised (1 exact, less for a typo fix). */
export interface QueryTerm {
  readonly term: string;
  readonly kind: Term['kind'];
  readonly weight: number;
  readonly sim: number;
  /** True when the knowledge never uses this term (after typo correction). */
  readonly unknown: boolean;
}

export interface Analysis {
  readonly terms: readonly QueryTerm[];
  /** Σ weight of every term (the query's information) */
  readonly total: number;
  /** Σ weight of content terms */
  readonly content: number;
}

const SIM_BY_DISTANCE = [1, 0.8, 0.65];
const LATIN = /^[a-z]+$/;

function correct(index: SearchIndex, word: string, pos: number): { term: Term; sim: number } | null {
  for (const form of new Set([word, stripArticle(word)])) {
    for (const hit of index.fuzzy.lookup(form)) {
      const t = index.knownWords.get(hit.word) ?? resolveWord(hit.word, pos);
      if (t && t.kind === 'content' && index.idf.has(t.term)) {
        return { term: t, sim: SIM_BY_DISTANCE[hit.distance] ?? 0.6 };
      }
    }
  }
  return null;
}

/** Does this word mean something to the index (a report term, a question word or a stopword)? */
function known(index: SearchIndex, word: string): boolean {
  const t = resolveWord(word, 1);
  return t === null || t.kind === 'qword' || index.idf.has(t.term);
}

/**
 * Words typed without a space («فيالهجوم», «نيةالتحالف»): when a word is unknown but splits into
 * two known words, use the two.
 */
export function splitRunTogether(index: SearchIndex, word: string): string[] {
  if (word.length < 5 || known(index, word)) return [word];
  for (let i = 2; i <= word.length - 3; i++) {
    const left = word.slice(0, i);
    const right = word.slice(i);
    const r = resolveWord(right, 1);
    if (r && r.kind === 'content' && index.idf.has(r.term) && known(index, left)) return [left, right];
  }
  return [word];
}

/** Normalized query → weighted terms against this index. */
export function analyzeQuery(index: SearchIndex, normalized: string): Analysis {
  let words = normalized.split(' ').filter(Boolean);
  const folded = smalltalkWords(normalized);
  const withoutSmalltalk = words.filter((_, i) => !index.smalltalkOnly.has(folded[i] ?? ''));
  if (withoutSmalltalk.length > 0) words = withoutSmalltalk;
  words = words.flatMap((w) => splitRunTogether(index, w));

  const best = new Map<string, QueryTerm>();
  let pos = 0;
  for (const w of words) {
    const resolved = resolveWord(w, pos);
    if (!(w === 'هل' || w === 'و' || w === 'يا')) pos++;
    if (!resolved) continue;
    let qt: QueryTerm;
    if (resolved.kind === 'qword') {
      qt = { term: resolved.term, kind: 'qword', weight: qwordWeight(resolved.term), sim: 1, unknown: false };
    } else if (index.idf.has(resolved.term)) {
      qt = {
        term: resolved.term,
        kind: 'content',
        weight: index.idf.get(resolved.term)!,
        sim: 1,
        unknown: false,
      };
    } else if (LATIN.test(w)) {
      // Latin fragments in an Arabic question (names, "how many") carry no topic we could match.
      continue;
    } else {
      const fixed = correct(index, w, pos);
      qt = fixed
        ? {
            term: fixed.term.term,
            kind: 'content',
            weight: index.idf.get(fixed.term.term)!,
            sim: fixed.sim,
            unknown: false,
          }
        : { term: resolved.term, kind: 'content', weight: index.unknownWeight, sim: 0, unknown: true };
    }
    const prev = best.get(qt.term);
    if (!prev || prev.weight * prev.sim < qt.weight * qt.sim) best.set(qt.term, qt);
  }
  const terms = [...best.values()];
  let total = 0;
  let content = 0;
  for (const t of terms) {
    total += t.weight;
    if (t.kind === 'content') content += t.weight;
  }
  return { terms, total, content };
}

export interface EntryScore {
  readonly entry: number;
  readonly score: number;
}

/** How much of a doc's score an answer text can give (answers are long and less specific). */
const ANSWER_FACTOR = 0.8;
/** How much the entry's paraphrases together (vs the single best question) count for query coverage. */
const ENTRY_COVER_SHARE = 0.5;
const CHECKED_KINDS = new Set(['?howmany', '?when']);
const ANSWER_KIND_PENALTY = 0.75;

/**
 * Score entries: for each doc that shares a term with the query, combine query coverage
 * (how much of the query the doc explains) with doc coverage (how much of the doc the query asks).
 * Entry score = its best doc. Only docs reached through the inverted index are looked at.
 */
export function scoreEntries(index: SearchIndex, analysis: Analysis, limit: number): EntryScore[] {
  if (analysis.content <= 0) return [];
  const matched = new Map<number, number>();
  const docSide = new Map<number, number>();
  // Σ weight of the query terms found in ANY question of an entry: its paraphrases together
  const entryCover = new Map<number, number>();
  // entries reached through a content term (not only through كم، متى …)
  const topical = new Set<number>();
  for (const t of analysis.terms) {
    if (t.unknown) continue;
    const list = index.postings.get(t.term);
    if (!list) continue;
    const covered = new Set<number>();
    for (const id of list) {
      const doc = index.docs[id]!;
      matched.set(id, (matched.get(id) ?? 0) + t.weight * t.sim);
      docSide.set(id, (docSide.get(id) ?? 0) + (doc.terms.get(t.term) ?? 0) * t.sim);
      if (doc.kind !== 'answer') covered.add(doc.entry);
      if (t.kind === 'content') topical.add(doc.entry);
    }
    for (const e of covered) entryCover.set(e, (entryCover.get(e) ?? 0) + t.weight * t.sim);
  }
  const byEntry = new Map<number, number>();
  for (const [id, m] of matched) {
    const doc = index.docs[id]!;
    const cqDoc = m / analysis.total;
    const cqEntry = Math.max(cqDoc, (entryCover.get(doc.entry) ?? 0) / analysis.total);
    const cq = ENTRY_COVER_SHARE * cqEntry + (1 - ENTRY_COVER_SHARE) * cqDoc;
    const cd = (docSide.get(id) ?? 0) / doc.norm;
    const s = doc.kind === 'answer' ? ANSWER_FACTOR * cqDoc * (0.85 + 0.15 * cd) : cq * (0.6 + 0.4 * cd);
    if (s > (byEntry.get(doc.entry) ?? 0)) byEntry.set(doc.entry, s);
  }
  // An entry whose answer holds no number cannot answer «كم»; none with a time cannot answer «متى».
  const asks = analysis.terms.filter((t) => t.kind === 'qword' && CHECKED_KINDS.has(t.term)).map((t) => t.term);
  const fit = (entry: number) => (asks.every((k) => index.answerKinds[entry]?.has(k)) ? 1 : ANSWER_KIND_PENALTY);
  return [...byEntry]
    .filter(([e]) => topical.has(e))
    .map(([entry, score]) => ({ entry, score: Math.min(1, score * fit(entry)) }))
    .sort((a, b) => b.score - a.score || a.entry - b.entry)
    .slice(0, limit);
}

/** Small-talk score in [0, 1]: word overlap (typo-tolerant) between the message and a small-talk phrase. */
export function scoreSmalltalk(index: SearchIndex, normalized: string): EntryScore | null {
  const words = smalltalkWords(normalized);
  if (words.length === 0 || index.smalltalkDocs.length === 0) return null;
  const resolved = words.map((w) => {
    if (index.smalltalkVocab.has(w) || index.knownWords.has(w)) return w;
    return index.smalltalkFuzzy.lookup(w)[0]?.word ?? w;
  });
  const q = new Set(resolved);
  let best: EntryScore | null = null;
  for (const d of index.smalltalkDocs) {
    let inter = 0;
    for (const w of q) if (d.words.has(w)) inter++;
    if (inter === 0) continue;
    const score = inter / (q.size + d.words.size - inter);
    if (!best || score > best.score) best = { entry: d.entry, score };
  }
  return best;
}
