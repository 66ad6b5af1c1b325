/** An in-memory Store for bot tests: records what the bot stores, nothing more. */
import type { GroupMode, QuestionEvent, StatsReport, Store } from '../../src/storage/types.ts';

export interface FakeStore extends Store {
  readonly questions: QuestionEvent[];
  readonly votes: Array<{ userId: number; entryId: string; answerKey: string; value: 1 | -1 }>;
  readonly modes: Map<number, GroupMode>;
  /** Make recordQuestion throw (to check that storage trouble never blocks a reply). */
  failWrites: boolean;
}

export function createFakeStore(): FakeStore {
  const questions: QuestionEvent[] = [];
  const votes: FakeStore['votes'] = [];
  const modes = new Map<number, GroupMode>();
  const store: FakeStore = {
    questions,
    votes,
    modes,
    failWrites: false,
    recordQuestion(event) {
      if (store.failWrites) throw new Error('disk full');
      questions.push(event);
    },
    recordFeedback(vote) {
      const old = votes.find((v) => v.userId === vote.userId && v.answerKey === vote.answerKey);
      if (old) {
        if (old.value === vote.value) return 'same';
        old.value = vote.value;
        return 'changed';
      }
      votes.push({
        userId: vote.userId,
        entryId: vote.entryId,
        answerKey: vote.answerKey,
        value: vote.value,
      });
      return 'new';
    },
    stats(days): StatsReport {
      return {
        days,
        total: questions.length,
        byStatus: { answered: 0, clarify: 0, unknown: 0, smalltalk: 0 },
        byChatKind: { private: 0, group: 0, inline: 0, console: 0 },
        distinctUsers: 0,
        topEntries: [],
        worstRated: [],
      };
    },
    unanswered: () => [],
    unansweredByRef: () => null,
    dismissUnanswered() {},
    addAlternate() {},
    alternates: () => [],
    audit() {},
    getGroupMode: (chatId) => modes.get(chatId) ?? 'all',
    setGroupMode(chatId, mode) {
      modes.set(chatId, mode);
    },
    prune: () => 0,
    close() {},
  };
  return store;
}
