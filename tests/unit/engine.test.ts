import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { normalize } from '../../src/arabic/normalize.ts';
import { DEFAULT_THRESHOLDS } from '../../src/config.ts';
import { loadKnowledge } from '../../src/knowledge/load.ts';
import { decide, type Judge } from '../../src/qa/decide.ts';
import { createEngine, cutQuery } from '../../src/qa/engine.ts';
import { answerCounts, buildIndex } from '../../src/qa/index.ts';
import { analyzeQuery } from '../../src/qa/rank.ts';
import { breakTie } from '../../src/qa/tiebreak.ts';

const kb = loadKnowledge('tests/fixtures/mini.yaml');
const engine = createEngine(kb);
const STATUSES = ['answered', 'clarify', 'unknown', 'smalltalk'];

describe('engine on a small knowledge file', () => {
  it('answers paraphrases, dialect and typos with the right entry', () => {
    for (const q of [
      'كم عدد الجنود الذين سيغادرون القائم؟',
      'اشكد جندي رح يطلع من القايم',
      'قديش عنصر رح ينسحب من قاعدة القائم',
      'كَمْ جُنْدِيًّا سَيُغَادِرُ القَائِمَ؟',
      'كم عدد الجنوذ اللذين سيغادرون القاءم',
    ]) {
      const r = engine.ask(q);
      expect([q, r.status, r.entryId]).toEqual([q, 'answered', 'qaim-troop-count']);
      expect(r.answer).toContain('300');
      expect(r.source).toEqual([5]);
    }
  });

  it('does not answer a question that shares words but not the topic (tiny knowledge: unknown or clarify)', () => {
    for (const q of [
      'كم عدد سكان العراق؟',
      'ما عاصمة الكويت',
      'كم سعر الدولار في القائم',
      'ما تاريخ حزب الله؟',
    ]) {
      expect([q, engine.ask(q).status]).not.toEqual([q, 'answered']);
    }
  });

  it('recognises small talk, and a greeting does not hide a real question', () => {
    expect(engine.ask('مرحبا').status).toBe('smalltalk');
    expect(engine.ask('شكرا').entryId).toBe('thanks');
    const mixed = engine.ask('السلام عليكم، كم جندي سيغادر القائم؟');
    expect([mixed.status, mixed.entryId]).toEqual(['answered', 'qaim-troop-count']);
  });

  it('asks to clarify a one-word question that fits several entries', () => {
    const r = engine.ask('القائم');
    expect(r.status).toBe('clarify');
    expect(r.answer).toContain('هل تقصد');
    expect(r.suggestions.map((s) => s.entryId).sort()).toEqual(['qaim-handover', 'qaim-troop-count']);
  });

  it.each([
    ['empty', ''],
    ['spaces', '   \n\t  '],
    ['emoji only', '🙂🙂🔥'],
    ['digits only', '12345'],
    ['latin only', 'hello there'],
    ['punctuation', '؟؟؟!!!'],
    ['bidi marks only', '\u200f\u200e\u2066'],
  ])('%s gets a defined unknown reply with examples', (_name, q) => {
    const r = engine.ask(q);
    expect(r.status).toBe('unknown');
    expect(r.answer.length).toBeGreaterThan(10);
    expect(r.suggestions.length).toBeGreaterThan(0);
  });

  it('handles a 10,000+ character message by cutting it, and still answers its opening question', () => {
    const long = `كم عدد الجنود الذين سيغادرون القائم؟ ${'كلام '.repeat(3000)}`;
    const r = engine.ask(long);
    expect(r.query).toBe(long);
    expect(r.normalized.length).toBeLessThanOrEqual(500);
    expect(r.status).not.toBe('smalltalk');
  });

  it('mixed Latin and Arabic with RTL/LTR marks', () => {
    const r = engine.ask('\u200fhow many جنود \u200eسيغادرون Al-Qaim القائم?');
    expect([r.status, r.entryId]).toEqual(['answered', 'qaim-troop-count']);
  });

  it('never throws and always returns a known status, for any input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => {
        const r = engine.ask(s);
        expect(STATUSES).toContain(r.status);
        expect(typeof r.answer).toBe('string');
        if (r.score !== null) expect(r.score).toBeGreaterThanOrEqual(0);
        if (r.score !== null) expect(r.score).toBeLessThanOrEqual(1);
      }),
      { numRuns: 300 },
    );
  });

  it('search ranks entries by score', () => {
    const hits = engine.search('هجوم التاجي', 5);
    expect(hits[0]?.entry.id).toBe('taji-attack-count');
    for (let i = 1; i < hits.length; i++) expect(hits[i - 1]!.score).toBeGreaterThanOrEqual(hits[i]!.score);
  });
});

