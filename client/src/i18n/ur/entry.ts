import type { Translation } from "../catalogParts.js";
import type { entry as english } from "../en/entry.js";

/** Getting in, in Urdu: creating a workshop, entering it as facilitator, joining it. */
export const entry: Translation<typeof english> = {
  "create.heading": "ورکشاپ بنائیں",
  "create.intro": "ورکشاپ شروع کریں، پھر شمولیت کوڈ یا لنک شرکاء کو بھیجیں۔",
  "create.titleLabel": "ورکشاپ کا نام",
  "create.submit": "ورکشاپ بنائیں",
  "create.submitting": "بن رہی ہے…",
  "create.joinInstead": "ورکشاپ میں شامل ہوں",
  "create.createdHeading": "آپ کی ورکشاپ تیار ہے",
  "create.joinCodeLabel": "شمولیت کوڈ",
  "create.joinLinkLabel": "شمولیت لنک",
  "create.qrAlt": "شمولیت لنک {link} کا QR کوڈ",
  "create.copyLink": "لنک کاپی کریں",
  "create.keyHeading": "سہولت کار کی چابی",
  "create.keyWarning":
    "یہ چابی صرف ایک بار دکھائی جاتی ہے۔ اسے کاپی کر کے کسی محفوظ جگہ رکھیں: جس کے پاس یہ ہو وہ سہولت کار بن کر داخل ہو سکتا ہے۔",
  "create.keyLabel": "سہولت کار کی چابی (صرف ایک بار دکھائی جاتی ہے)",
  "create.copyKey": "چابی کاپی کریں",
  "create.copied": "کاپی ہو گئی",
  "create.copyFailed": "کاپی نہیں ہو سکی۔ متن منتخب کر کے خود کاپی کریں۔",
  "create.enterHeading": "سہولت کار کے طور پر داخل ہوں",
  "create.facilitatorNameLabel": "آپ کا ظاہری نام",
  "create.enterSubmit": "سہولت کار کے طور پر داخل ہوں",
  "create.retention":
    "ورکشاپ ختم ہونے کے {days, plural, one {# دن} other {# دن}} بعد اس میں موجود سب کچھ ہمیشہ کے لیے مٹا دیا جاتا ہے۔",
  "create.rateLimited":
    "حال ہی میں آپ کے نیٹ ورک سے بہت سی ورکشاپس بنائی گئی ہیں۔ کچھ دیر (زیادہ سے زیادہ ایک گھنٹہ) انتظار کریں، پھر دوبارہ کوشش کریں۔",

  "join.heading": "ورکشاپ میں شامل ہوں",
  "join.codeLabel": "شمولیت کوڈ",
  "join.codeHint": "چھ حروف اور ہندسے، مثلاً ABC-DEF۔",
  "join.nameLabel": "ظاہری نام",
  "join.nameHint": "فرضی نام بھی ٹھیک ہے۔ ورکشاپ کے دوسرے لوگ یہی نام دیکھیں گے۔",
  "join.submit": "شامل ہوں",
  "join.connecting": "رابطہ ہو رہا ہے…",
  "join.stillTrying": "ابھی سرور تک رسائی نہیں ہو سکی۔ کوشش جاری ہے…",
  "join.createInstead": "ورکشاپ بنائیں",
  "join.rateLimited":
    "ابھی ابھی آپ کے نیٹ ورک سے شامل ہونے کی بہت سی کوششیں ہوئیں (غلط شمولیت کوڈ، یا ایک ساتھ بہت سے لوگ شامل ہو رہے ہیں)۔ چند منٹ انتظار کریں، کوڈ چیک کریں، پھر دوبارہ کوشش کریں۔",
};
