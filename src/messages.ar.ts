/**
 * Every user-facing string, in Arabic, in one place. Code, logs and comments stay English.
 * Sections: engine replies; console; (bot and admin sections are added below by their features).
 */

export const REPORT_TITLE = 'مهاجمو التاجي ملاحقون والتحالف يعيد تمركزه في العراق';

// ---- engine replies -------------------------------------------------------------------------
export const engineText = {
  unknown:
    'عذرًا، لا أعرف. لا تتضمن معلومات التقرير إجابة عن هذا السؤال. يمكنك أن تسألني عن إعادة تمركز قوات التحالف في العراق أو هجمات قاعدة التاجي، مثلًا:',
  clarify: 'هل تقصد أحد هذه الأسئلة؟',
  empty: 'لم تصلني أي كلمات. اكتب سؤالك عن التقرير بالعربية، مثلًا:',
  noArabic: 'أفهم الأسئلة المكتوبة بالعربية فقط. اكتب سؤالك بالعربية عن التقرير، مثلًا:',
} as const;

// ---- console chat ---------------------------------------------------------------------------
export const consoleText = {
  banner: `مرحبًا! أنا بوت يجيب عن أسئلتك حول تقرير «${REPORT_TITLE}».`,
  telegramHint:
    'هذه محادثة محلية في الطرفية. لربط البوت بتيليغرام ضع رمز البوت في المتغير BOT_TOKEN داخل ملف ‎.env ثم أعد التشغيل.',
  howTo: 'اكتب سؤالك ثم اضغط Enter، وبعد قائمة الأسئلة اكتب رقم السؤال لتحصل على جوابه. للخروج اضغط Ctrl+D.',
  prompt: 'سؤالك: ',
  bye: 'مع السلامة!',
  sourceLine: (paragraphs: readonly number[]) =>
    paragraphs.length === 1
      ? `📄 المصدر: الفقرة ${paragraphs[0]}`
      : `📄 المصدر: الفقرات ${paragraphs.join('، ')}`,
} as const;
