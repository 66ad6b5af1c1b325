import type { KnowledgeBase, KnowledgeEntry } from '../src/knowledge/types.ts';

/** Deterministic PRNG (mulberry32) so every bench run uses the same synthetic data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LETTERS = 'ابتثجحخدذرزسشصضطظعغفقكلمنهوي';
const QWORDS = ['ما', 'كم', 'متى', 'أين', 'من', 'لماذا', 'هل', 'كيف', 'شو', 'وين'];

/**
 * A knowledge base of `n` entries with `questionsPer` questions each, over a Zipf-like vocabulary
 * of synthetic Arabic words (common words shared widely, rare words specific to an entry), so the
 * index sees realistic posting-list lengths.
 */
export function syntheticKnowledge(n: number, questionsPer = 6, seed = 42): KnowledgeBase {
  const rand = rng(seed);
  const vocabSize = Math.max(2000, n * 3);
  const vocab: string[] = [];
  const seen = new Set<string>();
  while (vocab.length < vocabSize) {
    const len = 3 + Math.floor(rand() * 6);
    let w = '';
    for (let i = 0; i < len; i++) w += LETTERS[Math.floor(rand() * LETTERS.length)];
    if (!seen.has(w)) {
      seen.add(w);
      vocab.push(w);
    }
  }
  const zipf = () => vocab[Math.min(vocabSize - 1, Math.floor(vocabSize * rand() ** 2.2))]!;
  const entries: KnowledgeEntry[] = [];
  for (let i = 0; i < n; i++) {
    const topicWords = [zipf(), zipf(), vocab[Math.floor(rand() * vocabSize)]!];
    const questions: string[] = [];
    for (let q = 0; q < questionsPer; q++) {
      const words = [QWORDS[Math.floor(rand() * QWORDS.length)]!, ...topicWords.slice(0, 2 + (q % 2))];
      const extra = 2 + Math.floor(rand() * 3);
      for (let k = 0; k < extra; k++) words.push(zipf());
      questions.push(`${words.join(' ')}؟`);
    }
    const answer = [...topicWords, zipf(), zipf(), zipf(), zipf()].join(' ');
    entries.push({ id: `e-${i}`, topic: 't', questions, answer, source: [1], tags: [], keywords: [] });
  }
  return { title: 'synthetic', topics: [{ id: 't', title: 't' }], entries, smalltalk: [], files: [] };
}

/** Queries like users': a question with a word dropped, a letter typo, or an unrelated word added. */
export function syntheticQueries(kb: KnowledgeBase, count: number, seed = 7): string[] {
  const rand = rng(seed);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const e = kb.entries[Math.floor(rand() * kb.entries.length)]!;
    const q = e.questions[Math.floor(rand() * e.questions.length)]!.replace('؟', '');
    const words = q.split(' ');
    const mode = i % 4;
    if (mode === 1 && words.length > 3) words.splice(1 + Math.floor(rand() * (words.length - 1)), 1);
    if (mode === 2) {
      const wi = 1 + Math.floor(rand() * (words.length - 1));
      const w = words[wi]!;
      const ci = Math.floor(rand() * w.length);
      words[wi] = w.slice(0, ci) + LETTERS[Math.floor(rand() * LETTERS.length)] + w.slice(ci + 1);
    }
    if (mode === 3) words.push('سكان');
    out.push(words.slice(0, 6).join(' '));
  }
  return out;
}
