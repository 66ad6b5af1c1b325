import type { KnowledgeBase, KnowledgeEntry } from '../knowledge/types.ts';

export type ReplyStatus = 'answered' | 'clarify' | 'unknown' | 'smalltalk';

export interface Suggestion {
  readonly entryId: string;
  /** The entry's canonical question. */
  readonly question: string;
}

/** What the engine decided for one message. Pure data: adapters format it. */
export interface Reply {
  /** The query as received (before cutting/normalizing). */
  readonly query: string;
  readonly status: ReplyStatus;
  /**
   * The answer body only: the entry's answer for `answered`, the small-talk answer for `smalltalk`,
   * the Arabic clarify / unknown text otherwise.
   */
  readonly answer: string;
  readonly entryId: string | null;
  /** Score in [0, 1] of the best candidate, higher is better; null when nothing was scored. */
  readonly score: number | null;
  /** clarify: the close candidates; unknown: example questions; answered: related entries (may be empty). */
  readonly suggestions: readonly Suggestion[];
  /** Report paragraphs the answer rests on (answered only, else empty). */
  readonly source: readonly number[];
  /** Normalized form of the query (used to group unanswered questions). */
  readonly normalized: string;
}

export interface ScoredEntry {
  readonly entry: KnowledgeEntry;
  readonly score: number;
}

export interface Thresholds {
  /** Best score at or above this → answered (unless a close second forces clarify). */
  readonly answer: number;
  /** Best score at or above this (and below `answer`, or too close to the runner-up) → clarify. */
  readonly clarify: number;
  /**
   * When other candidates score close to the best, answer only if the judge (judge.ts) gives one
   * of them at least this share of its belief; otherwise ask «هل تقصد…؟».
   */
  readonly confidence: number;
}

/** The answer engine: immutable once built; rebuild to change knowledge. */
export interface Engine {
  readonly knowledge: KnowledgeBase;
  /** Turn any message into a reply. Never throws. */
  ask(text: string): Reply;
  /** Best matching report entries for a query (for inline mode, /unanswered candidates). */
  search(text: string, limit?: number): ScoredEntry[];
  /** Entry by id, or undefined. */
  entry(id: string): KnowledgeEntry | undefined;
  /** Normalized form of a text, as used to group questions. */
  normalize(text: string): string;
}
