import type { Thresholds } from './types.ts';

export type Decision =
  | { readonly kind: 'answered'; readonly entry: number }
  | { readonly kind: 'clarify'; readonly entries: readonly number[] }
  | { readonly kind: 'unknown' };

export interface Candidate {
  readonly entry: number;
  readonly score: number;
  /** share of the query's content the entry explains; 1 when not known */
  readonly cover?: number;
}

/** How far below the best a candidate may be and still be offered in a clarify question. */
export const CLARIFY_WINDOW = 0.12;
export const MAX_CLARIFY = 3;
/**
 * An answer, or a «هل تقصد…؟», only makes sense when the best candidate explains most of what was
 * asked. When it explains about half («ما تاريخ حزب الله؟»: a date entry and a Hezbollah entry, each
 * half; «منو يقود الحشد الشعبي؟»: leading, but of the coalition), the question mixes a report word
 * with something the report does not cover: say so instead.
 */
export const MIN_COVER = 0.6;

/**
 * A second opinion on close candidates: the share of belief each deserves (summing to 1), from a
 * judge that looks at the question differently from the term scores: the entries' paraphrases as a
 * whole (classifier.ts).
 */
export type Judge = (entries: readonly number[]) => readonly number[];

/**
 * answered: the best is confident and, when others come close, the judge is sure which of them is
 * meant; clarify: close candidates the judge cannot tell apart (ordered by its belief), or one that is
 * plausible but not confident; unknown: nothing close.
 */
/** Confident enough to be answered: above the answer bar, and explaining most of what was asked. */
export function isAnswerable(c: Candidate, t: Thresholds): boolean {
  return c.score >= t.answer && (c.cover ?? 1) >= MIN_COVER;
}

export function decide(ranked: readonly Candidate[], t: Thresholds, judge: Judge): Decision {
  const [best] = ranked;
  if (!best || best.score < t.clarify) return { kind: 'unknown' };
  if ((best.cover ?? 1) < MIN_COVER) return { kind: 'unknown' };
  const floor = Math.max(t.clarify, best.score - CLARIFY_WINDOW);
  const close = ranked.filter((c) => c.score >= floor).slice(0, MAX_CLARIFY);
  if (close.length === 1) {
    return best.score >= t.answer
      ? { kind: 'answered', entry: best.entry }
      : { kind: 'clarify', entries: [best.entry] };
  }
  const shares = judge(close.map((c) => c.entry));
  const order = close.map((c, i) => ({ ...c, share: shares[i] ?? 0 })).sort((a, b) => b.share - a.share);
  const top = order[0]!;
  // the judge only chooses among answerable candidates: the one it picks must itself be confident
  if (isAnswerable(top, t) && top.share >= t.confidence) return { kind: 'answered', entry: top.entry };
  return { kind: 'clarify', entries: order.map((o) => o.entry) };
}
