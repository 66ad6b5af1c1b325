import type { KnowledgeBase, KnowledgeEntry } from '../knowledge/types.ts';
import type { Suggestion } from '../qa/types.ts';

/**
 * Example questions: the first entry of each topic in topic order, then the second of each, …
 * (so a handful of examples covers the whole report). Pure.
 */
export function exampleEntries(kb: KnowledgeBase, count: number): KnowledgeEntry[] {
  const byTopic = kb.topics.map((t) => kb.entries.filter((e) => e.topic === t.id));
  const orphans = kb.entries.filter((e) => !kb.topics.some((t) => t.id === e.topic));
  if (orphans.length > 0) byTopic.push(orphans);
  const out: KnowledgeEntry[] = [];
  for (let round = 0; out.length < count; round++) {
    let added = false;
    for (const list of byTopic) {
      const e = list[round];
      if (!e) continue;
      added = true;
      out.push(e);
      if (out.length >= count) break;
    }
    if (!added) break;
  }
  return out;
}

export function asSuggestion(e: KnowledgeEntry): Suggestion {
  return { entryId: e.id, question: e.questions[0] ?? e.id };
}

/** One example question to show in usage hints. */
export function exampleQuestion(kb: KnowledgeBase): string {
  const e = exampleEntries(kb, 1)[0];
  return e ? asSuggestion(e).question : '';
}
