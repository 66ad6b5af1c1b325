/**
 * A tiny deterministic Engine for bot tests (no ranking): a message equal to one of an entry's
 * questions is answered; a message containing «؟؟» asks to clarify between the first two entries;
 * anything else is unknown with the first three entries as examples.
 */
import type { KnowledgeBase, KnowledgeEntry } from '../../src/knowledge/types.ts';
import type { Engine, Reply, Suggestion } from '../../src/qa/types.ts';

export const FAKE_KB: KnowledgeBase = {
  title: 'تقرير تجريبي',
  topics: [
    { id: 'qaim', title: 'قاعدة القائم' },
    { id: 'taji', title: 'هجمات <التاجي> & الرد' },
  ],
  entries: [
    {
      id: 'qaim-troop-count',
      topic: 'qaim',
      questions: ['كم عدد الجنود الذين سيغادرون القائم؟'],
      answer: 'سينقل نحو 300 عنصر من قاعدة القائم.',
      source: [5],
      tags: [],
      keywords: [],
    },
    {
      id: 'qaim-handover',
      topic: 'qaim',
      questions: ['لمن سلم التحالف قاعدة القائم؟'],
      answer: 'سلّم التحالف القاعدة إلى القوات العراقية <يوم الثلاثاء> & ذلك بعد إعلان.',
      source: [1, 2],
      tags: [],
      keywords: [],
    },
    {
      id: 'taji-attacks',
      topic: 'taji',
      questions: ['كم مرة هوجمت التاجي؟'],
      answer: 'هوجمت مرتين.',
      source: [10],
      tags: [],
      keywords: [],
    },
  ],
  smalltalk: [],
  files: ['fake.yaml'],
};

const suggestion = (e: KnowledgeEntry): Suggestion => ({ entryId: e.id, question: e.questions[0] ?? e.id });

export function createFakeEngine(kb: KnowledgeBase = FAKE_KB): Engine & { asked: string[] } {
  const asked: string[] = [];
  const base = (
    query: string,
  ): Omit<Reply, 'status' | 'answer' | 'entryId' | 'score' | 'suggestions' | 'source'> => ({
    query,
    normalized: query.trim(),
  });
  return {
    asked,
    knowledge: kb,
    ask(text) {
      asked.push(text);
      const hit = kb.entries.find((e) => e.questions.includes(text.trim()));
      if (hit) {
        return {
          ...base(text),
          status: 'answered',
          answer: hit.answer,
          entryId: hit.id,
          score: 1,
          suggestions: [],
          source: hit.source,
        };
      }
      if (text.includes('؟؟')) {
        return {
          ...base(text),
          status: 'clarify',
          answer: 'هل تقصد أحد هذه الأسئلة؟',
          entryId: null,
          score: 0.5,
          suggestions: kb.entries.slice(0, 2).map(suggestion),
          source: [],
        };
      }
      return {
        ...base(text),
        status: 'unknown',
        answer: 'عذرًا، لا أعرف.',
        entryId: null,
        score: 0,
        suggestions: kb.entries.slice(0, 3).map(suggestion),
        source: [],
      };
    },
    search(text, limit = 10) {
      return kb.entries
        .filter((e) => e.questions.some((q) => q.includes(text.trim()) || text.includes(q)))
        .slice(0, limit)
        .map((entry) => ({ entry, score: 0.9 }));
    },
    entry: (id) => kb.entries.find((e) => e.id === id),
    normalize: (text) => text.trim(),
  };
}
