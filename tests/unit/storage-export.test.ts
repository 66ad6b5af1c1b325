import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withAlternates } from '../../src/knowledge/holder.ts';
import { parseKnowledge } from '../../src/knowledge/load.ts';
import { exportAlternatesYaml } from '../../src/storage/export-alternates.ts';

const mini = parseKnowledge([
  { file: 'mini.yaml', text: readFileSync(join(import.meta.dirname, '..', 'fixtures', 'mini.yaml'), 'utf8') },
]);
const at = new Date('2025-03-19T10:00:00Z');

describe('exportAlternatesYaml', () => {
  it('writes whole entries with the learned questions marked, as a valid knowledge file', () => {
    const learned = [
      { entryId: 'taji-attack-count', question: 'كم ضربة تلقت التاجي؟', addedAt: at },
      { entryId: 'qaim-handover', question: 'من استلم القائم؟', addedAt: at },
      { entryId: 'taji-attack-count', question: 'عدد هجمات التاجي', addedAt: at },
      { entryId: 'taji-attack-count', question: 'عدد هجمات التاجي', addedAt: at },
      { entryId: 'removed-entry', question: 'سؤال يتيم', addedAt: at },
    ];
    // The engine's knowledge already holds the learned questions: they must not be repeated.
    const merged = withAlternates(mini, learned);
    const out = exportAlternatesYaml(learned, merged, new Date('2025-03-20T12:00:00Z'));
    expect(out).toMatchObject({ questions: 3, entries: 2, orphans: 1 });
    expect(out.yaml).toContain("exported by the bot's /export on 2025-03-20T12:00:00.000Z");
    expect(out.yaml).toContain('#   removed-entry: سؤال يتيم');
    expect(out.yaml).toContain('- كم ضربة تلقت التاجي؟ # learned 2025-03-19');
    expect(out.yaml).toContain('source: [10]');

    const kb = parseKnowledge([{ file: 'export.yaml', text: out.yaml }]);
    expect(kb.entries.map((e) => e.id)).toEqual(['qaim-handover', 'taji-attack-count']);
    expect(kb.topics.map((t) => t.id)).toEqual(['qaim', 'taji']);
    expect(kb.entries[1]?.questions).toEqual([
      'كم هجوما تعرضت له قاعدة التاجي؟',
      'كم مرة هوجمت التاجي؟',
      'كم ضربة تلقت التاجي؟',
      'عدد هجمات التاجي',
    ]);
    expect(kb.entries[1]?.answer).toBe(mini.entries[2]?.answer);
  });

  it('counts nothing when nothing was learned', () => {
    const out = exportAlternatesYaml([], mini);
    expect(out).toMatchObject({ questions: 0, entries: 0, orphans: 0 });
  });
});
