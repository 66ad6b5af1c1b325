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
  numberOnly: 'وصلني رقم وحده. اكتب سؤالك عنه بكلمات، مثلًا:',
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

// ---- admin, feedback and group settings (src/bot/features/{admin,feedback,group-settings}.ts) ----

/** Arabic number agreement: 1 سؤال، 2 سؤالان، 3–10 أسئلة، 11+ سؤالًا (0 takes the plural). */
export function arabicCount(
  n: number,
  forms: { readonly one: string; readonly two: string; readonly few: string; readonly many: string },
): string {
  if (n === 1) return forms.one;
  if (n === 2) return forms.two;
  const rest = n % 100;
  if (n === 0 || (rest >= 3 && rest <= 10)) return `${n} ${forms.few}`;
  return `${n} ${forms.many}`;
}

const daysPhrase = (d: number) => arabicCount(d, { one: 'يوم', two: 'يومين', few: 'أيام', many: 'يومًا' });
const timesPhrase = (n: number) =>
  arabicCount(n, { one: 'مرة واحدة', two: 'مرتين', few: 'مرات', many: 'مرة' });

/** One figure with its share of the total, e.g. «80 (67%)». */
const share = (n: number, total: number) => (total > 0 ? `${n} (${Math.round((n * 100) / total)}%)` : '0');

export interface StatsView {
  readonly days: number;
  readonly total: number;
  readonly byStatus: {
    readonly answered: number;
    readonly clarify: number;
    readonly unknown: number;
    readonly smalltalk: number;
  };
  readonly byChatKind: {
    readonly private: number;
    readonly group: number;
    readonly inline: number;
    readonly console: number;
  };
  readonly distinctUsers: number;
  /** Entry label (its canonical question) with counts. */
  readonly top: ReadonlyArray<{ readonly label: string; readonly count: number }>;
  readonly worst: ReadonlyArray<{ readonly label: string; readonly up: number; readonly down: number }>;
}

export const adminText = {
  refusal: 'عذرًا، هذا الأمر مخصّص لمشرفي البوت.',
  privateOnly:
    'أوامر الإدارة تعمل في المحادثة الخاصة معي فقط، حفاظًا على خصوصية البيانات. راسلني هناك من فضلك.',
  statsUsage: 'اكتب /stats لإحصاءات آخر 7 أيام، أو أضف عدد الأيام، مثلًا: /stats 30 (من 1 إلى 3650).',
  statsEmpty: (days: number) => `📊 لم يصلني أي سؤال في آخر ${daysPhrase(days)}.`,
  stats: (v: StatsView): string => {
    const lines = [
      `📊 إحصاءات آخر ${daysPhrase(v.days)}`,
      '',
      `الأسئلة: ${v.total}`,
      `• أُجيب عنها: ${share(v.byStatus.answered, v.total)}`,
      `• طُلب فيها توضيح: ${share(v.byStatus.clarify, v.total)}`,
      `• بلا إجابة: ${share(v.byStatus.unknown, v.total)}`,
      `• دردشة عامة: ${share(v.byStatus.smalltalk, v.total)}`,
      '',
      `المحادثات الخاصة: ${v.byChatKind.private} · المجموعات: ${v.byChatKind.group} · الوضع المضمّن: ${v.byChatKind.inline}` +
        (v.byChatKind.console > 0 ? ` · الطرفية: ${v.byChatKind.console}` : ''),
      `المستخدمون المختلفون: ${v.distinctUsers}`,
    ];
    if (v.top.length > 0) {
      lines.push('', 'الأكثر سؤالًا:', ...v.top.map((t, i) => `${i + 1}. ${t.label} — ${t.count}`));
    }
    if (v.worst.length > 0) {
      lines.push(
        '',
        'تحتاج إلى مراجعة (أقل تقييمًا):',
        ...v.worst.map((w, i) => `${i + 1}. ${w.label} — 👎 ${w.down} · 👍 ${w.up}`),
      );
    }
    return lines.join('\n');
  },

  unansweredNone: (days: number) => `👌 لا توجد أسئلة بلا إجابة في آخر ${daysPhrase(days)}.`,
  unansweredHeader: (shown: number, total: number, days: number) =>
    `❓ أكثر الأسئلة التي لم أجد لها إجابة في آخر ${daysPhrase(days)}` +
    (total > shown ? ` (أعرض ${shown} من ${total}):` : ':') +
    '\nاربط كل سؤال بالمدخل الذي يجيب عنه، أو تجاهله.',
  unansweredItem: (sample: string, count: number, ref: number) =>
    `«${sample}»\nسُئل ${timesPhrase(count)} · رقم المجموعة: ${ref}`,
  noCandidates: 'لم أجد مدخلًا قريبًا. للربط يدويًا: /attach رقم_المجموعة معرّف_المدخل',
  attachButton: (label: string) => `اربط بـ: ${label}`,
  dismissButton: 'تجاهل',
  attached: (sample: string, entryLabel: string, nowAnswered: boolean) =>
    `✅ ربطتُ «${sample}» بالمدخل «${entryLabel}».\n` +
    (nowAnswered
      ? 'صرتُ أجيب عن هذا السؤال من الآن.'
      : 'تنبيه: ما زلت لا أجيب عنه مباشرة لأنه يشبه مدخلات أخرى؛ راجع صياغته في ملف المعرفة.'),
  attachedToast: 'تم الربط ✅',
  dismissed: (sample: string) => `🚫 تجاهلتُ «${sample}» ولن يظهر في القائمة بعد الآن.`,
  dismissedToast: 'تم التجاهل',
  staleButton: 'انتهت صلاحية هذا الزر. أرسل /unanswered لعرض القائمة من جديد.',
  attachUsage: 'الاستخدام: /attach رقم_المجموعة معرّف_المدخل، مثلًا: /attach 12 qaim-troop-count',
  unknownGroup: (ref: string) => `لا أعرف مجموعة أسئلة بالرقم ${ref}. أرسل /unanswered لعرض الأرقام.`,
  unknownEntry: (id: string) => `لا يوجد مدخل بالمعرّف «${id}» في المعرفة الحالية.`,

  reloadOk: (entries: number, smalltalk: number, files: readonly string[], learned: number) =>
    [
      '✅ أعدتُ تحميل المعرفة بنجاح، وصرت أجيب منها الآن.',
      `مدخلات التقرير: ${entries}`,
      `عبارات الدردشة: ${smalltalk}`,
      `الأسئلة المتعلَّمة المدمجة: ${learned}`,
      `الملفات: ${files.join('، ')}`,
    ].join('\n'),
  reloadFailed: (error: string, keptEntries: number) =>
    `⚠️ لم أُعِد تحميل المعرفة لأن في الملف خطأً، وما زلت أجيب من المعرفة السابقة (مدخلات التقرير: ${keptEntries}).\n` +
    `الخطأ (الملف، المدخل، الحقل):\n${error}`,

  exportEmpty: 'لا توجد أسئلة متعلَّمة بعد. اربط أسئلة من /unanswered أولًا.',
  exportCaption: (questions: number, entries: number) =>
    `📎 الأسئلة المتعلَّمة: ${questions} · المدخلات: ${entries}\nراجعها ثم ادمجها في مجلد knowledge/.`,
} as const;

