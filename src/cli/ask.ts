import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Engine, Reply } from '../qa/types.ts';
import { renderText } from './render-text.ts';

/** The `ask --json` line format: exactly these fields, in this order. */
export interface AskJson {
  query: string;
  status: Reply['status'];
  answer: string;
  entryId: string | null;
  score: number | null;
  suggestions: Array<{ entryId: string; question: string }>;
}

export function toAskJson(reply: Reply): AskJson {
  return {
    query: reply.query,
    status: reply.status,
    answer: reply.answer,
    entryId: reply.entryId,
    score: reply.score === null ? null : Math.round(reply.score * 1000) / 1000,
    suggestions: reply.suggestions.map((s) => ({ entryId: s.entryId, question: s.question })),
  };
}

/** `ask --json`: one question per input line → exactly one JSON object per line, in order. */
export async function askJsonLines(engine: Engine, input: Readable, output: Writable): Promise<number> {
  const rl = createInterface({ input, terminal: false, crlfDelay: Number.POSITIVE_INFINITY });
  let n = 0;
  for await (const line of rl) {
    output.write(`${JSON.stringify(toAskJson(engine.ask(line)))}\n`);
    n++;
  }
  return n;
}

/** `ask "سؤال"`: the reply as the bot would send it. */
export function askOnce(engine: Engine, question: string): string {
  return renderText(engine.ask(question));
}
