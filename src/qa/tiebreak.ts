import { smalltalkWords } from './index.ts';

/**
 * Break a near-tie between a few candidate entries by their exact wording. Term matching drops filler
 * words («شو صار», «وش صار على»); when one candidate has a question worded almost exactly like the
 * message — filler included — that wording is the best evidence left. Word-set overlap (Jaccard) over
 * the normalized words, article folded; runs only on the two or three candidates of a near-tie.
 */
export interface TieBreakOptions {
  /** The winner's best question must share at least this share of words with the message. */
  readonly minOverlap: number;
  /** …and beat every other candidate's best question by this much. */
  readonly minGap: number;
}

export const TIE_BREAK: TieBreakOptions = { minOverlap: 0.6, minGap: 0.15 };

function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let inter = 0;
  for (const w of a) if (b.has(w)) inter++;
  return inter === 0 ? 0 : inter / (a.size + b.size - inter);
}

/**
 * `candidates[i]` holds the word sets of candidate i's questions (SearchIndex.questionWords).
 * Returns the index of the winning candidate, or null when the tie stands.
 */
export function breakTie(
  normalizedQuery: string,
  candidates: ReadonlyArray<ReadonlyArray<ReadonlySet<string>>>,
  opts: TieBreakOptions = TIE_BREAK,
): number | null {
  if (candidates.length < 2) return null;
  const query = new Set(smalltalkWords(normalizedQuery));
  if (query.size === 0) return null;
  const best = candidates.map((questions) => Math.max(0, ...questions.map((q) => overlap(query, q))));
  const order = best.map((s, i) => ({ s, i })).sort((a, b) => b.s - a.s);
  const [first, second] = order;
  if (!first || !second) return null;
  return first.s >= opts.minOverlap && first.s - second.s >= opts.minGap ? first.i : null;
}
