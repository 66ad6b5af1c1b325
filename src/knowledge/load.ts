import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { z } from 'zod';
import { REPORT_TITLE } from '../messages.ar.ts';
import { EntrySchema, KnowledgeFileSchema, SmalltalkSchema, TopicSchema } from './schema.ts';
import type { KnowledgeBase, KnowledgeEntry, SmalltalkEntry, Topic } from './types.ts';

/** A knowledge file that cannot be used. The message names the file, the entry id and the field. */
export class KnowledgeError extends Error {
  override readonly name = 'KnowledgeError';
  constructor(
    readonly file: string,
    readonly entryId: string | null,
    readonly field: string | null,
    detail: string,
  ) {
    const where = [file, entryId ? `entry "${entryId}"` : null, field ? `field "${field}"` : null]
      .filter(Boolean)
      .join(', ');
    super(`${where}: ${detail}`);
  }
}

export interface SourceText {
  readonly file: string;
  readonly text: string;
}

/** Knowledge files in a path: the file itself, or every .yaml/.yml in a folder (sorted, not recursive). */
export function listKnowledgeFiles(path: string): string[] {
  let st: ReturnType<typeof statSync>;
  try {
    st = statSync(path);
  } catch {
    throw new KnowledgeError(path, null, null, 'no such file or folder');
  }
  if (st.isFile()) return [path];
  const files = readdirSync(path)
    .filter((f) => ['.yaml', '.yml'].includes(extname(f).toLowerCase()))
    .sort()
    .map((f) => join(path, f));
  if (files.length === 0)
    throw new KnowledgeError(path, null, null, 'the folder has no .yaml knowledge files');
  return files;
}

/** Read and validate every knowledge file under `path`. All or nothing: any error throws. */
export function loadKnowledge(path: string): KnowledgeBase {
  const sources = listKnowledgeFiles(path).map((file) => {
    try {
      return { file, text: readFileSync(file, 'utf8') };
    } catch (err) {
      throw new KnowledgeError(file, null, null, `cannot read: ${(err as Error).message}`);
    }
  });
  return parseKnowledge(sources);
}

function firstIssue(err: z.ZodError): { field: string; message: string } {
  const issue = err.issues[0];
  if (!issue) return { field: '', message: 'invalid' };
  return { field: issue.path.map(String).join('.'), message: issue.message };
}

function rawId(raw: unknown): string | null {
  if (raw && typeof raw === 'object' && 'id' in raw && typeof raw.id === 'string') return raw.id;
  return null;
}

/** Pure: parse and validate knowledge sources (file name + YAML text). */
export function parseKnowledge(sources: readonly SourceText[]): KnowledgeBase {
  const topics: Topic[] = [];
  const entries: KnowledgeEntry[] = [];
  const smalltalk: SmalltalkEntry[] = [];
  const unanswerable: string[] = [];
  const seen = new Map<string, string>();
  let title: string | undefined;

  for (const { file, text } of sources) {
    const name = file;
    let doc: unknown;
    try {
      doc = parseYaml(text, { uniqueKeys: true, maxAliasCount: 100 });
    } catch (err) {
      const detail = err instanceof YAMLParseError ? err.message.split('\n')[0] : String(err);
      throw new KnowledgeError(name, null, null, `invalid YAML: ${detail}`);
    }
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
      throw new KnowledgeError(
        name,
        null,
        null,
        'expected a mapping with "entries", "topics", "smalltalk" and/or "unanswerable"',
      );
    }
    const file_ = KnowledgeFileSchema.safeParse(doc);
    if (!file_.success) {
      const { field, message } = firstIssue(file_.error);
      throw new KnowledgeError(name, null, field, message);
    }
    title ??= file_.data.title;

    const claim = (id: string, field: string) => {
      const prev = seen.get(id);
      if (prev) throw new KnowledgeError(name, id, field, `duplicate id (already used in ${prev})`);
      seen.set(id, name);
    };

    /** Validate one section's items; the error names the item's id (or its position) and the field. */
    const section = <T>(items: readonly unknown[], schema: z.ZodType<T>, label: string): T[] =>
      items.map((raw, i) => {
        const r = schema.safeParse(raw);
        if (!r.success) {
          const { field, message } = firstIssue(r.error);
          throw new KnowledgeError(name, rawId(raw) ?? `${label}[${i}]`, field, message);
        }
        return r.data;
      });

    for (const t of section(file_.data.topics, TopicSchema, 'topics')) {
      if (topics.some((x) => x.id === t.id)) throw new KnowledgeError(name, t.id, 'id', 'duplicate topic id');
      topics.push(t);
    }
    for (const e of section(file_.data.entries, EntrySchema, 'entries')) {
      claim(e.id, 'id');
      entries.push(e);
    }
    for (const st of section(file_.data.smalltalk, SmalltalkSchema, 'smalltalk')) {
      claim(st.id, 'id');
      smalltalk.push(st);
    }
    unanswerable.push(...file_.data.unanswerable);
  }

  const last = sources.at(-1)?.file ?? 'knowledge';
  if (entries.length === 0) throw new KnowledgeError(last, null, 'entries', 'no report entries were found');
  for (const e of entries) {
    if (topics.length > 0 && !topics.some((t) => t.id === e.topic)) {
      throw new KnowledgeError(seen.get(e.id) ?? last, e.id, 'topic', `unknown topic "${e.topic}"`);
    }
  }
  // A topic list is optional: derive one from the entries' topic ids when absent.
  const finalTopics =
    topics.length > 0 ? topics : [...new Set(entries.map((e) => e.topic))].map((id) => ({ id, title: id }));
  return {
    title: title ?? REPORT_TITLE,
    topics: finalTopics,
    entries,
    smalltalk,
    unanswerable,
    files: sources.map((s) => s.file),
  };
}
