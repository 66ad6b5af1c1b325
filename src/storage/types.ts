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
  /** Short stable numeric reference to this group (fits in callback data instead of the text). */
  readonly ref: number;
  readonly normalized: string;
  /** The most recently recorded raw text of this group. */
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
  /** Best effort: never throws (a storage failure is logged, the reply goes out anyway). */
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
  /** The group behind a ref handed out by `unanswered`, or null when unknown. */
  unansweredByRef(ref: number): { ref: number; normalized: string; sample: string } | null;
  /** Hide this normalized form from `unanswered` for good (audited). */
  dismissUnanswered(normalized: string, adminId: number): void;
  /**
   * Store a learned alternate question (audited; a repeat is a no-op). With `resolves`, that
   * unanswered group is hidden until it is asked (and missed) again.
   */
  addAlternate(entryId: string, question: string, adminId: number, opts?: { resolves?: string }): void;
  alternates(): LearnedAlternate[];
  audit(adminId: number, action: string, detail: string): void;
  getGroupMode(chatId: number): GroupMode;
  setGroupMode(chatId: number, mode: GroupMode, adminId: number): void;
  /** Delete question rows older than the retention window; returns rows deleted. */
  prune(retentionDays: number, now?: Date): number;
  close(): void;
}
