import { consoleText } from '../messages.ar.ts';
import type { Reply } from '../qa/types.ts';

/** A reply as plain text, the way the bot would send it (console chat and `ask`). */
export function renderText(reply: Reply): string {
  const lines: string[] = [reply.answer];
  if (reply.status === 'answered' && reply.source.length > 0) {
    lines.push(consoleText.sourceLine(reply.source));
  }
  if (reply.status === 'clarify' || reply.status === 'unknown') {
    reply.suggestions.forEach((s, i) => {
      lines.push(`${i + 1}. ${s.question}`);
    });
  }
  return lines.join('\n');
}