describe('decide', () => {
  const t = DEFAULT_THRESHOLDS;
  const unsure: Judge = (entries) => entries.map(() => 1 / entries.length);
  const prefers =
    (entry: number): Judge =>
    (entries) =>
      entries.map((e) => (e === entry ? 0.9 : 0.1 / (entries.length - 1)));
  const close = [
    { entry: 1, score: 0.9 },
    { entry: 2, score: 0.86 },
  ];
  it('answers a confident, clear winner without asking the judge', () => {
    const judge = vi.fn(unsure);
    expect(
      decide(
        [
          { entry: 1, score: 0.9 },
          { entry: 2, score: 0.5 },
        ],
        t,
        judge,
      ),
    ).toEqual({ kind: 'answered', entry: 1 });
    expect(judge).not.toHaveBeenCalled();
  });
  it('asks «هل تقصد» between close candidates the judge cannot tell apart', () => {
    expect(decide(close, t, unsure)).toEqual({ kind: 'clarify', entries: [1, 2] });
  });
  it('answers the close candidate the judge is sure of, even the runner-up', () => {
    expect(decide(close, t, prefers(2))).toEqual({ kind: 'answered', entry: 2 });
    expect(decide(close, t, prefers(1))).toEqual({ kind: 'answered', entry: 1 });
  });
  it('offers close candidates in the order of the judge’s belief when it is not sure enough', () => {
    const leaning: Judge = (entries) => entries.map((e) => (e === 2 ? 0.6 : 0.4));
    expect(decide(close, t, leaning)).toEqual({ kind: 'clarify', entries: [2, 1] });
  });
  it('does not answer a runner-up that is not confident itself, however sure the judge', () => {
    const weakSecond = [
      { entry: 1, score: t.answer + 0.05 },
      { entry: 2, score: t.answer - 0.05 },
    ];
    expect(decide(weakSecond, t, prefers(2))).toEqual({ kind: 'clarify', entries: [2, 1] });
    const halfCovered = close.map((c) => ({ ...c, cover: c.entry === 2 ? 0.4 : 1 }));
    expect(decide(halfCovered, t, prefers(2)).kind).toBe('clarify');
  });
  it('never answers below the answer threshold, however sure the judge', () => {
    const low = close.map((c) => ({ ...c, score: c.score - 0.9 + t.answer - 0.01 }));
    expect(decide(low, t, prefers(1)).kind).toBe('clarify');
  });
  it('clarifies a plausible but unsure match, and gives up below the clarify threshold', () => {
    expect(decide([{ entry: 3, score: (t.answer + t.clarify) / 2 }], t, unsure)).toEqual({
      kind: 'clarify',
      entries: [3],
    });
    expect(decide([{ entry: 3, score: t.clarify - 0.01 }], t, unsure)).toEqual({ kind: 'unknown' });
    expect(decide([], t, unsure)).toEqual({ kind: 'unknown' });
  });
});

describe('answerCounts', () => {
  it('finds what an answer counts: next to a numeral, a dual, or a count it says is not given', () => {
    const counted = answerCounts('قتل جنديان أميركيان، وسيُنقل نحو 300 فرد من عناصر التحالف إلى الكويت.');
    expect(counted.has('#troops')).toBe(true);
    expect(counted.has('#us')).toBe(true);
    expect(counted.has('#kuwait')).toBe(false);
    expect(answerCounts('جُرح آخرون لم يحدد التقرير عددهم').has('#wound')).toBe(true);
    expect(answerCounts('أطلقت صواريخ على القاعدة').size).toBe(0);
  });
});

describe('cutQuery', () => {
  it('cuts at a word boundary within the limit', () => {
    const s = cutQuery('كلمة '.repeat(200), 100);
    expect(s.length).toBeLessThanOrEqual(100);
    expect(s.endsWith('كلمة')).toBe(true);
  });
});

