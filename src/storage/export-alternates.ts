import { Document, isScalar, isSeq, Scalar } from 'yaml';
import type { KnowledgeBase } from '../knowledge/types.ts';
import type { LearnedAlternate } from './types.ts';

export interface AlternatesExport {
  readonly yaml: string;
  /** Learned questions written into entries. */
  readonly questions: number;
  /** Entries that received at least one learned question. */
  readonly entries: number;
  /** Learned questions whose entry no longer exists (listed in the header comment only). */
  readonly orphans: number;
}

const day = (d: Date) => d.toISOString().slice(0, 10);

/**
 * The learned alternate questions as a knowledge file: every entry that learned something is
 * written whole (id, topic, questions, answer, source, tags, keywords), with its learned questions
 * appended and marked `# learned <date>`. The document validates as a knowledge file on its own,
 * so an editor can review it and merge the questions into knowledge/.
 * `knowledge` should be the knowledge as loaded (learned questions are recognised and not repeated).
 */
export function exportAlternatesYaml(
  learned: readonly LearnedAlternate[],
  knowledge: KnowledgeBase,
  now: Date = new Date(),
): AlternatesExport {
  const byEntry = new Map<string, LearnedAlternate[]>();
  for (const a of learned) {
    const list = byEntry.get(a.entryId) ?? [];
    if (!list.some((x) => x.question === a.question)) list.push(a);
    byEntry.set(a.entryId, list);
  }

  const entries = knowledge.entries.filter((e) => byEntry.has(e.id));
  const orphans = [...byEntry.entries()].filter(([id]) => !knowledge.entries.some((e) => e.id === id));
  const topics = knowledge.topics.filter((t) => entries.some((e) => e.topic === t.id));

  const plain = {
    topics: topics.map((t) => ({ id: t.id, title: t.title })),
    entries: entries.map((e) => {
      const extra = new Set((byEntry.get(e.id) ?? []).map((a) => a.question));
      const original = e.questions.filter((q) => !extra.has(q));
      return {
        id: e.id,
        topic: e.topic,
        questions: [...original, ...extra],
        answer: e.answer,
        source: [...e.source],
        ...(e.tags.length > 0 ? { tags: [...e.tags] } : {}),
        ...(e.keywords.length > 0 ? { keywords: [...e.keywords] } : {}),
      };
    }),
  };

  const doc = new Document(plain);
  const header = [
    ` Learned alternate questions exported by the bot's /export on ${now.toISOString()}.`,
    ' Each entry is shown whole, as in knowledge/; the questions marked "learned" were attached by',
    ' admins from /unanswered. Review them, then merge them into the matching entries in knowledge/.',
  ];
  if (orphans.length > 0) {
    header.push(' Learned questions whose entry no longer exists in the knowledge:');
    for (const [id, list] of orphans) for (const a of list) header.push(`   ${id}: ${a.question}`);
  }
  doc.commentBefore = header.join('\n');

  plain.entries.forEach((e, i) => {
    const learnedHere = byEntry.get(e.id) ?? [];
    const questions = doc.getIn(['entries', i, 'questions'], true);
    if (isSeq(questions)) {
      for (const item of questions.items) {
        if (!isScalar(item)) continue;
        const a = learnedHere.find((x) => x.question === item.value);
        if (a) item.comment = ` learned ${day(a.addedAt)}`;
      }
    }
    for (const key of ['source', 'tags', 'keywords']) {
      const seq = doc.getIn(['entries', i, key], true);
      if (isSeq(seq)) seq.flow = true;
    }
    const answer = doc.getIn(['entries', i, 'answer'], true);
    if (isScalar(answer)) answer.type = Scalar.BLOCK_FOLDED;
  });

  const questions = entries.reduce((n, e) => n + (byEntry.get(e.id)?.length ?? 0), 0);
  return {
    yaml: doc.toString({ lineWidth: 100, flowCollectionPadding: false }),
    questions,
    entries: entries.length,
    orphans: orphans.reduce((n, [, list]) => n + list.length, 0),
  };
}
