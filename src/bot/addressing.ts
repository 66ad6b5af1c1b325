/**
 * Pure decisions about who a message is for. In groups the bot answers only when addressed:
 * `/ask <question>` (also `/ask@<botname>`), a message that mentions `@<botname>`, or a reply to
 * one of the bot's own messages. Everything else in a group is chatter and gets no reply.
 */

export interface BotIdentity {
  readonly id: number;
  readonly username: string;
}

export interface ParsedCommand {
  /** Command name without the slash, lower-cased. */
  readonly name: string;
  /** The `@botname` part, if any (as written). */
  readonly target: string | null;
  /** Everything after the command, trimmed. */
  readonly args: string;
}

/** Telegram commands: `/name` or `/name@botname` at the very start, name up to 32 of [A-Za-z0-9_]. */
const COMMAND_RE = /^\/([A-Za-z0-9_]{1,32})(?:@([A-Za-z0-9_]{1,64}))?(?=\s|$)/;

export function parseCommand(text: string): ParsedCommand | null {
  const m = COMMAND_RE.exec(text);
  if (!m) return null;
  return { name: m[1]!.toLowerCase(), target: m[2] ?? null, args: text.slice(m[0].length).trim() };
}

/** True when a command names no bot or names this bot (usernames compare case-insensitively). */
export function isForMe(cmd: ParsedCommand, username: string): boolean {
  return cmd.target === null || cmd.target.toLowerCase() === username.toLowerCase();
}

function mentionPattern(username: string): RegExp {
  const escaped = username.replace(/[^A-Za-z0-9_]/g, '');
  return new RegExp(`(^|[^A-Za-z0-9_@])@${escaped}(?![A-Za-z0-9_])`, 'gi');
}

/** Does the text mention `@username` as a whole word (case-insensitive)? */
export function mentions(text: string, username: string): boolean {
  return mentionPattern(username).test(text);
}

/** The text with every `@username` mention removed and whitespace tidied. */
export function stripMention(text: string, username: string): string {
  return text
    .replace(mentionPattern(username), '$1')
    .replace(/[ \t]{2,}/g, ' ')
    .trim();
}

export interface GroupMessage {
  readonly text: string;
  /** Sender of the message this one replies to, if it is a reply. */
  readonly replyToUserId?: number | null | undefined;
}

export type AddressedVia = 'command' | 'mention' | 'reply';

export interface Addressed {
  readonly via: AddressedVia;
  /** The question with `/ask`, `@botname` removed; may be empty (→ usage hint). */
  readonly question: string;
}

/**
 * Is this group message addressed to the bot, and what is the question?
 * null → not for the bot (stay silent). Other commands (/start, /help, /topics, …) are not
 * questions: they return null here and their own features handle them.
 */
export function addressedQuestion(msg: GroupMessage, bot: BotIdentity): Addressed | null {
  const text = msg.text;
  const cmd = parseCommand(text);
  if (cmd) {
    if (!isForMe(cmd, bot.username)) return null;
    if (cmd.name === 'ask') return { via: 'command', question: stripMention(cmd.args, bot.username) };
    return null;
  }
  if (mentions(text, bot.username)) return { via: 'mention', question: stripMention(text, bot.username) };
  if (msg.replyToUserId != null && msg.replyToUserId === bot.id)
    return { via: 'reply', question: text.trim() };
  return null;
}
