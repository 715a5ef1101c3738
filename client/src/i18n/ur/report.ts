import type { Translation } from "../catalogParts.js";
import type { report as english } from "../en/report.js";

/** The outcome report in Urdu: its scope, whether it names people, downloads and the preview. */
export const report: Translation<typeof english> = {
  "report.heading": "نتائج کی رپورٹ",
  "report.intro":
    "مرکزی نشست اور ہر کمرے کے نوٹس، نتائج، رائے شماری اور جواب دیے گئے سوالات سے بنی ایک دستاویز۔ “رپورٹ میں نہیں” کے نشان والے حصے اور زیر التوا یا مسترد شدہ سوالات اس میں شامل نہیں ہوتے۔",
  "report.open": "رپورٹ تیار کریں",
  "report.hide": "رپورٹ کے اوزار چھپائیں",
  "report.scopeLabel": "رپورٹ میں کیا شامل ہے",
  "report.scopeWorkshop": "پوری ورکشاپ",
  "report.scopeRound": "دور {number}: تمام کمرے",
  "report.scopeRoom": "دور {number}: {room}",
  "report.scopeRoundGroup": "دور {number}",
  "report.scopesLoading": "دور اور کمرے کھل رہے ہیں…",
  "report.scopesFailed": "دوروں اور کمروں کی فہرست نہیں کھل سکی: {message}",
  "report.scopesRefresh": "فہرست تازہ کریں",
  "report.attributionLegend": "رپورٹ میں نام",
  "report.attributionNone": "کوئی نام نہیں: کسی کا نام نہیں آتا (چیتھم ہاؤس اصول)",
  "report.attributionNamed": "رضامندی دینے والوں کے نام: نام کے ساتھ سوال پوچھنے والے، نوٹ نگار",
  "report.attributionOffHint": "رپورٹوں میں کسی کا نام نہیں آتا: سہولت کار نے اس ورکشاپ میں ناموں کی اجازت نہیں دی۔",
  "report.chatLegend": "ان کی چیٹ شامل کریں…",
  "report.chatHint":
    "جب تک آپ یہاں نشان نہ لگائیں، کوئی چیٹ رپورٹ میں نہیں ہوتی۔ شامل کی گئی چیٹ ہر پیغام اس کے وقت کے ساتھ دکھاتی ہے، کسی کے نام کے بغیر، اور رپورٹ بتاتی ہے کہ ایک سہولت کار نے اسے شامل کرنے کا انتخاب کیا۔ چھپائے گئے پیغامات چھپے ہی رہتے ہیں۔",
  "report.chatPlenary": "مرکزی نشست",
  "report.downloadHeading": "ڈاؤن لوڈ",
  "report.downloadHint":
    "HTML میں چارٹ ہوتے ہیں اور یہ PDF میں صاف پرنٹ ہوتی ہے؛ CSV میں اسپریڈشیٹ کے لیے رائے شماری اور سوالات ہوتے ہیں۔",
  "report.formatMd": "Markdown متن",
  "report.formatHtml": "HTML ویب صفحہ",
  "report.formatJson": "JSON ڈیٹا",
  "report.formatCsv": "CSV جدول",
  "report.downloadLabel": "رپورٹ {format} کی شکل میں ڈاؤن لوڈ کریں",
  "report.downloading": "{format} فائل تیار ہو رہی ہے…",
  "report.downloaded": "{format} فائل ڈاؤن لوڈ ہو رہی ہے۔",
  "report.preview": "پیش منظر",
  "report.previewRefresh": "پیش منظر تازہ کریں",
  "report.previewClose": "پیش منظر بند کریں",
  "report.previewLoading": "پیش منظر کھل رہا ہے…",
  "report.previewReady": "پیش منظر نیچے دکھایا گیا ہے۔",
  "report.previewTitle": "نتائج کی رپورٹ کا پیش منظر",
  "report.namesFound":
    "شائع کرنے سے پہلے چیک کریں: اس رپورٹ میں اس ورکشاپ کے لوگوں کے نام آئے ہیں ({names})۔ نوٹس میں وہ حصے درست کریں، یا انہیں [not for export] والے عنوان کے نیچے رکھیں۔",
  "report.namesNone": "اس رپورٹ میں کسی شریک کا نام نہیں۔",
  "report.previewHint": "HTML فائل میں یہی نظر آتا ہے۔ PDF کے لیے HTML ڈاؤن لوڈ کر کے براؤزر سے پرنٹ کریں۔",
  "report.errorFORBIDDEN": "رپورٹ صرف سہولت کار اور نوٹ نگار لے سکتے ہیں۔",
  "report.errorINVALID_STATE":
    "یہ ورکشاپ (اب) ناموں والی رپورٹوں کی اجازت نہیں دیتی۔ “کوئی نام نہیں” چن کر دوبارہ کوشش کریں۔",
  "report.errorNOT_FOUND": "یہ دور یا کمرہ اب ورکشاپ میں نہیں۔ فہرست تازہ کر کے دوبارہ چنیں۔",
  "report.errorUNAUTHORIZED": "آپ کا سیشن اب درست نہیں: رپورٹ لینے کے لیے صفحہ دوبارہ لوڈ کریں یا پھر سے شامل ہوں۔",
  "report.attributionSwitch": "رپورٹوں میں لوگوں کے نام آ سکتے ہیں",
  "report.attributionSwitchHint":
    "بند (ابتدائی ترتیب): کسی رپورٹ میں کہیں نام نہیں۔ کھلا: اب سے نام کے ساتھ پوچھے گئے سوالات اور نوٹ نگاروں کے نام دیے جا سکتے ہیں؛ پوچھنے سے پہلے سب یہ دیکھتے ہیں۔ گمنام سوالات میں کبھی نام نہیں آتا۔",
  "report.attributionFailed": "ترتیب نہیں بدلی: {message}",
};
