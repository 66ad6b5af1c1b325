import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { blockedByUnanswerable, leaveOneOut } from '../../src/knowledge/check.ts';
import { createEngineHolder } from '../../src/knowledge/holder.ts';
import { KnowledgeError, loadKnowledge, parseKnowledge } from '../../src/knowledge/load.ts';
import { createEngine } from '../../src/qa/engine.ts';

const good = readFileSync('tests/fixtures/mini.yaml', 'utf8');

function errorOf(text: string, file = 'k.yaml'): KnowledgeError {
  try {
    parseKnowledge([{ file, text }]);
  } catch (err) {
    if (err instanceof KnowledgeError) return err;
    throw err;
  }
  throw new Error('expected a KnowledgeError');
}

describe('knowledge loader', () => {
  it('loads the fixture with topics, entries and small talk', () => {
    const kb = parseKnowledge([{ file: 'mini.yaml', text: good }]);
    expect(kb.entries.map((e) => e.id)).toEqual(['qaim-troop-count', 'qaim-handover', 'taji-attack-count']);
    expect(kb.entries[0]?.keywords).toEqual(['300']);
    expect(kb.smalltalk).toHaveLength(2);
  });

  it('reads the unanswerable questions, and refuses an empty one by its place in the list', () => {
    const kb = parseKnowledge([{ file: 'k.yaml', text: `${good}unanswerable:\n  - كم جنديا في التاجي؟\n` }]);
    expect(kb.unanswerable).toEqual(['كم جنديا في التاجي؟']);
    const e = errorOf(`${good}unanswerable:\n  - كم جنديا في التاجي؟\n  - "  "\n`);
    expect(e.message).toMatch(/^k\.yaml, field "unanswerable\.1": must not be empty/);
  });

  it('bad YAML names the file', () => {
    const e = errorOf('entries: [\n  - id: x\n', 'broken.yaml');
    expect(e.message).toMatch(/^broken\.yaml: invalid YAML/);
  });

  it('a missing field names the file, the entry and the field', () => {
    const e = errorOf(good.replace('    answer: سينقل نحو 300 عنصر من قوات التحالف من قاعدة القائم.\n', ''));
    expect(e.message).toBe(
      'k.yaml, entry "qaim-troop-count", field "answer": Invalid input: expected string, received undefined',
    );
  });

  it('an empty answer is refused', () => {
    const e = errorOf(
      good.replace('answer: سلم التحالف قاعدة القائم إلى قوات الأمن العراقية يوم الثلاثاء.', 'answer: "  "'),
    );
    expect([e.entryId, e.field]).toEqual(['qaim-handover', 'answer']);
    expect(e.message).toContain('must not be empty');
  });

  it('a duplicate id is refused, across files too', () => {
    const e = errorOf(good.replace('id: qaim-handover', 'id: qaim-troop-count'));
    expect(e.message).toContain('entry "qaim-troop-count", field "id": duplicate id');
    expect(() =>
      parseKnowledge([
        { file: 'a.yaml', text: good },
        {
          file: 'b.yaml',
          text: 'entries:\n  - id: qaim-handover\n    topic: qaim\n    questions: [س]\n    answer: ج\n    source: [1]\n',
        },
      ]),
    ).toThrow(/b\.yaml, entry "qaim-handover", field "id": duplicate id \(already used in a\.yaml\)/);
  });

  it('an unknown topic or a paragraph outside the report is refused', () => {
    expect(errorOf(good.replace('topic: taji', 'topic: nowhere')).field).toBe('topic');
    expect(errorOf(good.replace('source: [10]', 'source: [99]')).field).toBe('source.0');
  });

  it('a missing path is a clear error', () => {
    expect(() => loadKnowledge('/nonexistent/knowledge')).toThrow(/no such file or folder/);
  });
});

