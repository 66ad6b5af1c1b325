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
 * answered: the best is confident and clearly ahead; clarify: two or three close candidates,
 * or one that is plausible but not confident; unknown: nothing close.
 */
export function decide(ranked: readonly Candidate[], t: Thresholds): Decision {
  const [best, second] = ranked;
  if (!best || best.score < t.clarify) return { kind: 'unknown' };
  const close = !!second && best.score - second.score < t.margin;
  if ((best.cover ?? 1) < MIN_COVER) return { kind: 'unknown' };
  if (best.score >= t.answer && !close) return { kind: 'answered', entry: best.entry };
  const floor = Math.max(t.clarify, best.score - CLARIFY_WINDOW);
  const entries = ranked
    .filter((c) => c.score >= floor)
    .slice(0, MAX_CLARIFY)
    .map((c) => c.entry);
  return { kind: 'clarify', entries };
}
