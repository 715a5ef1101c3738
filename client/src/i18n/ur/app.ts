import type { Translation } from "../catalogParts.js";
import type { app as english } from "../en/app.js";

/** The frame of every page in Urdu: the app's name, the quick exit, the connection status, the end screens. */
export const app: Translation<typeof english> = {
  "app.name": "ورکشاپ",
  "app.skipToContent": "اصل مواد پر جائیں",
  "app.notFound.title": "صفحہ نہیں ملا",
  "app.notFound.body": "اس پتے پر کچھ نہیں ہے۔",
  "app.home": "ابتدائی صفحہ",
  "app.language": "زبان",

  "leave.button": "فوراً نکلیں",
  "leave.hint": "فوری اخراج: Esc دو بار دبائیں",
  "leave.label": "فوراً نکلیں: ورکشاپ ابھی چھوڑ کر ایک عام صفحے پر چلے جائیں",

  "connection.label": "رابطہ",
  "connection.connecting": "رابطہ ہو رہا ہے…",
  "connection.connected": "رابطہ ہو گیا",
  "connection.reconnecting": "دوبارہ رابطہ ہو رہا ہے…",
  "connection.offline": "آف لائن",
  "offline.banner": "آپ آف لائن ہیں۔ جو کچھ آپ ابھی کریں گے، وہ انٹرنیٹ واپس آنے پر بھیج دیا جائے گا۔",
  "offline.bannerSince":
    "آپ آف لائن ہیں۔ یہ ورکشاپ ویسی دکھائی دے رہی ہے جیسی {time} پر تھی۔ جو کچھ آپ ابھی کریں گے، وہ انٹرنیٹ واپس آنے پر بھیج دیا جائے گا۔",
  "offline.waiting": "بھیجے جانے کے منتظر: {count}",

  "app.workshopLoading": "ورکشاپ کھل رہی ہے…",
  "app.workshopLoadFailed": "ورکشاپ کے صفحات نہیں کھل سکے۔ اپنا رابطہ چیک کریں۔",
  "app.workshopLoadRetry": "دوبارہ کوشش کریں",

  "revoked.removedHeading": "آپ کو اس ورکشاپ سے ہٹا دیا گیا",
  "revoked.removedBody": "ایک سہولت کار نے آپ کو ہٹا دیا۔ اب آپ اس ورکشاپ میں حصہ نہیں لے سکتے۔",
  "revoked.endedHeading": "یہ ورکشاپ ختم ہو گئی ہے",
  "revoked.endedBody": "حصہ لینے کا شکریہ۔",
  "revoked.deletedHeading": "یہ ورکشاپ مٹا دی گئی ہے",
  "revoked.deletedBody": "اس میں موجود سب کچھ ہمیشہ کے لیے مٹا دیا گیا ہے۔",
  "revoked.lostHeading": "یہ ورکشاپ محفوظ نہیں رہ سکی",
  "revoked.lostBody":
    "سرور سے اس ورکشاپ کا ڈیٹا ضائع ہو گیا، اس لیے یہ جاری نہیں رہ سکتی۔ اس میں آپ کا کوئی قصور نہیں: اس میں موجود سب لوگ یہی پیغام دیکھ رہے ہیں، اور منتظمین نئی ورکشاپ شروع کر کے نیا لنک بھیج سکتے ہیں۔",
  "revoked.endedReport":
    "آپ اب بھی اسی ٹیب سے “{title}” کی نتائج کی رپورٹ لے سکتے ہیں۔ بند کرنے سے پہلے جو چاہیے ڈاؤن لوڈ کر لیں: یہ صفحہ چھوڑتے ہی آپ کی رسائی ختم ہو جائے گی۔",

  "exit.heading": "آپ نکل گئے ہیں۔",
  "exit.home": "ابتدائی صفحے پر جائیں",
};
