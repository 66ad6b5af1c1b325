import { qwordWeight, type SearchIndex } from './index.ts';

/**
 * The second opinion on close candidates (decide.ts). Three views of the question, added as evidence:
 * - the naive Bayes classifier (classifier.ts): how typical each term is of an entry's paraphrases;
 * - the nearest paraphrases: cosine similarity (idf-weighted) between the question and each entry's
 *   three most similar questions. Unlike the classifier it also counts what the question does *not*
 *   say: «شو المحافظات اللي انقصفت؟» is closer to «ما المحافظات التي قصفت؟» than to «من أين عُرف
 *   أن المحافظات قصفت؟», whose extra «source» words lower the similarity;
 * - the term score itself, which the classifier alone ignores.
 */
/**
 * Weights of the nearest-paraphrase similarity and of the term score against the classifier's log
 * share. Chosen on new questions from writers the engine had never seen: on round 3 (1,120 questions,
 * before any other change was tuned on them) +11 right answers, +1 wrong; on round 5 (880, with the
 * final knowledge) +8 right, +2 wrong against the classifier alone, both at answer confidence 0.8.
 */
export const JUDGE = { nearestWeight: 8, scoreWeight: 10, nearestK: 3 } as const;

/** Mean cosine similarity between the query terms and the entry's k most similar questions. */
export function nearestSimilarity(
  index: SearchIndex,
  terms: ReadonlyMap<string, number>,
  entry: number,
  k = JUDGE.nearestK,
): number {
  const q = new Map<string, number>();
  let qn = 0;
  for (const [t, sim] of terms) {
    const w = sim * (t.startsWith('?') ? qwordWeight(t) : (index.idf.get(t) ?? 0));
    if (w <= 0) continue;
    q.set(t, w);
    qn += w * w;
  }
  if (qn === 0) return 0;
  const sims: Array<{ sim: number; count: number }> = [];
  for (const di of index.questionDocs[entry] ?? []) {
    const d = index.docs[di]!;
    let dot = 0;
    let dn = 0;
    for (const [t, w] of d.terms) {
      dn += w * w;
      const x = q.get(t);
      if (x !== undefined) dot += x * w;
    }
    if (dn > 0) sims.push({ sim: dot / Math.sqrt(qn * dn), count: d.count });
  }
  if (sims.length === 0) return 0;
  sims.sort((a, b) => b.sim - a.sim);
  // the k most similar questions, a doc standing for each question that comes down to it
  let sum = 0;
  let taken = 0;
  for (const { sim, count } of sims) {
    const n = Math.min(count, k - taken);
    sum += sim * n;
    taken += n;
    if (taken === k) break;
  }
  return sum / taken;
}

/** Shares of belief (summing to 1) among close candidates, given their term scores. */
export function judgeShares(
  index: SearchIndex,
  terms: ReadonlyMap<string, number>,
  candidates: ReadonlyArray<{ readonly entry: number; readonly score: number }>,
): number[] {
  const entries = candidates.map((c) => c.entry);
  const nb = index.classifier.shares(terms, entries);
  const z = candidates.map(
    (c, i) =>
      Math.log((nb[i] ?? 0) + 1e-9) +
      JUDGE.nearestWeight * nearestSimilarity(index, terms, c.entry) +
      JUDGE.scoreWeight * c.score,
  );
  const max = Math.max(...z);
  const exp = z.map((x) => Math.exp(x - max));
  const sum = exp.reduce((a, b) => a + b, 0);
  return exp.map((e) => e / sum);
}
