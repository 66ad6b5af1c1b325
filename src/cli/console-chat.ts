import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { foldDigits } from '../arabic/normalize.ts';
import type { EngineHolder } from '../knowledge/holder.ts';
import { consoleText } from '../messages.ar.ts';
import type { Reply, Suggestion } from '../qa/types.ts';
import { renderText } from './render-text.ts';

export interface ConsoleChatOptions {
  readonly engines: EngineHolder;
  readonly input: Readable;
  readonly output: Writable;
  /** Show a prompt before each question (on a terminal). */
  readonly prompt?: boolean;
}

/**
 * The console chat: one question per line, one reply per question, on the same engine as the bot.
 * After a clarify or unknown reply, typing the number of a listed question answers it.
 * Resolves at end of input.
 */
export async function runConsoleChat(opts: ConsoleChatOptions): Promise<void> {
  const { engines, input, output } = opts;
  const write = (s: string) => output.write(`${s}\n`);
  write(consoleText.banner);
  write(consoleText.telegramHint);
  write(consoleText.howTo);
  const rl = createInterface({ input, terminal: false, crlfDelay: Number.POSITIVE_INFINITY });
  let offered: readonly Suggestion[] = [];
  if (opts.prompt) output.write(consoleText.prompt);
  for await (const line of rl) {
    const text = line.trim();
    if (text.length > 0) {
      const engine = engines.engine;
      const digit = foldDigits(text);
      const pick = /^[0-9]$/.test(digit) ? offered[Number(digit) - 1] : undefined;
      const entry = pick ? engine.entry(pick.entryId) : undefined;
      const reply: Reply = entry
        ? {
            query: text,
            status: 'answered',
            answer: entry.answer,
            entryId: entry.id,
            score: 1,
            suggestions: [],
            source: entry.source,
            normalized: engine.normalize(text),
          }
        : engine.ask(text);
      offered = reply.status === 'clarify' || reply.status === 'unknown' ? reply.suggestions : [];
      write(renderText(reply));
      write('');
    }
    if (opts.prompt) output.write(consoleText.prompt);
  }
  write(consoleText.bye);
}
