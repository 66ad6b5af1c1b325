import type { ReplyStatus } from '../qa/types.ts';

export type ChatKind = 'private' | 'group' | 'inline' | 'console';

/** One handled question. Raw user/chat ids go in; the store keeps only keyed hashes. */
export interface QuestionEvent {
  readonly at: Date;
  readonly chatKind: ChatKind;
  readonly userId: number | null;
  readonly chatId: number | null;
  readonly status: ReplyStatus;
  readonly entryId: string | null;
  readonly score: number | null;
  /** The question text; the store cuts it to a bounded length. */
  readonly text: string;
  /** Normalized form, used to group unanswered questions. */
  readonly normalized: string;
}

export interface StatsReport {
  readonly days: number;
  readonly total: number;
  readonly byStatus: Readonly<Record<ReplyStatus, number>>;
  readonly byChatKind: Readonly<Record<ChatKind, number>>;
  readonly distinctUsers: number;
  readonly topEntries: ReadonlyArray<{ entryId: string; count: number }>;
  readonly worstRated: ReadonlyArray<{ entryId: string; up: number; down: number }>;
}

export interface UnansweredGroup {
  readonly normalized: string;
  /** The most recent raw text of this group. */
  readonly sample: string;
  readonly count: number;
  readonly lastAt: Date;
}

export interface LearnedAlternate {
  readonly entryId: string;
  readonly question: string;
  readonly addedAt: Date;
}

export type GroupMode = 'all' | 'ask-only';

/** The bot's memory. SQLite ships; the interface keeps a PostgreSQL port possible. */
export interface Store {
  recordQuestion(event: QuestionEvent): void;
  /** Returns 'new' | 'changed' | 'same' so the UI can acknowledge appropriately. */
  recordFeedback(vote: {
    userId: number;
    entryId: string;
    answerKey: string;
    value: 1 | -1;
    at: Date;
  }): 'new' | 'changed' | 'same';
  stats(days: number, now?: Date): StatsReport;
  unanswered(opts: { days: number; limit: number; now?: Date }): UnansweredGroup[];
  dismissUnanswered(normalized: string, adminId: number): void;
  addAlternate(entryId: string, question: string, adminId: number): void;
  alternates(): LearnedAlternate[];
  audit(adminId: number, action: string, detail: string): void;
  getGroupMode(chatId: number): GroupMode;
  setGroupMode(chatId: number, mode: GroupMode, adminId: number): void;
  /** Delete question rows older than the retention window; returns rows deleted. */
  prune(retentionDays: number, now?: Date): number;
  close(): void;
}
