import { hasArabic, normalize } from '../arabic/normalize.ts';
import { resolveWord } from '../arabic/tokenize.ts';
import { DEFAULT_THRESHOLDS } from '../config.ts';
import type { KnowledgeBase, KnowledgeEntry } from '../knowledge/types.ts';
import { engineText } from '../messages.ar.ts';
import { type Candidate, type Decision, decide, isAnswerable, MAX_CLARIFY } from './decide.ts';
import { buildIndex, qwordWeight } from './index.ts';
import { judgeShares } from './judge.ts';
import {
  analyzeQuery,
  type EntryScore,
  onlySmalltalkWords,
  queryTerms,
  type SmalltalkScore,
  scoreEntries,
  scoreSmalltalk,
  supportedEntries,
} from './rank.ts';
import { breakTie } from './tiebreak.ts';
import type { Engine, Reply, ScoredEntry, Suggestion, Thresholds } from './types.ts';

export interface EngineOptions {
  readonly thresholds?: Thresholds;
  /** Queries are cut to this many characters (at a word boundary) before matching. */
  readonly maxQueryChars?: number;
}

/** Small talk wins when it matches at least this well and the report does not answer confidently. */
const SMALLTALK_MIN = 0.5;
const SMALLTALK_EXACT = 0.99;
const CANDIDATES = 8;
/**
 * Where one sentence of a message ends and the next begins: end punctuation or a line break, or a
 * comma before «و» and a new question word («…، وهل سبق…؟»). Not a bare comma: «بحسب ما قاله
 * المتحدث، هل…» is one question whose first clause only says who said it.
 */
const SENTENCE_BREAK =
  /[؟?!.؛;\n]+|،\s*(?=و(?:هل|ما|ماذا|كم|متى|أين|اين|من|مين|منو|شو|وش|شنو|ليش|لماذا|كيف)\s)/u;
const EXAMPLES = 3;
/**
 * «كم جندي سيغادر القائم؟ ومتى تنتهي مهلة الانسحاب من كركوك؟» as a whole matches the deadline entry
 * just above the answer bar; below this score, a whole answer yields to a «هل تقصد» offering the two
 * facts its sentences ask for. Round 10: one right answer of 572 becomes a «هل تقصد» with it first.
 */
const WEAK_WHOLE = 0.65;
/**
 * A run-on message, dictated or typed without punctuation («منو اللي ضرب التاجي بالصواريخ اني اسوق من
 * الصبح والكل يحجي…»), buries its question in the story around it. When such a message of at least
 * `minWords` words is not answered as a whole, the clause around each specific question word (كم، متى،
 * أين، من، لماذا; not «ما/شو», which are often negation or filler) is asked on its own: `before` words
 * before it and `after` words after. One confident clause answer (at least `minScore`) is given when no
 * other clause is answered with a different entry; two clauses about two facts get a «هل تقصد» offering
 * both; a weak clause answer spoils the lot. A clause stops where the next question word's begins.
 * Chosen on users.jsonl and rounds 12 and 13 (2,700 questions): +6 right answers (round 12's dictating
 * taxi driver), none wrong, no rejection lost; taking every clause answer, or «ما/شو» clauses too, cost
 * 2 to 4 wrong answers.
 */
const CLAUSE = { before: 4, after: 6, minWords: 12, minScore: 0.6 } as const;
/** Cut to at most `max` characters, at the last space before the limit when there is one. */
export function cutQuery(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max);
  const space = head.lastIndexOf(' ');
  return space > max * 0.6 ? head.slice(0, space) : head;
}

