import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSettingsFeature, settingsKeyboard } from '../../src/bot/features/group-settings.ts';
import { settingsText } from '../../src/messages.ar.ts';
import { createTestBot, GROUP, type TestBot, USER } from './admin-fixtures.ts';

const GROUP_ADMIN = 444_444;
const CREATOR = 555_555;

let t: TestBot;
beforeEach(() => {
  t = createTestBot({
    features: [createSettingsFeature],
    memberStatus: (id) => (id === GROUP_ADMIN ? 'administrator' : id === CREATOR ? 'creator' : 'member'),
  });
});
afterEach(() => t.cleanup());

describe('/settings', () => {
  it('shows the current mode to a group admin, threaded, with a button per mode', async () => {
    await t.groupText(GROUP_ADMIN, '/settings@taji_qa_bot');
    const [sent] = t.sent('sendMessage');
    expect(sent?.text).toBe(settingsText.prompt('all'));
    expect(sent?.reply_markup).toEqual(settingsKeyboard('all'));
    expect(sent?.reply_parameters).toMatchObject({ allow_sending_without_reply: true });
    expect(t.sent('getChatMember')).toEqual([{ chat_id: GROUP, user_id: GROUP_ADMIN }]);
  });

  it('lets a group admin switch modes, and stores them per group', async () => {
    await t.callback(CREATOR, 'gs:ask-only', {}, GROUP);
    expect(t.store.getGroupMode(GROUP)).toBe('ask-only');
    expect(t.store.getGroupMode(GROUP - 1)).toBe('all');
    expect(t.sent('answerCallbackQuery').map((p) => p.text)).toEqual([settingsText.saved]);
    const [edit] = t.sent('editMessageText');
    expect(edit?.text).toBe(settingsText.prompt('ask-only'));
    expect(edit?.reply_markup).toEqual(settingsKeyboard('ask-only'));
    expect(
      settingsKeyboard('ask-only')
        .inline_keyboard.flat()
        .map((b) => b.text),
    ).toEqual([settingsText.allButton, `${settingsText.chosenMark}${settingsText.askOnlyButton}`]);

    await t.callback(GROUP_ADMIN, 'gs:all', {}, GROUP);
    expect(t.store.getGroupMode(GROUP)).toBe('all');
  });

  it('refuses members, by command and by button, whatever the button says', async () => {
    await t.groupText(USER, '/settings');
    await t.callback(USER, 'gs:ask-only', {}, GROUP);
    expect(t.texts()).toEqual([settingsText.notGroupAdmin]);
    expect(t.sent('answerCallbackQuery').map((p) => p.text)).toEqual([settingsText.notGroupAdmin]);
    expect(t.store.getGroupMode(GROUP)).toBe('all');
  });

  it('accepts an anonymous admin posting as the group', async () => {
    await t.groupText(1_087_968_824, '/settings', {
      sender_chat: { id: GROUP, type: 'supergroup', title: 'مجموعة' },
    });
    expect(t.texts()).toEqual([settingsText.prompt('all')]);
    expect(t.sent('getChatMember')).toEqual([]);
  });

  it('explains that it works in groups only, and rejects forged buttons', async () => {
    await t.privateText(GROUP_ADMIN, '/settings');
    expect(t.texts()).toEqual([settingsText.groupsOnly]);
    await t.callback(GROUP_ADMIN, 'gs:ask-only'); // from a private chat
    await t.callback(GROUP_ADMIN, 'gs:everything', {}, GROUP);
    await t.callback(GROUP_ADMIN, 'gs', {}, GROUP);
    expect(t.sent('answerCallbackQuery').map((p) => p.text)).toEqual(Array(3).fill(settingsText.groupsOnly));
    expect(t.store.getGroupMode(GROUP)).toBe('all');
  });

  it('treats a failing getChatMember as "not an admin"', async () => {
    const failing = createTestBot({ features: [createSettingsFeature], failing: new Set(['getChatMember']) });
    try {
      await failing.groupText(GROUP_ADMIN, '/settings');
      expect(failing.texts()).toEqual([settingsText.notGroupAdmin]);
    } finally {
      failing.cleanup();
    }
  });
});
