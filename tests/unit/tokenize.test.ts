import { describe, expect, it } from 'vitest';
import { normalize } from '../../src/arabic/normalize.ts';
import { lightStem, variants } from '../../src/arabic/stem.ts';
import { rewritePhrases, tokenize } from '../../src/arabic/tokenize.ts';
import { FuzzyIndex, osaDistance } from '../../src/qa/fuzzy.ts';

const terms = (s: string) => tokenize(s).map((t) => t.term);

describe('tokenize', () => {
  it('maps dialect question words to one marker each', () => {
    for (const w of ['شو', 'ايش', 'إيش', 'وش', 'شنو', 'ماذا']) expect(terms(`${w} القائم`)[0]).toBe('?what');
    for (const w of ['وين', 'فين', 'أين']) expect(terms(`${w} القائم`)[0]).toBe('?where');
    for (const w of ['مين', 'منو', 'من']) expect(terms(`${w} المتحدث`)[0]).toBe('?who');
    for (const w of ['ليش', 'ليه', 'لماذا']) expect(terms(`${w} الانسحاب`)[0]).toBe('?why');
    for (const w of ['امتى', 'إمتى', 'متى', 'شوكت']) expect(terms(`${w} الانسحاب`)[0]).toBe('?when');
    for (const w of ['اشكد', 'قديش', 'كم', 'كام']) expect(terms(`${w} جندي`)[0]).toBe('?howmany');
  });

  it('drops stopwords and chat filler, keeps «من» only as a question word in front', () => {
    expect(terms('لو سمحت بدي اعرف كم جندي في القائم')).toEqual(['?howmany', '#troops', '#qaim']);
    expect(terms('سحب القوات من القيارة')).toEqual(['#withdraw', '#troops', '#qayyarah']);
  });

  it('strips clitics and folds domain synonyms to one concept', () => {
    expect(terms('بالقائم')).toEqual(['#qaim']);
    expect(terms('والتحالف')).toEqual(['#coalition']);
    expect(terms('جنود')).toEqual(terms('العناصر'));
    expect(terms('الانسحاب')).toEqual(terms('يغادرون'));
    expect(terms('الأمريكان')).toEqual(terms('الأميركيين'));
    expect(terms('قصف')).toEqual(terms('غارات'));
    // attacks on Taji and US strikes stay different concepts
    expect(terms('هجوم')).not.toEqual(terms('غارات'));
  });

  it('reads dialect verb prefixes and wrapped negation as the plain verb', () => {
    const withdraw = terms('ينسحبون')[0];
    // Iraqi «د», Egyptian «ه», Moroccan «ك», Yemeni «با», Levantine «ب», «ما…ش»
    for (const w of ['دينسحبون', 'هينسحبوا', 'كينسحبو', 'باينسحبون', 'بينسحبو', 'ماينسحبوش']) {
      expect([w, terms(w)[0]]).toEqual([w, withdraw]);
    }
    expect(withdraw?.startsWith('#')).toBe(true);
  });

  it('reads where information came from as asking for its source', () => {
    for (const q of [
      'اماكن القصف من وين جايبينها',
      'منين جات المعلومات',
      'المعلومات جابوها من وين',
      'كيف عرفوها',
    ]) {
      expect(rewritePhrases(normalize(q)).split(' '), q).toContain('مصدر');
    }
    // where something went is no source
    expect(rewritePhrases(normalize('من وين طلعو الجنود'))).not.toContain('مصدر');
  });

  it('light stemming keeps at least three letters', () => {
    expect(lightStem('والمسلحين')).toBe('مسلح');
    expect(variants('القاعدة')).toContain('القاعدة'.replace('ة', 'ة'));
    expect(lightStem('بين').length).toBeGreaterThanOrEqual(2);
  });
});

describe('fuzzy', () => {
  it('osa distance counts a swap of neighbours as one edit', () => {
    expect(osaDistance('كركوك', 'كركوك')).toBe(0);
    expect(osaDistance('كركوك', 'كرکوك'.replace('ک', 'ك'))).toBe(0);
    expect(osaDistance('التاجي', 'التجاي')).toBe(1);
    expect(osaDistance('القيارة', 'القيرة')).toBe(1);
    expect(osaDistance('abc', 'xyz', 1)).toBe(2);
  });

  it('finds vocabulary words within the edit budget only', () => {
    const idx = new FuzzyIndex(['كركوك', 'التاجي', 'البنتاغون', 'القائم', 'مكان']);
    expect(idx.lookup('كركوكك')[0]?.word).toBe('كركوك');
    expect(idx.lookup('سكان')).toEqual([]); // four letters: too many real words one edit apart
    expect(idx.lookup('التجاي')[0]?.word).toBe('التاجي');
    expect(idx.lookup('البنتاكون')[0]?.word).toBe('البنتاغون');
    expect(idx.lookup('سكان')).toEqual([]);
    expect(idx.lookup('كم')).toEqual([]); // short words are never "corrected"
    // the article does not lengthen a three-letter stem into a correctable word: الأسد is not الاسم
    expect(new FuzzyIndex(['الاسم']).lookup('الاسد')).toEqual([]);
  });
});

