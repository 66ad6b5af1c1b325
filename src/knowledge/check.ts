import { createEngine, type EngineOptions } from '../qa/engine.ts';
import type { KnowledgeBase } from './types.ts';

/** What the engine does with a question once it is taken out of its own entry. */
export type LeftOutOutcome =
  /** answered with another entry: a user typing this wording gets the wrong fact */
  | 'wrong'
  /** «هل تقصد…؟» with another entry offered first */
  | 'offered-after'
  /** «هل تقصد…؟» with its own entry first, or «لا أعرف»: no other paraphrase carries this wording */
  | 'not-answered';

export interface Confusable {
  readonly entryId: string;
  readonly question: string;
  readonly outcome: LeftOutOutcome;
  /** the entry answered or offered first instead; null when nothing else was preferred */
  readonly closerTo: string | null;
}

export interface LeaveOneOutReport {
  /** questions of entries with 2+ questions (the others cannot be left out) */
  readonly checked: number;
  /** …answered with their own entry when left out */
  readonly ownAnswered: number;
  /** every question that was not, wrong answers first */
  readonly problems: readonly Confusable[];
}

const ORDER: Record<LeftOutOutcome, number> = { wrong: 0, 'offered-after': 1, 'not-answered': 2 };

/**
 * Held-out check: take questions out of their entries, rebuild the engine (classifier included) and ask
 * each one, as a user who typed that wording would. A question answered with another entry, or offered
 * after one, confuses users too: editors should reword it or make the answers distinct. One not
 * answered at all is wording no other paraphrase of the entry carries.
 *
 * With `folds` (k), the questions are dealt into k groups and each group is left out at once, so the
 * engine is built k times instead of once per question (a build takes ~0.1 s on 4,000 questions, so
 * leave-one-out takes minutes). Each entry keeps the other k−1 parts of its paraphrases; the verdicts
 * are close to leave-one-out's and a little stricter. Without `folds`, one question at a time.
 */
export function leaveOneOut(kb: KnowledgeBase, opts: EngineOptions = {}, folds?: number): LeaveOneOutReport {
  // a question's group: its position, shifted per entry so that one build holds out different
  // positions in different entries; leave-one-out gives every question a group of its own
  const checkable = kb.entries.flatMap((entry, i) =>
    entry.questions.length < 2 ? [] : entry.questions.map((question, qi) => ({ entry: i, qi, question })),
  );
  const groupOf = (c: { entry: number; qi: number }, n: number) =>
    folds === undefined ? n : (c.qi + c.entry) % folds;
  const groups = new Map<number, typeof checkable>();
  checkable.forEach((c, n) => {
    const g = groupOf(c, n);
    const list = groups.get(g);
    if (list) list.push(c);
    else groups.set(g, [c]);
  });
  const problems: Confusable[] = [];
  for (const group of groups.values()) {
    const out = new Set(group.map((c) => `${c.entry}:${c.qi}`));
    const reduced = {
      ...kb,
      entries: kb.entries.map((e, j) => {
        const kept = e.questions.filter((_, k) => !out.has(`${j}:${k}`));
        // an entry never loses all its questions at once
        return kept.length > 0 ? { ...e, questions: kept } : e;
      }),
    };
    const engine = createEngine(reduced, opts);
    for (const { entry: i, question } of group) {
      const id = kb.entries[i]!.id;
      const r = engine.ask(question);
      if (r.status === 'answered' && r.entryId === id) continue;
      const first =
        r.status === 'answered' ? r.entryId : r.status === 'clarify' ? r.suggestions[0]?.entryId : null;
      const other = first && first !== id ? first : null;
      const outcome: LeftOutOutcome =
        r.status === 'answered' && other ? 'wrong' : other ? 'offered-after' : 'not-answered';
      problems.push({ entryId: id, question, outcome, closerTo: other });
    }
  }
  problems.sort((a, b) => ORDER[a.outcome] - ORDER[b.outcome]);
  return { checked: checkable.length, ownAnswered: checkable.length - problems.length, problems };
}

export interface Blocked {
  readonly entryId: string;
  readonly question: string;
  /** the unanswerable question nearest to it, the one to reword or remove */
  readonly by: string | null;
}

/**
 * Entry questions that the knowledge's unanswerable list silences: asked as written, the engine says
 * «لا أعرف» although, without the list, it answers them with their own entry. An unanswerable question
 * worded like a real one should be reworded or removed; each is named with the nearest one.
 */
export function blockedByUnanswerable(kb: KnowledgeBase, opts: EngineOptions = {}): Blocked[] {
  const list = kb.unanswerable ?? [];
  if (list.length === 0) return [];
  const full = createEngine(kb, opts);
  const without = createEngine({ ...kb, unanswerable: [] }, opts);
  const silenced: Array<{ entryId: string; question: string }> = [];
  for (const entry of kb.entries) {
    for (const question of entry.questions) {
      if (full.ask(question).status !== 'unknown') continue;
      const r = without.ask(question);
      if (r.status === 'answered' && r.entryId === entry.id) silenced.push({ entryId: entry.id, question });
    }
  }
  if (silenced.length === 0) return [];
  // the same matcher over the list, one entry per unanswerable question, names the nearest one
  const nearest = createEngine(
    {
      ...kb,
      entries: list.map((q, i) => ({
        id: String(i),
        topic: '',
        questions: [q],
        answer: q,
        source: [],
        tags: [],
        keywords: [],
      })),
      unanswerable: [],
    },
    opts,
  );
  return silenced.map((s) => {
    const hit = nearest.search(s.question, 1)[0];
    return { ...s, by: hit ? (list[Number(hit.entry.id)] ?? null) : null };
  });
}
