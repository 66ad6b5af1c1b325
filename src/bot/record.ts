import type { Logger } from '../logger.ts';
import type { Reply } from '../qa/types.ts';
import type { ChatKind, Store } from '../storage/types.ts';

/** Record a handled question. Storage trouble is logged, never allowed to block a reply. */
export function recordQuestion(
  store: Store,
  log: Logger,
  reply: Reply,
  where: { chatKind: ChatKind; userId: number | null; chatId: number | null; text?: string },
): void {
  try {
    store.recordQuestion({
      at: new Date(),
      chatKind: where.chatKind,
      userId: where.userId,
      chatId: where.chatId,
      status: reply.status,
      entryId: reply.entryId,
      score: reply.score,
      text: where.text ?? reply.query,
      normalized: reply.normalized,
    });
  } catch (err) {
    log.error({ err }, 'could not record the question');
  }
}