export function createEngine(kb: KnowledgeBase, opts: EngineOptions = {}): Engine {
  const thresholds = opts.thresholds ?? DEFAULT_THRESHOLDS;
  const maxChars = opts.maxQueryChars ?? 500;
  const index = buildIndex(kb);
  const byId = new Map(kb.entries.map((e) => [e.id, e]));
  const suggestion = (e: KnowledgeEntry): Suggestion => ({ entryId: e.id, question: e.questions[0] ?? e.id });

  // Default examples: the first entry of each topic, one per topic, in topic order.
  const examples: Suggestion[] = [];
  for (const topic of kb.topics) {
    const e = kb.entries.find((x) => x.topic === topic.id);
    if (e && topic.id !== 'overview') examples.push(suggestion(e));
  }
  if (examples.length === 0) examples.push(...kb.entries.slice(0, EXAMPLES).map(suggestion));

  function reply(query: string, normalized: string, partial: Omit<Reply, 'query' | 'normalized'>): Reply {
    return { query, normalized, ...partial };
  }

  function unknownReply(
    query: string,
    normalized: string,
    text: string,
    ranked: readonly Candidate[],
  ): Reply {
    // Offer weakly related questions first, then fill with the default examples.
    const picks: Suggestion[] = [];
    for (const c of ranked) {
      if (c.score < thresholds.clarify * 0.6 || picks.length >= EXAMPLES) break;
      picks.push(suggestion(index.entries[c.entry]!));
    }
    for (const ex of examples) {
      if (picks.length >= EXAMPLES) break;
      if (!picks.some((p) => p.entryId === ex.entryId)) picks.push(ex);
    }
    return reply(query, normalized, {
      status: 'unknown',
      answer: text,
      entryId: null,
      score: ranked[0]?.score ?? null,
      suggestions: picks,
      source: [],
    });
  }

  function smalltalkReply(query: string, normalized: string, st: SmalltalkScore): Reply {
    const s = index.smalltalk[st.entry]!;
    return reply(query, normalized, {
      status: 'smalltalk',
      answer: s.answer,
      entryId: s.id,
      score: st.score,
      suggestions: examples.slice(0, EXAMPLES),
      source: [],
    });
  }

  /** «هل تقصد…؟» with these entries' canonical questions, in this order. */
  function clarifyReply(
    query: string,
    normalized: string,
    entries: readonly number[],
    score: number | null,
  ): Reply {
    return reply(query, normalized, {
      status: 'clarify',
      answer: engineText.clarify,
      entryId: null,
      score,
      suggestions: entries.map((i) => suggestion(index.entries[i]!)),
      source: [],
    });
  }

  /** Rank the entries for a normalized message and decide: answer, «هل تقصد», or unknown. */
  function match(normalized: string): { ranked: EntryScore[]; decision: Decision } {
    const analysis = analyzeQuery(index, normalized);
    const all = scoreEntries(index, analysis, CANDIDATES + 1);
    const supported = supportedEntries(index, analysis);
    const ranked = all
      .filter((c) => c.entry !== index.unanswerable && supported(c.entry))
      .slice(0, CANDIDATES);
    // closest to one of the questions the knowledge lists as unanswered by the report (each scored on
    // its own, rank.ts): say so, do not guess. Chosen on round 8 (users.jsonl): against the old rule
    // (the list scored as one entry, and ahead of the best entry by 0.15), confident wrong answers
    // 11 → 9 of 575 and rejections 223 → 228 of 253 with the same right answers; dev unchanged.
    // A lone report word («التحالف», «امريكا») is a topic, never out of scope, whatever listed question
    // also holds it.
    const top = all[0];
    const known = analysis.terms.filter((t) => !t.unknown).length;
    if (top && top.entry === index.unanswerable && top.score >= thresholds.clarify && known >= 2) {
      const real = ranked[0]?.score ?? 0;
      if (top.score > real) return { ranked, decision: { kind: 'unknown' } };
    }
    const terms = queryTerms(analysis);
    const judge = (entries: readonly number[]) =>
      judgeShares(
        index,
        terms,
        entries.map((entry) => ({ entry, score: ranked.find((c) => c.entry === entry)?.score ?? 0 })),
      );
    let decision = decide(ranked, thresholds, judge);
    if (decision.kind === 'clarify' && decision.entries.length > 1) {
      const words = decision.entries.map((i) => index.questionWords[i] ?? []);
      const winner = breakTie(normalized, words);
      const entry = winner === null ? undefined : decision.entries[winner];
      // the wording only settles a tie between answerable candidates: «كم صاروخ بالهجوم الاول؟» is
      // worded like «كم قتيل بالهجوم الاول؟», but the casualties entry does not count rockets
      const c = ranked.find((r) => r.entry === entry);
      if (entry !== undefined && c && isAnswerable(c, thresholds)) decision = { kind: 'answered', entry };
    }
    return { ranked, decision };
  }

  /**
   * People ask in several sentences: a question, then a follow-up that narrows or guesses («جرف الصخر
   * انقصفت؟ منو كان هناك؟», «ليش عم ينسحبوا؟ مشان الصواريخ؟»). Taken together the follow-up dilutes the
   * question; so when the whole message is not answered, its first sentence is asked on its own. It is
   * answered when that is confident and no later sentence is answered with a different entry; two
   * questions about two facts get a «هل تقصد» that offers both.
   */
  function firstSentenceAnswer(text: string): { ranked: EntryScore[]; decision: Decision } | null {
    const sentences = text
      .split(SENTENCE_BREAK)
      .map((s) => normalize(s))
      .filter((s) => s.length > 1);
    if (sentences.length < 2) return null;
    const head = match(sentences[0]!);
    if (head.decision.kind !== 'answered') return null;
    const asked = [head.decision.entry];
    for (const s of sentences.slice(1)) {
      const d = match(s).decision;
      if (d.kind === 'answered' && !asked.includes(d.entry)) asked.push(d.entry);
    }
    return oneOrBoth(head.ranked, asked);
  }

  /** One fact asked: its answer; two or more: a «هل تقصد» offering them, each a tap away. */
  function oneOrBoth(
    ranked: EntryScore[],
    asked: readonly number[],
  ): { ranked: EntryScore[]; decision: Decision } {
    if (asked.length === 1) return { ranked, decision: { kind: 'answered', entry: asked[0]! } };
    return { ranked, decision: { kind: 'clarify', entries: asked.slice(0, MAX_CLARIFY) } };
  }

  /** The one confident answer to the clauses around a long message's question words (see CLAUSE). */
  function clauseAnswer(normalized: string): { ranked: EntryScore[]; decision: Decision } | null {
    const words = normalized.split(' ');
    if (words.length < CLAUSE.minWords) return null;
    const isAsking = (w: string, i: number) => {
      const t = resolveWord(w, i);
      return t !== null && t.kind === 'qword' && qwordWeight(t.term) >= 1;
    };
    // where clauses start: a specific question word, not one right after another («كم عدد…» is one)
    const at = words.flatMap((w, i) =>
      isAsking(w, i) && !(i > 0 && isAsking(words[i - 1]!, i - 1)) ? [i] : [],
    );
    let first: EntryScore[] | null = null;
    const asked: number[] = [];
    for (const [k, i] of at.entries()) {
      // a clause never reaches into the clause of the question word before or after it
      const prev = at[k - 1] ?? Number.NEGATIVE_INFINITY;
      const start = Math.min(i, Math.max(0, i - CLAUSE.before, prev + CLAUSE.after + 1));
      const end = Math.min(i + CLAUSE.after + 1, at[k + 1] ?? words.length);
      const clause = words.slice(start, end).join(' ');
      const { ranked, decision } = match(clause);
      if (decision.kind !== 'answered') continue;
      if ((ranked[0]?.score ?? 0) < CLAUSE.minScore) return null;
      first ??= ranked;
      if (!asked.includes(decision.entry)) asked.push(decision.entry);
    }
    return first ? oneOrBoth(first, asked) : null;
  }

  function ask(raw: string): Reply {
    const query = typeof raw === 'string' ? raw : '';
    const normalized = normalize(cutQuery(query, maxChars));
    if (!normalized) return unknownReply(query, normalized, engineText.empty, []);
    if (/^[\d\s]+$/.test(normalized)) {
      // a number alone («٣٠٠»): offer the questions whose answers give it, never one answer outright
      const { ranked } = match(normalized);
      const close = ranked.filter((c) => c.score >= thresholds.answer).slice(0, MAX_CLARIFY);
      if (close.length === 0) return unknownReply(query, normalized, engineText.numberOnly, []);
      return clarifyReply(
        query,
        normalized,
        close.map((c) => c.entry),
        ranked[0]?.score ?? null,
      );
    }
    if (!hasArabic(normalized)) {
      // «thanks», «merci», «bye» in Latin letters are small talk like their Arabic forms
      const st = scoreSmalltalk(index, normalized);
      if (st && st.score >= SMALLTALK_MIN) return smalltalkReply(query, normalized, st);
      return unknownReply(query, normalized, engineText.noArabic, []);
    }

    let { ranked, decision } = match(normalized);
    // a message the whole of which is not answered, or answered only weakly, is also read sentence by
    // sentence: a weak whole answer gives way only to two questions about two facts
    if (decision.kind !== 'answered' || (ranked[0]?.score ?? 0) < WEAK_WHOLE) {
      const first = firstSentenceAnswer(cutQuery(query, maxChars));
      if (first && (decision.kind !== 'answered' || first.decision.kind === 'clarify')) {
        ({ ranked, decision } = first);
      }
    }
    if (decision.kind !== 'answered') {
      const clause = clauseAnswer(normalized);
      if (clause) ({ ranked, decision } = clause);
    }
    const best = ranked[0];

    // An exact small-talk phrase («تسلم», «السلام عليكم») is small talk even when a word of it looks
    // like a report word; otherwise small talk only wins when the report has no confident answer.
    const st = scoreSmalltalk(index, normalized);
    const chat = decision.kind !== 'answered' || onlySmalltalkWords(index, normalized);
    if (st && (st.score >= SMALLTALK_EXACT || (chat && st.score >= SMALLTALK_MIN))) {
      return smalltalkReply(query, normalized, st);
    }
    if (decision.kind === 'answered') {
      const e = index.entries[decision.entry]!;
      return reply(query, normalized, {
        status: 'answered',
        answer: e.answer,
        entryId: e.id,
        score: best?.score ?? null,
        suggestions: [],
        source: e.source,
      });
    }
    if (decision.kind === 'clarify') {
      return clarifyReply(query, normalized, decision.entries, best?.score ?? null);
    }
    return unknownReply(query, normalized, engineText.unknown, ranked);
  }

  return {
    knowledge: kb,
    ask(text: string): Reply {
      try {
        return ask(text);
      } catch {
        // The engine is pure and total by design; this is a last line so a bug never reaches users as a crash.
        return unknownReply(String(text ?? ''), '', engineText.unknown, []);
      }
    },
    search(text: string, limit = 10): ScoredEntry[] {
      const normalized = normalize(cutQuery(String(text ?? ''), maxChars));
      if (!normalized) return [];
      return scoreEntries(index, analyzeQuery(index, normalized), limit + 1)
        .filter((c) => c.entry !== index.unanswerable)
        .slice(0, limit)
        .map((c) => ({
          entry: index.entries[c.entry]!,
          score: c.score,
        }));
    },
    entry: (id: string) => byId.get(id),
    normalize: (text: string) => normalize(cutQuery(String(text ?? ''), maxChars)),
  };
}
