import type { Translation } from "../catalogParts.js";
import type { calls as english } from "../en/calls.js";

/** Video call links in Urdu: "Join the call", and the facilitators' panel that sets them. */
export const calls: Translation<typeof english> = {
  "call.join": "کال میں شامل ہوں",
  "call.newTab": "ویڈیو کال ایک نئے ٹیب میں کھلتی ہے۔",
  "calls.heading": "ویڈیو کالیں",
  "calls.intro":
    "مرکزی نشست اور گروپ کمروں کی ویڈیو کالوں کے لنک۔ ہر شخص کو صرف اسی جگہ کا لنک ملتا ہے جہاں وہ موجود ہے۔",
  "calls.secret":
    "لنک میں میٹنگ کا پاس ورڈ ہو سکتا ہے: یہ صرف اس کمرے کے لوگوں اور سہولت کاروں تک پہنچتا ہے، اور کبھی رپورٹ میں نہیں جاتا۔",
  "calls.plenaryLabel": "مرکزی نشست کی کال کا لنک",
  "calls.templateLabel": "گروپ کمروں کے لنک کا سانچہ",
  "calls.templateHint": "ہر کمرے کے لنک کے اپنے حصے کی جگہ {room} لکھیں ({workshop} اختیاری ہے)۔ مثال: {example}",
  "calls.save": "محفوظ کریں",
  "calls.remove": "ہٹائیں",
  "calls.saved": "محفوظ ہو گیا۔",
  "calls.roomsHeading": "دور {number} کے لنک",
  "calls.roomLabel": "{name} کی کال کا لنک",
  "calls.roomHint": "اس کمرے کے لیے لنک چسپاں کریں، یا سانچہ استعمال کرنے کے لیے خالی چھوڑ دیں۔",
  "calls.fromTemplate": "سانچے سے",
  "calls.pasted": "اس کمرے کے لیے چسپاں کیا گیا",
  "calls.noLink": "ابھی کوئی لنک نہیں",
  "calls.problem.length": "زیادہ سے زیادہ {max} حروف کا لنک لکھیں۔",
  "calls.problem.whitespace": "لنک میں خالی جگہ یا چھپے ہوئے حروف نہیں ہو سکتے۔",
  "calls.problem.malformed": "یہ ویب پتا نہیں ہے۔",
  "calls.problem.https": "لنک https:// سے شروع ہونا چاہیے",
  "calls.problem.credentials": "لنک سے صارف کا نام اور پاس ورڈ (نام:پاس ورڈ@) ہٹا دیں۔",
  "calls.problem.placeholder": "گھنگریالے قوسین میں صرف {room} اور {workshop} لکھے جا سکتے ہیں، اور صرف سانچے میں۔",
  "calls.problem.needsRoom": "سانچے میں {room} ضروری ہے، تاکہ ہر کمرے کو اپنی کال ملے۔",
};
