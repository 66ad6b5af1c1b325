import { z } from 'zod';

const ID_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const nonBlank = z.string().trim().min(1, 'must not be empty');
/** A keyword or tag; editors may write a bare number (300), which YAML reads as a number. */
const word = z.union([z.string(), z.number()]).transform(String).pipe(nonBlank);

export const TopicSchema = z.object({
  id: z.string().regex(ID_RE, 'must be a kebab-case slug'),
  title: nonBlank,
});

export const EntrySchema = z.object({
  id: z.string().regex(ID_RE, 'must be a kebab-case slug (a-z, 0-9, -)'),
  topic: z.string().regex(ID_RE, 'must be a topic id'),
  questions: z.array(nonBlank).min(1, 'needs at least one question'),
  answer: nonBlank,
  source: z.array(z.number().int().min(0).max(13)).min(1, 'needs at least one paragraph number'),
  tags: z.array(word).default([]),
  keywords: z.array(word).default([]),
});

export const SmalltalkSchema = z.object({
  id: z.string().regex(ID_RE, 'must be a kebab-case slug'),
  questions: z.array(nonBlank).min(1, 'needs at least one question'),
  answer: nonBlank,
});

/** One knowledge file. Every section is optional so a folder can split report and small talk. */
export const KnowledgeFileSchema = z.object({
  title: nonBlank.optional(),
  topics: z.array(z.unknown()).default([]),
  entries: z.array(z.unknown()).default([]),
  smalltalk: z.array(z.unknown()).default([]),
  /** Questions people ask that the report does not answer: the bot says so instead of guessing. */
  unanswerable: z.array(nonBlank).default([]),
});