export const feedbackText = {
  thanksUp: 'شكرًا لتقييمك! 👍',
  thanksDown: 'شكرًا لك، سنراجع هذه الإجابة لنحسّنها.',
  changed: 'عدّلتُ تقييمك، شكرًا لك!',
  same: 'تقييمك مسجَّل من قبل، شكرًا لك!',
  invalid: 'تعذّر تسجيل هذا التقييم؛ ربما صار الزر قديمًا.',
  failed: 'عذرًا، لم أستطع تسجيل تقييمك الآن. حاول بعد قليل.',
  /** Appended to the chosen button's label. */
  chosenMark: ' ✓',
} as const;

export const settingsText = {
  groupsOnly: 'يعمل هذا الأمر داخل المجموعات فقط: أرسل /settings في المجموعة التي تديرها.',
  notGroupAdmin: 'عذرًا، تغيير إعدادات البوت متاح لمشرفي المجموعة فقط.',
  prompt: (mode: 'all' | 'ask-only') =>
    `⚙️ متى أجيب في هذه المجموعة؟\nالوضع الحالي: ${mode === 'all' ? 'أجيب عن /ask وعن الإشارة إليّ والرد على رسائلي.' : 'أجيب عن /ask فقط.'}`,
  allButton: '/ask والإشارات والردود',
  askOnlyButton: '/ask فقط',
  chosenMark: '✓ ',
  saved: 'تم حفظ الإعداد ✅',
  failed: 'عذرًا، لم أستطع حفظ الإعداد الآن. حاول بعد قليل.',
} as const;

// ---- Telegram bot ---------------------------------------------------------------------------
/** `/ask` written with a left-to-right mark so it reads correctly inside right-to-left text. */
const ASK = '\u200E/ask';
const at = (username: string) => `\u200E@${username}`;

