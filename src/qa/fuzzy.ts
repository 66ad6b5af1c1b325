/**
 * Typo-tolerant word lookup: a deletion-neighbourhood index (the SymSpell idea) over a fixed
 * vocabulary, verified with the optimal-string-alignment distance (insert, delete, substitute,
 * swap two neighbours). Lookup cost does not grow with the vocabulary size.
 */

/** Optimal string alignment distance (Damerau-Levenshtein without repeated edits of a substring). */
export function osaDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = a.length;
  const m = b.length;
  let prev2 = new Array<number>(m + 1).fill(0);
  let prev = Array.from({ length: m + 1 }, (_, j) => j);
  let cur = new Array<number>(m + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[m]!;
}

/**
 * The edit budget for a word: none up to 4 letters (Arabic has too many real four-letter words one
 * edit apart: سكان/مكان), nor when the article hides a stem that short (الأسد/الاسم), 1 up to 8
 * letters, 2 above.
 */
export function maxEditsFor(word: string): number {
  const length = word.length;
  if (length < 5 || (word.startsWith('ال') && length < 6)) return 0;
  if (length < 9) return 1;
  return 2;
}

function deletes(word: string, depth: number, out: Set<string>): void {
  if (depth === 0 || word.length <= 2) return;
  for (let i = 0; i < word.length; i++) {
    const d = word.slice(0, i) + word.slice(i + 1);
    if (!out.has(d)) {
      out.add(d);
      deletes(d, depth - 1, out);
    }
  }
}

export interface FuzzyHit {
  readonly word: string;
  readonly distance: number;
}

export class FuzzyIndex {
  private readonly byDelete = new Map<string, string[]>();
  private readonly words = new Set<string>();

  constructor(vocabulary: Iterable<string>) {
    for (const w of vocabulary) {
      if (w.length < 5 || this.words.has(w)) continue;
      this.words.add(w);
      const keys = new Set<string>([w]);
      deletes(w, maxEditsFor(w), keys);
      for (const k of keys) {
        const list = this.byDelete.get(k);
        if (list) list.push(w);
        else this.byDelete.set(k, [w]);
      }
    }
  }

  get size(): number {
    return this.words.size;
  }

  /** Closest vocabulary words within the edit budget of `word` (best distance first). */
  lookup(word: string): FuzzyHit[] {
    const budget = maxEditsFor(word);
    if (budget === 0) return [];
    const keys = new Set<string>([word]);
    deletes(word, budget, keys);
    const seen = new Set<string>();
    const hits: FuzzyHit[] = [];
    for (const k of keys) {
      const list = this.byDelete.get(k);
      if (!list) continue;
      for (const cand of list) {
        if (seen.has(cand)) continue;
        seen.add(cand);
        const max = Math.min(budget, maxEditsFor(cand));
        const d = osaDistance(word, cand, max);
        if (d >= 1 && d <= max) hits.push({ word: cand, distance: d });
      }
    }
    hits.sort((x, y) => x.distance - y.distance || x.word.localeCompare(y.word));
    return hits;
  }
}
