import { describe, expect, it } from 'vitest';
import { trainClassifier } from '../../src/qa/classifier.ts';

// Three entries about one base: counted attacks, pursued attackers, the base itself.
const examples = [
  { label: 0, terms: ['?howmany', '#attack', 'تاجي'] },
  { label: 0, terms: ['?howmany', '#attack', 'مره'] },
  { label: 0, terms: ['#attack', 'تاجي', 'عدد'] },
  { label: 1, terms: ['#pursue', 'مهاجمين', 'تاجي'] },
  { label: 1, terms: ['اجراءات', 'مهاجمين'] },
  { label: 1, terms: ['#pursue', '#attack', 'تاجي'] },
  { label: 2, terms: ['?where', 'تاجي', 'قاعده'] },
  { label: 2, terms: ['تاجي', 'قاعده', 'شمال'] },
  { label: 2, terms: ['?what', 'تاجي'] },
  { label: 2, terms: ['تاجي', 'قاعده', 'بغداد'] },
];
const clf = trainClassifier(3, examples);
const terms = (...t: string[]) => new Map(t.map((x) => [x, 1]));

describe('paraphrase classifier', () => {
  it('returns one share per candidate, summing to 1', () => {
    const s = clf.shares(terms('تاجي', '#attack'), [0, 1, 2]);
    expect(s).toHaveLength(3);
    expect(s.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
  });
  it('credits the entry whose questions use a word typical of it', () => {
    const [count, pursued] = clf.shares(terms('تاجي', '#attack', 'اجراءات', 'مهاجمين'), [0, 1]);
    expect(pursued).toBeGreaterThan(0.8);
    expect(count).toBeLessThan(0.2);
  });
  it('is unsure when the words are shared by every candidate', () => {
    const [a, b, c] = clf.shares(terms('تاجي'), [0, 1, 2]);
    for (const s of [a, b, c]) expect(s).toBeGreaterThan(0.2);
  });
  it('does not favour the entry with more questions for a word it has never seen', () => {
    const [x, y] = clf.shares(terms('كلمه-جديده'), [1, 2]);
    expect(x).toBeCloseTo(0.5, 10);
    expect(y).toBeCloseTo(0.5, 10);
  });
  it('gives the same answer for the same input (no randomness in training)', () => {
    const again = trainClassifier(3, examples);
    const q = terms('تاجي', '#pursue');
    expect(again.shares(q, [0, 1, 2])).toEqual(clf.shares(q, [0, 1, 2]));
  });
});
