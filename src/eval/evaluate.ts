import type { Engine, ReplyStatus } from '../qa/types.ts';

/** One labelled question: the expected entry id, or `unknown` / `smalltalk`. */
export interface EvalItem {
  readonly q: string;
  readonly expect: string;
  readonly category: string;
}

export interface Miss {
  readonly q: string;
  readonly expect: string;
  readonly got: string;
  readonly status: ReplyStatus;
  readonly score: number | null;
  readonly category: string;
}

export interface CategoryFigure {
  readonly total: number;
  readonly correct: number;
  readonly rate: number;
}

export interface EvalReport {
  readonly total: number;
  /** in-scope questions answered with the expected entry, over all in-scope questions */
  readonly top1: number;
  /** in-scope questions where the expected entry was answered or offered in a clarify question */
  readonly top1OrClarify: number;
  /** in-scope questions answered with a WRONG entry (a confident wrong fact) */
  readonly wrongAnswer: number;
  /** out-of-scope questions not answered with any report fact */
  readonly outOfScopeRejection: number;
  /** small-talk messages recognised as small talk */
  readonly smalltalk: number;
  readonly counts: { readonly inScope: number; readonly outOfScope: number; readonly smalltalk: number };
  readonly byCategory: Readonly<Record<string, CategoryFigure>>;
  readonly misses: readonly Miss[];
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);

/** Is this reply what the label asks for? */
export function isCorrect(item: EvalItem, status: ReplyStatus, entryId: string | null): boolean {
  if (item.expect === 'unknown') return status !== 'answered';
  if (item.expect === 'smalltalk') return status === 'smalltalk';
  return status === 'answered' && entryId === item.expect;
}

export function evaluate(engine: Engine, items: readonly EvalItem[]): EvalReport {
  let inScope = 0;
  let top1 = 0;
  let lenient = 0;
  let wrong = 0;
  let oos = 0;
  let rejected = 0;
  let st = 0;
  let stOk = 0;
  const cats = new Map<string, { total: number; correct: number }>();
  const misses: Miss[] = [];
  for (const item of items) {
    const r = engine.ask(item.q);
    const ok = isCorrect(item, r.status, r.entryId);
    const c = cats.get(item.category) ?? { total: 0, correct: 0 };
    c.total++;
    if (ok) c.correct++;
    cats.set(item.category, c);
    if (item.expect === 'unknown') {
      oos++;
      if (ok) rejected++;
    } else if (item.expect === 'smalltalk') {
      st++;
      if (ok) stOk++;
    } else {
      inScope++;
      if (ok) top1++;
      if (ok || (r.status === 'clarify' && r.suggestions.some((s) => s.entryId === item.expect))) lenient++;
      if (r.status === 'answered' && r.entryId !== item.expect) wrong++;
    }
    if (!ok) {
      const got =
        r.status === 'clarify'
          ? `clarify[${r.suggestions.map((s) => s.entryId).join(',')}]`
          : (r.entryId ?? r.status);
      misses.push({
        q: item.q,
        expect: item.expect,
        got,
        status: r.status,
        score: r.score,
        category: item.category,
      });
    }
  }
  const byCategory: Record<string, CategoryFigure> = {};
  for (const [k, v] of [...cats].sort((a, b) => a[0].localeCompare(b[0]))) {
    byCategory[k] = { ...v, rate: ratio(v.correct, v.total) };
  }
  return {
    total: items.length,
    top1: ratio(top1, inScope),
    top1OrClarify: ratio(lenient, inScope),
    wrongAnswer: ratio(wrong, inScope),
    outOfScopeRejection: ratio(rejected, oos),
    smalltalk: ratio(stOk, st),
    counts: { inScope, outOfScope: oos, smalltalk: st },
    byCategory,
    misses,
  };
}

/** Parse JSON Lines of EvalItem; throws with the line number on a bad line. */
export function parseEvalLines(text: string, name: string): EvalItem[] {
  const out: EvalItem[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch {
      throw new Error(`${name}:${i + 1}: not valid JSON`);
    }
    const o = v as Partial<EvalItem>;
    if (typeof o.q !== 'string' || typeof o.expect !== 'string' || typeof o.category !== 'string') {
      throw new Error(`${name}:${i + 1}: needs string fields q, expect, category`);
    }
    out.push({ q: o.q, expect: o.expect, category: o.category });
  });
  return out;
}