describe('rewritePhrases', () => {
  it('reads «إلى جانب» and «بالإضافة إلى» as «other than», and leaves the words alone elsewhere', () => {
    expect(terms('ما القاعدتان إلى جانب القائم؟')).toContain('#other');
    expect(terms('وبالإضافة إلى القائم، من أين سينسحبون؟')).toContain('#other');
    expect(rewritePhrases(normalize('جانب من القاعدة'))).toBe(normalize('جانب من القاعدة'));
  });

  it('reads formal wording: «كم فردًا» counts people, the United Kingdom is Britain, courtesy is no topic', () => {
    expect(terms('كم فردًا جُرح؟')).toEqual(terms('كم جنديا جرح؟'));
    expect(terms('هل للمملكة المتحدة جنود؟')).toEqual(terms('هل لبريطانيا جنود؟'));
    expect(terms('المملكة المتحدة')).not.toContain(terms('الولايات المتحدة')[0]);
    expect(terms('أرجو ذكر العدد كما ورد، الأمر مجرد نية لا يزال؟')).toEqual(
      terms('ذكر العدد كما ورد الامر نية'),
    );
    expect(terms('إخراج القوات')).toEqual(terms('خروج القوات'));
    // Iraqi «ق» typed as «ك»: «تكع» is «تقع», «يكول» is «يقول»
    expect(terms('وين تكع القاعدة')).toEqual(terms('وين تقع القاعدة'));
    expect(terms('شنو يكول التقرير')).toEqual(terms('شنو يقول التقرير'));
    // Maghrebi: «متاع» is «of», «ڨ» is «ق», French loanwords in Arabic letters name report concepts
    expect(terms('لا سورس متاع البيلان شكون؟')).toEqual(terms('مصدر الحصيلة شكون؟'));
    expect(terms('فما نڨليز في التاجي؟')).toEqual(terms('فما انجليز في التاجي؟'));
    expect(terms('لو توتال متاع القوات')).toEqual(terms('اجمالي القوات'));
    // Cairo writes «ق» as a hamza: «أاعدة الآيم» is «قاعدة القائم»
    expect(terms('أاعدة الآيم')).toEqual(terms('قاعدة القائم'));
    // «سمعت ان…صح؟» checks a claim: hearing or reading it is not its topic
    expect(terms('سمعت ان الهجوم الثاني كان يوم الجمعة صح؟')).toEqual(
      terms('الهجوم الثاني كان يوم الجمعة صح؟'),
    );
    // «ما زالوا طلقاء؟» asks whether anyone was caught
    expect(terms('ما زالوا طلقاء')).toEqual(expect.arrayContaining(terms('القبض')));
    // dialect possessives are no topic: Iraqi «مال», Gulf «حقت»
    expect(terms('منو المصدر مال الاصابات')).toEqual(terms('منو مصدر الاصابات'));
    expect(terms('الصواريخ حقت الهجوم')).toEqual(terms('صواريخ الهجوم'));
  });

  it('writes spelled-out hundreds as digits, and leaves lone number words alone', () => {
    expect(rewritePhrases(normalize('تلاث مية عنصر'))).toBe('300 عنصر');
    expect(rewritePhrases(normalize('ثلاثمائة جندي'))).toBe('300 جندي');
    expect(rewritePhrases(normalize('تلتمية'))).toBe('300');
    expect(rewritePhrases(normalize('ميتين جندي'))).toBe('200 جندي');
    expect(rewritePhrases(normalize('ستة جنود ومية صاروخ'))).toBe(normalize('ستة جنود ومية صاروخ'));
  });

  it('drops a vocative and reads «how did they know» as asking for the source', () => {
    expect(terms('شو القصة يا جماعة؟')).not.toContain(terms('الجماعة')[0]);
    expect(terms('شلون عرفوا وين القصف؟')).toEqual(expect.arrayContaining(terms('مصدر')));
  });
});
