import type { Engine } from '../qa/types.ts';
import type { KnowledgeBase } from './types.ts';

export type ReloadResult =
  | {
      readonly ok: true;
      readonly entries: number;
      readonly smalltalk: number;
      readonly files: readonly string[];
    }
  | { readonly ok: false; readonly error: string };

export interface AlternateQuestion {
  readonly entryId: string;
  readonly question: string;
}

/**
 * Holds the current engine and swaps it atomically: a new engine is built completely
 * before the reference changes, so no request ever sees a half-built index.
 */
export interface EngineHolder {
  /** The engine to use for this request (read it once per request). */
  readonly engine: Engine;
  /** Re-read the knowledge files; on any error the old engine stays and the error is returned. */
  reload(): ReloadResult;
  /** Add a learned alternate question to an entry and swap in a rebuilt engine. False if no such entry. */
  learn(entryId: string, question: string): boolean;
}

export interface EngineHolderDeps {
  /** Reads and validates the knowledge (throws KnowledgeError on a broken file). */
  readonly load: () => KnowledgeBase;
  readonly build: (kb: KnowledgeBase) => Engine;
  /** Learned alternates to merge into the knowledge at every build (e.g. from storage). */
  readonly alternates?: () => readonly AlternateQuestion[];
}

/** Merge learned alternate questions into their entries (unknown entry ids are skipped). */
export function withAlternates(kb: KnowledgeBase, alts: readonly AlternateQuestion[]): KnowledgeBase {
  if (alts.length === 0) return kb;
  const byEntry = new Map<string, string[]>();
  for (const a of alts) {
    const list = byEntry.get(a.entryId) ?? [];
    list.push(a.question);
    byEntry.set(a.entryId, list);
  }
  return {
    ...kb,
    entries: kb.entries.map((e) => {
      const extra = byEntry.get(e.id);
      if (!extra) return e;
      const questions = [...new Set([...e.questions, ...extra])];
      return { ...e, questions };
    }),
  };
}

/** Build the first engine (throws if the knowledge is broken: the caller decides to exit). */
export function createEngineHolder(deps: EngineHolderDeps): EngineHolder {
  let base = deps.load();
  const extra: AlternateQuestion[] = [];
  const compose = (kb: KnowledgeBase) => withAlternates(kb, [...(deps.alternates?.() ?? []), ...extra]);
  let current = deps.build(compose(base));

  return {
    get engine() {
      return current;
    },
    reload() {
      try {
        const kb = deps.load();
        const next = deps.build(compose(kb));
        base = kb;
        current = next;
        return { ok: true, entries: kb.entries.length, smalltalk: kb.smalltalk.length, files: kb.files };
      } catch (err) {
        return { ok: false, error: err instanceof Error ? err.message : String(err) };
      }
    },
    learn(entryId, question) {
      if (!base.entries.some((e) => e.id === entryId)) return false;
      extra.push({ entryId, question });
      current = deps.build(compose(base));
      return true;
    },
  };
}
