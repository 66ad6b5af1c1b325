import { describe, expect, it } from 'vitest';
import {
  addressedQuestion,
  isForMe,
  mentions,
  parseCommand,
  stripMention,
} from '../../src/bot/addressing.ts';

const BOT = { id: 777, username: 'Taji_Report_Bot' };

describe('parseCommand', () => {
  it.each([
    ['/ask كم عدد الجنود؟', { name: 'ask', target: null, args: 'كم عدد الجنود؟' }],
    ['/ask@Taji_Report_Bot  سؤال ', { name: 'ask', target: 'Taji_Report_Bot', args: 'سؤال' }],
    ['/ASK', { name: 'ask', target: null, args: '' }],
    ['/start payload', { name: 'start', target: null, args: 'payload' }],
    ['/ask\nسطر', { name: 'ask', target: null, args: 'سطر' }],
  ])('%s', (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });

  it.each(['سؤال /ask', ' /ask', '/askسؤال', '/', 'ask', '/a-b'])('not a command: %s', (text) => {
    expect(parseCommand(text)).toBeNull();
  });

  it('isForMe compares the bot name case-insensitively', () => {
    expect(isForMe(parseCommand('/ask@taji_report_bot')!, BOT.username)).toBe(true);
    expect(isForMe(parseCommand('/ask')!, BOT.username)).toBe(true);
    expect(isForMe(parseCommand('/ask@other_bot')!, BOT.username)).toBe(false);
  });
});

describe('mentions', () => {
  it.each([
    ['@Taji_Report_Bot كم عدد الجنود؟', true],
    ['كم عدد الجنود يا @taji_report_bot؟', true],
    ['@taji_report_bot_2 سؤال', false],
    ['mail@taji_report_bot.com', false],
    ['@@taji_report_bot', false],
    ['لا ذكر هنا', false],
  ])('%s → %s', (text, expected) => {
    expect(mentions(text, BOT.username)).toBe(expected);
  });

  it('stripMention removes the mention and tidies spaces', () => {
    expect(stripMention('يا  @Taji_Report_Bot  كم عدد الجنود؟', BOT.username)).toBe('يا كم عدد الجنود؟');
    expect(stripMention('@taji_report_bot', BOT.username)).toBe('');
  });
});

describe('addressedQuestion (groups)', () => {
  it.each([
    ['/ask كم عدد الجنود؟', null, { via: 'command', question: 'كم عدد الجنود؟' }],
    ['/ask@taji_report_bot كم عدد الجنود؟', null, { via: 'command', question: 'كم عدد الجنود؟' }],
    ['/ask', null, { via: 'command', question: '' }],
    ['/ask @taji_report_bot', null, { via: 'command', question: '' }],
    ['@taji_report_bot كم عدد الجنود؟', null, { via: 'mention', question: 'كم عدد الجنود؟' }],
    ['@taji_report_bot', null, { via: 'mention', question: '' }],
    ['وماذا عن التاجي؟', 777, { via: 'reply', question: 'وماذا عن التاجي؟' }],
  ])('%s (reply to %s) → addressed', (text, replyTo, expected) => {
    expect(addressedQuestion({ text, replyToUserId: replyTo }, BOT)).toEqual(expected);
  });

  it.each([
    ['كم عدد الجنود؟', null],
    ['كم عدد الجنود؟', 555],
    ['/ask@other_bot كم عدد الجنود؟', null],
    ['/start', null],
    ['/help@taji_report_bot', null],
    ['/topics', 777],
    ['@other_bot كم عدد الجنود؟', null],
  ])('%s (reply to %s) → silence', (text, replyTo) => {
    expect(addressedQuestion({ text, replyToUserId: replyTo }, BOT)).toBeNull();
  });
});
