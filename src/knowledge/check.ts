import { createEngine, type EngineOptions } from '../qa/engine.ts';
import type { KnowledgeBase } from './types.ts';

export interface Confusable {
  readonly entryId: string;
  readonly question: string;
  /** the entry that wins when this question is left out of its own entry */
  readonly closerTo: string;
  readonly ownScore: number;
  readonly otherScore: number;
}

/**
 * Leave-one-out check: take each question out of its entry, ask the rest of the knowledge, and list
 * the questions that land closer to another entry than to their own. Those pairs confuse users too:
 * editors should reword them or make the answers distinct.
 */
export function findConfusables(kb: KnowledgeBase, opts: EngineOptions = {}): Confusable[] {
  const out: Confusable[] = [];
  kb.entries.forEach((entry, i) => {
    if (entry.questions.length < 2) return;
    entry.questions.forEach((question, qi) => {
      const reduced = {
        ...kb,
        entries: kb.entries.map((e, j) =>
          j === i ? { ...e, questions: e.questions.filter((_, k) => k !== qi) } : e,
        ),
      };
      const ranked = createEngine(reduced, opts).search(question, 5);
      const own = ranked.find((r) => r.entry.id === entry.id)?.score ?? 0;
      const other = ranked.find((r) => r.entry.id !== entry.id);
      if (other && other.score >= own) {
        out.push({
          entryId: entry.id,
          question,
          closerTo: other.entry.id,
          ownScore: own,
          otherScore: other.score,
        });
      }
    });
  });
  return out;
}
