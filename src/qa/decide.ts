import type { Thresholds } from './types.ts';

export type Decision =
  | { readonly kind: 'answered'; readonly entry: number }
  | { readonly kind: 'clarify'; readonly entries: readonly number[] }
  | { readonly kind: 'unknown' };

export interface Candidate {
  readonly entry: number;
  readonly score: number;
}

/** How far below the best a candidate may be and still be offered in a clarify question. */
export const CLARIFY_WINDOW = 0.12;
export const MAX_CLARIFY = 3;

/**
 * answered: the best is confident and clearly ahead; clarify: two or three close candidates,
 * or one that is plausible but not confident; unknown: nothing close.
 */
export function decide(ranked: readonly Candidate[], t: Thresholds): Decision {
  const [best, second] = ranked;
  if (!best || best.score < t.clarify) return { kind: 'unknown' };
  const close = !!second && best.score - second.score < t.margin;
  if (best.score >= t.answer && !close) return { kind: 'answered', entry: best.entry };
  const floor = Math.max(t.clarify, best.score - CLARIFY_WINDOW);
  const entries = ranked
    .filter((c) => c.score >= floor)
    .slice(0, MAX_CLARIFY)
    .map((c) => c.entry);
  return { kind: 'clarify', entries };
}
