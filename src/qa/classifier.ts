/**
 * A multinomial naive Bayes model over the knowledge's own paraphrases: each entry is a class, each of
 * its questions a training example of (resolved) terms. Where term matching weighs each word by how rare
 * it is across the whole knowledge, this model weighs it by how typical it is of one entry against its
 * neighbours: in «شو بالضبط ضربت الطيارات الأمريكية؟» the term scores tie the «what was hit» and «where»
 * entries (a generic «شو» weighs little), but «ما/شو» with a strike is typical of the targets entry's
 * questions and rare in the locations entry's. It trains in a few milliseconds at index build and is
 * only consulted to choose among candidates the term matcher already found.
 */
export interface TermClassifier {
  /** Posterior share of each candidate entry, given the query's terms (term → weight); sums to 1. */
  shares(terms: ReadonlyMap<string, number>, candidates: readonly number[]): number[];
}

export interface TrainingExample {
  readonly label: number;
  readonly terms: Iterable<string>;
}

/** Additive smoothing: low, so a term an entry never uses counts clearly against it. */
const ALPHA = 0.5;

export function trainClassifier(classes: number, examples: readonly TrainingExample[]): TermClassifier {
  const counts: Array<Map<string, number>> = Array.from({ length: classes }, () => new Map());
  const totals = new Float64Array(classes);
  const vocab = new Set<string>();
  for (const ex of examples) {
    const c = counts[ex.label];
    if (!c) continue;
    for (const t of new Set(ex.terms)) {
      c.set(t, (c.get(t) ?? 0) + 1);
      totals[ex.label]! += 1;
      vocab.add(t);
    }
  }
  const v = Math.max(vocab.size, 1);
  const logLikelihood = (cls: number, term: string): number =>
    Math.log(((counts[cls]?.get(term) ?? 0) + ALPHA) / (totals[cls]! + ALPHA * v));

  return {
    shares(terms, candidates) {
      // Uniform prior: an entry with more paraphrases is not more likely to be asked about.
      const logs = candidates.map((cls) => {
        let s = 0;
        for (const [t, w] of terms) if (vocab.has(t)) s += w * logLikelihood(cls, t);
        return s;
      });
      const max = Math.max(...logs);
      const exp = logs.map((l) => Math.exp(l - max));
      const z = exp.reduce((a, b) => a + b, 0);
      return exp.map((e) => e / z);
    },
  };
}