describe('engine holder', () => {
  function setup() {
    const dir = mkdtempSync(join(tmpdir(), 'kb-'));
    const file = join(dir, 'report.yaml');
    writeFileSync(file, good);
    const holder = createEngineHolder({ load: () => loadKnowledge(file), build: (kb) => createEngine(kb) });
    return { file, holder };
  }

  it('a broken reload keeps the old knowledge and reports the error', () => {
    const { file, holder } = setup();
    const before = holder.engine;
    writeFileSync(file, good.replace('id: qaim-handover', 'id: qaim-troop-count'));
    const r = holder.reload();
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain('duplicate id');
    expect(holder.engine).toBe(before);
    expect(holder.engine.ask('كم جندي سيغادر القائم').entryId).toBe('qaim-troop-count');
  });

  it('a good reload swaps in the new knowledge', () => {
    const { file, holder } = setup();
    writeFileSync(file, good.replace('سينقل نحو 300 عنصر', 'سينقل نحو 300 عنصر (نص محدث)'));
    const r = holder.reload();
    expect(r).toMatchObject({ ok: true, entries: 3, smalltalk: 2 });
    expect(holder.engine.ask('كم جندي سيغادر القائم').answer).toContain('نص محدث');
  });

  it('a learned alternate question is answered at once', () => {
    const { holder } = setup();
    const q = 'شقد نفر رايح من ذيك المنطقة الغربية';
    expect(holder.engine.ask(q).status).not.toBe('answered');
    expect(holder.learn('qaim-troop-count', q)).toBe(true);
    expect(holder.engine.ask(q)).toMatchObject({ status: 'answered', entryId: 'qaim-troop-count' });
    expect(holder.learn('no-such-entry', q)).toBe(false);
  });
});

describe('leave-one-out check (npm run knowledge:check)', () => {
  const kb = loadKnowledge('tests/fixtures/mini.yaml');
  // a paraphrase filed under the wrong entry: it asks the Al-Qaim troop count, not the handover
  const misfiled = {
    ...kb,
    entries: kb.entries.map((e) =>
      e.id === 'qaim-handover' ? { ...e, questions: [...e.questions, 'كم عنصرا سيغادر قاعدة القائم؟'] } : e,
    ),
  };

  it('lists entry questions that an unanswerable question worded like them silences', () => {
    // a «كم» question filed under an entry whose answer gives no number matches that entry only at a
    // discount; the same wording in the unanswerable list wins and silences it
    const q = 'كم مرة سلمت قاعدة القائم؟';
    const withQ = {
      ...kb,
      entries: kb.entries.map((e) =>
        e.id === 'qaim-handover' ? { ...e, questions: [...e.questions, q] } : e,
      ),
    };
    expect(createEngine(withQ).ask(q).entryId).toBe('qaim-handover');
    const clash = { ...withQ, unanswerable: [q, 'كم جنديا في قاعدة التاجي؟'] };
    expect(blockedByUnanswerable(clash)).toEqual([{ entryId: 'qaim-handover', question: q, by: q }]);
    expect(blockedByUnanswerable({ ...kb, unanswerable: ['كم جنديا في قاعدة التاجي؟'] })).toEqual([]);
  });

  it.each([
    ['one at a time', undefined],
    ['a third at a time', 3],
  ])(
    'flags a question the engine answers with another entry once it is left out of its own (%s)',
    (_, folds) => {
      const report = leaveOneOut(misfiled, {}, folds);
      const flagged = report.problems.find((p) => p.question === 'كم عنصرا سيغادر قاعدة القائم؟');
      expect(flagged).toMatchObject({
        entryId: 'qaim-handover',
        outcome: 'wrong',
        closerTo: 'qaim-troop-count',
      });
      expect(report.problems[0]?.outcome).toBe('wrong'); // wrong answers are listed first
      expect(report.ownAnswered + report.problems.length).toBe(report.checked);
    },
  );

  it.each([
    ['one at a time', undefined],
    ['a third at a time', 3],
  ])('does not flag that question once it sits in the entry that answers it (%s)', (_, folds) => {
    const report = leaveOneOut(kb, {}, folds);
    expect(report.problems.some((p) => p.outcome === 'wrong')).toBe(false);
    expect(report.checked).toBe(kb.entries.reduce((n, e) => n + e.questions.length, 0));
  });
});