export const botText = {
  /** What the bot knows, in one line (shown by /start). */
  welcome: `أهلًا بك! أنا بوت يجيب عن أسئلتك حول تقرير «${REPORT_TITLE}»: تسليم قاعدة القائم وإعادة تمركز قوات التحالف في العراق، والهجمات على قاعدة التاجي والرد الأميركي عليها.`,
  welcomeTry: 'اكتب سؤالك بكلماتك، بالفصحى أو بلهجتك، أو جرّب أحد هذه الأسئلة:',
  welcomeGroups: (username: string) =>
    `وفي المجموعات: اكتب ${ASK} ثم سؤالك، أو اذكرني ${at(username)} في رسالتك، أو ردّ على إحدى رسائلي.`,
  help: (username: string) =>
    [
      'كيف تسألني؟',
      '• في المحادثة الخاصة: اكتب سؤالك عن التقرير مباشرة، بالفصحى أو بلهجتك.',
      `• في المجموعات: اكتب ${ASK} ثم سؤالك، أو اذكرني ${at(username)} في رسالتك، أو ردّ على إحدى رسائلي.`,
      `• في أي محادثة: اكتب ${at(username)} ثم سؤالك، واختر الجواب لترسله.`,
      '',
      'الأوامر:',
      '/topics — أسئلة التقرير مرتبة حسب الموضوع',
      `${ASK} — اطرح سؤالًا (في المجموعات)`,
      '/help — هذه المساعدة',
      '',
      'ما لا أعرفه: أجيب بما ورد في التقرير فقط، فلا أعرف أخبارًا أحدث منه ولا تفاصيل لم يذكرها، ولا أقرأ الصور والرسائل الصوتية.',
    ].join('\n'),
  groupStart: (username: string, example: string) =>
    `أجيب هنا عن الأسئلة حول تقرير «${REPORT_TITLE}». اكتب ${ASK} ثم سؤالك، مثلًا:\n${ASK} ${example}\nأو اذكرني ${at(username)} في رسالتك، أو ردّ على إحدى رسائلي.`,
  groupGreeting: (username: string, example: string) =>
    `السلام عليكم! شكرًا لإضافتي. أنا بوت يجيب عن الأسئلة حول تقرير «${REPORT_TITLE}».\nلتسألوني هنا اكتبوا ${ASK} ثم السؤال، مثلًا:\n${ASK} ${example}\nويمكنكم أيضًا ذكري ${at(username)} أو الرد على إحدى رسائلي.`,
  askUsage: (example: string) => `اكتب سؤالك بعد الأمر، مثلًا: ${ASK} ${example}`,
  sourceLine: (paragraphs: readonly number[]) =>
    paragraphs.length === 1
      ? `📄 المصدر: الفقرة ${paragraphs[0]}`
      : `📄 المصدر: الفقرات ${paragraphs.join('، ')}`,
  feedbackUp: '👍',
  feedbackDown: '👎',
  slowDown: 'مهلًا، وصلتني رسائل كثيرة منك في وقت قصير. انتظر بضع ثوانٍ ثم أعد إرسال سؤالك، من فضلك.',
  textOnly: 'أقرأ الرسائل النصية فقط. اكتب سؤالك عن التقرير نصًّا، من فضلك.',
  unknownCommand: 'لا أعرف هذا الأمر. أرسل /help لترى طريقة السؤال والأوامر.',
  apology: 'عذرًا، حدث خطأ عندي أثناء الإجابة. حاول مرة أخرى بعد قليل، من فضلك.',
  staleButton: 'هذا الزر قديم أو غير صالح. أرسل /topics لتحصل على قائمة جديدة.',
  topicsIntro: 'اختر موضوعًا لترى أسئلته، ثم اضغط على السؤال لتحصل على جوابه:',
  topicsEmpty: 'لا توجد مواضيع بعد.',
  topicHeader: (title: string, page: number, pages: number) =>
    pages > 1 ? `${title} (صفحة ${page} من ${pages}): اختر سؤالًا` : `${title}: اختر سؤالًا`,
  topicButton: (title: string, count: number) => `${title} (${count})`,
  pagePrev: '▶️ السابق',
  pageNext: 'التالي ◀️',
  backToTopics: '↩️ كل المواضيع',
  inlineOpenChat: 'اسألني في محادثة خاصة',
  commands: {
    start: 'البداية وأمثلة على الأسئلة',
    help: 'طريقة السؤال والأوامر',
    topics: 'أسئلة التقرير مرتبة حسب الموضوع',
    ask: 'اطرح سؤالًا عن التقرير (في المجموعات)',
    stats: 'إحصاءات الأسئلة (للمشرفين)',
    unanswered: 'أسئلة بلا إجابة (للمشرفين)',
    reload: 'إعادة تحميل ملفات المعرفة (للمشرفين)',
    export: 'تصدير البيانات (للمشرفين)',
    settings: 'إعدادات البوت في هذه المجموعة (لمشرفيها)',
  },
} as const;