describe('engine on the real knowledge file', () => {
  const realKb = loadKnowledge('knowledge');
  const real = createEngine(realKb);
  /** Each message gets this status with this entry (or small-talk kind). */
  const expectReplies = (status: string, cases: ReadonlyArray<readonly [string, string]>) => {
    for (const [q, id] of cases) {
      const r = real.ask(q);
      expect([q, r.status, r.entryId]).toEqual([q, status, id]);
    }
  };

  it('a number alone offers the questions whose answers give it, in Arabic-Indic digits too', () => {
    const r = real.ask('٣٠٠');
    expect(r.status).toBe('clarify');
    expect(r.suggestions[0]?.entryId).toBe('qaim-troop-count');
    const none = real.ask('12345');
    expect(none.status).toBe('unknown');
    expect(none.answer).toContain('رقم'); // "I got a number alone", not "I only read Arabic"
  });

  it('reads words typed onto the next one: «فيالهجوم», «ش» for «شو», «ع» for «على»', () => {
    expectReplies('answered', [
      ['شعلاقة ايران بالموضوع', 'iran-link'],
      ['كم جندي قتل فيالهجوم الاول؟', 'first-attack-casualties'],
      ['شو صار عالتاجي يوم السبت؟', 'second-attack'],
    ]);
  });

  it('«عدد» in a yes/no question names a number, it does not ask for one', () => {
    // the canonical question of the total-troops entry matches it fully, not at the «كم» discount
    const r = real.ask('هل سيتغير إجمالي عدد قوات التحالف في العراق؟');
    expect([r.status, r.entryId, r.score]).toEqual(['answered', 'total-troops-unchanged', 1]);
    // «كم» still asks for a count
    expect(real.search('كم عدد قوات التحالف في العراق؟')[0]?.score).toBeLessThan(1);
  });

  it('a lone report word is a topic, not an out-of-scope question', () => {
    for (const word of ['التحالف', 'العراق']) expect(real.ask(word).status, word).not.toBe('unknown');
  });

  it('answers read well after any way of asking: none opens with «نعم» or «لا»', () => {
    // «شو صار بمطار كربلاء؟» reaches the same entry as «هل قصف مطار كربلاء؟»; «نعم، …» would answer
    // a question nobody asked
    const r = real.ask('شو صار بمطار كربلاء؟');
    expect([r.status, r.entryId]).toEqual(['answered', 'karbala-airport']);
    expect(r.answer.startsWith('نعم')).toBe(false);
    // «لا يذكر التقرير…» is a statement; «لا،» and «نعم» answer a yes/no question
    const opensWithYesNo = realKb.entries.filter((e) => /^(?:نعم|لا[،,.])/.test(e.answer.trim()));
    expect(opensWithYesNo.map((e) => e.id)).toEqual([]);
  });

  it('says «لا أعرف» to questions near the topic that the report does not answer', () => {
    for (const q of [
      'كم عدد سكان العراق؟',
      'ما تاريخ حزب الله؟',
      'من هو رئيس وزراء العراق؟',
      'متى تأسس الحشد الشعبي؟',
      'كم سعر الدولار في بغداد؟',
    ]) {
      const r = real.ask(q);
      expect([q, r.status]).toEqual([q, 'unknown']);
      expect(r.answer).toContain('لا أعرف');
      expect(r.suggestions.length).toBeGreaterThanOrEqual(2);
    }
  });

  it('does not answer a name the report never gives, yet answers the names it does give', () => {
    for (const q of [
      'ما اسم الجندي البريطاني الذي قتل في التاجي؟',
      'ما أسماء الجنود الأمريكيين الذين قتلوا في التاجي؟',
      'شو اسم الجندي الأمريكي اللي انقتل؟',
    ]) {
      expect([q, real.ask(q).status]).not.toEqual([q, 'answered']);
    }
    const spokesman = real.ask('ما اسم المتحدث باسم التحالف؟');
    expect([spokesman.status, spokesman.entryId]).toEqual(['answered', 'spokesman']);
  });

  it('does not answer about a place with an entry that never mentions that place', () => {
    // the report gives casualties for Taji only
    for (const q of [
      'كم جريح في الهجوم على قاعدة القيارة',
      'كم جندي انقتل في كركوك؟',
      'كم جريح سقط في القيارة؟',
    ]) {
      expect([q, real.ask(q).status]).not.toEqual([q, 'answered']);
    }
    const taji = real.ask('كم عدد القتلى في هجوم التاجي الأول؟');
    expect([taji.status, taji.entryId]).toEqual(['answered', 'first-attack-casualties']);
  });

  it('answers a question followed by a follow-up sentence, and offers both facts when two are asked', () => {
    // the follow-up («شو اسم الجماعة؟») narrows the question; taken together it used to dilute it
    const r = real.ask('مين ضرب قاعدة التاجي؟ شو اسم الجماعة؟');
    expect([r.status, r.entryId]).toEqual(['answered', 'who-attacked-taji']);
    const two = real.ask('كم جندي سيغادر القائم؟ ومتى تنتهي مهلة الانسحاب من كركوك؟');
    expect(two.status).toBe('clarify');
    expect(two.suggestions.map((s) => s.entryId)).toEqual(['qaim-troop-count', 'withdrawal-deadline']);
  });

  it('answers «كم» with an entry that counts what was asked about, not a neighbour that counts something else', () => {
    // the report counts the dead of the first attack and the rockets of the second: «how many rockets
    // in the first attack» is not answered with the death toll of the first attack
    for (const q of ['كم صاروخ سقط في الهجوم الأول على التاجي؟', 'اشكد صاروخ نزل على التاجي بالهجوم الأول']) {
      const r = real.ask(q);
      expect([q, r.status, r.entryId]).not.toEqual([q, 'answered', 'first-attack-casualties']);
    }
    expectReplies('answered', [
      ['كم صاروخ سقط في الهجوم الثاني على التاجي؟', 'second-attack'],
      ['كم يوم كان بين الهجومين على التاجي؟', 'taji-attack-count'],
      ['كم جندي قتل في الهجوم الأول على التاجي؟', 'first-attack-casualties'],
    ]);
  });

  it('says «لا أعرف» when asked for a kind of thing the report never describes', () => {
    // the report never says what kind of rockets or aircraft were used
    for (const q of ['شو نوع الصواريخ اللي نزلت على التاجي؟', 'ما نوع الطائرات التي قصفت جرف الصخر؟']) {
      expect([q, real.ask(q).status]).toEqual([q, 'unknown']);
    }
  });

  it('does not answer how a party responded with an entry that never speaks of a response', () => {
    // the report describes the American response only
    for (const q of ['ايران شو ردت على القصف؟', 'كيف ردت بريطانيا على مقتل جنديها؟']) {
      expect([q, real.ask(q).status]).not.toEqual([q, 'answered']);
    }
    const us = real.ask('كيف رد الأمريكان على هجوم التاجي؟');
    expect([us.status, us.entryId]).toEqual(['answered', 'us-air-response']);
  });

  it('says «لا أعرف» when a question names a place, person or party the report never mentions', () => {
    for (const q of [
      'هل ضربت اسرائيل الحشد الشعبي؟',
      'هل قصفت أمريكا مواقع في الموصل؟',
      'ماذا قال بايدن عن الهجوم على التاجي؟',
    ]) {
      expect([q, real.ask(q).status]).toEqual([q, 'unknown']);
    }
    // a name the report does mention is not foreign
    const r = real.ask('هل ضربت أمريكا مواقع في جرف الصخر؟');
    expect([r.status, r.entryId]).toEqual(['answered', 'jurf-al-sakhar']);
  });

  it('reads relatives, dialect demonstratives and negations as function words, not topics', () => {
    const r = real.ask('يعني الانسحاب ده مالوش علاقة بالصواريخ؟');
    expect([r.status, r.entryId]).toEqual(['answered', 'not-a-response']);
  });

  it('takes chat for chat: filler, particles and chat words that look like report words', () => {
    expectReplies('smalltalk', [
      ['تسلم يا حبيبي', 'thanks'], // «تسلم» also means "takes over" (the Al-Qaim handover)
      ['يسلمو ايديك', 'thanks'],
      ['شو اسمك', 'who-are-you'], // «اسم» is also asked of bases and officials
      ['تمام الحمد لله', 'acknowledgement'], // «تمام» is also "entirely"
      ['شكرا جزيلا على التوضيح', 'thanks'],
      ['وعليكم السلام', 'greeting'], // «السلام» is not a typo of «السلاح»
      ['مش فاهم عليك', 'not-understood'],
      // several phrases of one kind strung together: no single phrase matches them well
      ['تسلم ايدك عيني كفيت ووفيت', 'thanks'],
      ['صحا خو، واش راك؟ لاباس؟', 'greeting'],
      ['السلام عليكم يا جماعة', 'greeting'], // «جماعة» is also an armed group
      ['بسلامة', 'goodbye'],
      ['تمام فهمت الحين', 'acknowledgement'], // «الحين» and «فهمت» are no topic
      // a farewell and a blessing: no report word, though writers open report questions with «السلام»
      ['بسلامة، بارك الله فيك', 'thanks'],
      // phrases of two kinds: most words decide, the closing one on a tie
      ['تمام مشكور', 'thanks'],
      ['اهلين، شكرا الك', 'thanks'],
      // in Latin letters
      ['thanks', 'thanks'],
      ['merci khoya', 'thanks'],
      ['teşekkürler 🙏', 'thanks'],
      ['hello', 'greeting'],
      ['bye bye', 'goodbye'],
    ]);
    // a greeting or thanks in front of a real question does not hide it
    const r = real.ask('شكرا، طيب كم جندي سيغادر القائم؟');
    expect([r.status, r.entryId]).toEqual(['answered', 'qaim-troop-count']);
  });

  it('does not answer a report fact for a message whose only link to it is an incidental word of one paraphrase', () => {
    // «غلط» appears once among the handover entry's paraphrases («…مكتوبة غلط لو شنو»): chat that
    // happens to use it is no question about the handover
    for (const chat of ['انت غلطان يا شيخ']) {
      const r = real.ask(chat);
      expect(r.status, chat).not.toBe('answered');
      expect(real.search(chat).length, chat).toBeGreaterThan(0); // the word does match, weakly
    }
    expect(real.ask('انت غلطان يا شيخ').entryId).toBe('not-understood');
    // the same words beside a real question leave it answered
    const r = real.ask('شنو ناوي التحالف يسوي بقواته في العراق ذلحين؟');
    expect([r.status, r.entryId]).toEqual(['answered', 'repositioning-plan']);
  });

  it('reads past a dialect particle the knowledge only uses in passing, and keeps an unseen word unseen', () => {
    // Yemeni «با» (will) sits in a few paraphrases of unrelated entries: it must not weigh like a topic
    const q = 'قديش جندي با يطلعون من القائم؟';
    const index = buildIndex(realKb);
    expect(index.idf.has('با')).toBe(true);
    expect(index.incidental.has('با')).toBe(true);
    const r = real.ask(q);
    expect([r.status, r.entryId]).toEqual(['answered', 'qaim-troop-count']);
    // a word of the questions the report does not answer keeps its full weight, however rarely a
    // paraphrase uses it: «عاصمة» asks about another topic
    expect(index.idf.has('عاصم')).toBe(true);
    expect(index.incidental.has('عاصم')).toBe(false);
    expect(real.ask('ما عاصمة الكويت؟').status).not.toBe('answered');
    // an unseen word is never «corrected» into a word the knowledge only uses in passing: «السفارة»
    // (the embassy) is no typo of one paraphrase's «السيارة» (the car)
    expect(index.incidental.has('سيار')).toBe(true);
    const embassy = analyzeQuery(index, normalize('السفارة')).terms[0];
    expect([embassy?.unknown, embassy?.term]).toEqual([true, 'سفار']);
  });

  it('reads the Iraqi and Gulf «ك» (spoken «گ») for «ق» in words it does not know', () => {
    expectReplies('answered', [
      ['منو يكود التحالف', 'coalition-leader'],
      ['وين تكع الكاعدة الغربية', 'qaim-location'],
    ]);
  });

  it('reads a letter typed twice as once in small talk', () => {
    const hi = real.ask('صباح الخيرر');
    expect([hi.status, hi.entryId]).toEqual(['smalltalk', 'greeting']);
  });

  it('asks for Arabic when a message without Arabic is not small talk', () => {
    const other = real.ask('how many soldiers left?');
    expect(other.status).toBe('unknown');
    expect(other.answer).toContain('بالعربية');
  });

  it('reads past Latin-script words of any language and a basmala', () => {
    for (const q of ['özet lütfen الخبر باختصار', 'news الخبر باختصار']) {
      const r = real.ask(q);
      expect([q, r.status, r.entryId]).toEqual([q, 'answered', 'report-summary']);
    }
    const r = real.ask('بسم الله الرحمن الرحيم، كم جندي سيغادر القائم؟');
    expect([r.status, r.entryId]).toEqual(['answered', 'qaim-troop-count']);
  });

  it('finds the question inside a long run-on message, and only when its clauses agree', () => {
    // dictated without punctuation: the story around the question drowns it as a whole
    const taxi =
      'اني اسوق تكسي من الصبح والركاب يحجون هواية عن الاخبار بس ما فهمت شكد جندي طالع من القائم الله يخليك جاوبني';
    const r = real.ask(taxi);
    expect([r.status, r.entryId]).toEqual(['answered', 'qaim-troop-count']);
    // two clauses about two facts: no single answer is picked for the user, both are offered
    const two = real.ask(
      'اني اسوق تكسي من الصبح والركاب يحجون هواية بس ما فهمت شكد جندي طالع من القائم ومنو اللي ضرب التاجي بالصواريخ',
    );
    expect(two.status).toBe('clarify');
    expect(two.suggestions.map((x) => x.entryId).sort()).toEqual(['qaim-troop-count', 'who-attacked-taji']);
  });

  it('says «لا أعرف» near a question the knowledge lists as unanswered, and still answers its neighbours', () => {
    // «how many soldiers go to Kuwait?»: the Kuwait entry says some go, never how many
    const q = 'قديش عسكري بدهم يبعتو عالكويت؟';
    expect(real.knowledge.unanswerable?.some((u) => normalize(u) === normalize(q))).toBe(false);
    expect(real.ask(q).status).toBe('unknown');
    const withoutList = createEngine({ ...realKb, unanswerable: [] });
    expect([withoutList.ask(q).status, withoutList.ask(q).entryId]).toEqual(['answered', 'kuwait']);
    const yes = real.ask('هل سترسل قوات إلى الكويت؟');
    expect([yes.status, yes.entryId]).toEqual(['answered', 'kuwait']);
    // each listed question counts on its own: «how many wounded in the second attack» takes its words
    // from several listed questions («كم…», «…جريح…», «…الهجوم الثاني…») but none of them asks it
    const wounded = real.ask('كم جريح في الهجوم الثاني');
    expect([wounded.status, wounded.entryId]).toEqual(['answered', 'second-attack-wounded']);
    expect(real.ask('متى ستنسحب امريكا من العراق كله؟').status).toBe('unknown');
    // the list's words teach the matcher nothing: search never returns the list itself
    expect(real.search('كم جندي راح للكويت بالضبط').every((s) => s.entry.id !== '(unanswerable)')).toBe(true);
  });

  it('settles close neighbours by what their paraphrases are about, and asks when they do not', () => {
    // «ضربت شو بالضبط» scores the same against «what was hit» and «where»: the targets entry's
    // questions are the ones about what was struck
    const r = real.ask('شو بالضبط ضربت الطيارات الأمريكية؟');
    expect([r.status, r.entryId]).toEqual(['answered', 'strike-targets']);
    // «how did they know where» shares every word with «where were the strikes»: it asks for the
    // source of that information, so it is never answered with the places, and the source comes first
    const how = real.ask('شلون عرفوا وين القصف؟');
    const first = how.status === 'answered' ? how.entryId : how.suggestions[0]?.entryId;
    expect(['answered', 'clarify']).toContain(how.status);
    expect(first).toBe('strike-location-source');
    // a bare base name gets the news about it (the handover), or a «هل تقصد» that offers it
    const bare = real.ask('قاعدة القائم');
    const offered = bare.status === 'answered' ? [bare.entryId] : bare.suggestions.map((s) => s.entryId);
    expect(['answered', 'clarify']).toContain(bare.status);
    expect(offered).toContain('qaim-handover');
  });

  it('answers the issue example in the console wording', () => {
    const r = real.ask('كم عدد الجنود الذين سيغادرون القائم؟');
    expect([r.status, r.entryId]).toEqual(['answered', 'qaim-troop-count']);
    expect(r.answer).toContain('300');
  });
});

describe('breakTie', () => {
  const index = buildIndex(kb);
  // mini.yaml: entry 0 is qaim-troop-count, entry 1 qaim-handover
  const candidates = [index.questionWords[0]!, index.questionWords[1]!];
  it('picks the candidate with a question worded like the message, filler words included', () => {
    expect(kb.entries[breakTie(normalize('كم عنصرا سينقل من القائم'), candidates)!]?.id).toBe(
      'qaim-troop-count',
    );
  });
  it('keeps the tie when no candidate is clearly closer', () => {
    expect(breakTie(normalize('القائم'), candidates)).toBeNull();
  });
});
