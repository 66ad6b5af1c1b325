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
 * Leave-one-out check: take each question out of its entry, rebuild the engine (classifier included)
 * and ask it the question, as a user who typed that wording would. A question answered with another
 * entry, or offered after one, confuses users too: editors should reword it or make the answers
 * distinct. One not answered at all is wording no other paraphrase of the entry carries.
 */
export function leaveOneOut(kb: KnowledgeBase, opts: EngineOptions = {}): LeaveOneOutReport {
  const problems: Confusable[] = [];
  let checked = 0;
  kb.entries.forEach((entry, i) => {
    if (entry.questions.length < 2) return;
    entry.questions.forEach((question, qi) => {
      checked++;
      const reduced = {
        ...kb,
        entries: kb.entries.map((e, j) =>
          j === i ? { ...e, questions: e.questions.filter((_, k) => k !== qi) } : e,
        ),
      };
      const r = createEngine(reduced, opts).ask(question);
      if (r.status === 'answered' && r.entryId === entry.id) return;
      const first =
        r.status === 'answered' ? r.entryId : r.status === 'clarify' ? r.suggestions[0]?.entryId : null;
      const other = first && first !== entry.id ? first : null;
      const outcome: LeftOutOutcome =
        r.status === 'answered' && other ? 'wrong' : other ? 'offered-after' : 'not-answered';
      problems.push({ entryId: entry.id, question, outcome, closerTo: other });
    });
  });
  problems.sort((a, b) => ORDER[a.outcome] - ORDER[b.outcome]);
  return { checked, ownAnswered: checked - problems.length, problems };
}

export interface Blocked {
  readonly entryId: string;
  readonly question: string;
}

/**
 * Entry questions that the knowledge's unanswerable list silences: asked as written, the engine says
 * «لا أعرف» although, without the list, it answers them with their own entry. An unanswerable question
 * worded like a real one should be reworded or removed.
 */
export function blockedByUnanswerable(kb: KnowledgeBase, opts: EngineOptions = {}): Blocked[] {
  if (!kb.unanswerable?.length) return [];
  const full = createEngine(kb, opts);
  const without = createEngine({ ...kb, unanswerable: [] }, opts);
  const out: Blocked[] = [];
  for (const entry of kb.entries) {
    for (const question of entry.questions) {
      if (full.ask(question).status !== 'unknown') continue;
      const r = without.ask(question);
      if (r.status === 'answered' && r.entryId === entry.id) out.push({ entryId: entry.id, question });
    }
  }
  return out;
}
