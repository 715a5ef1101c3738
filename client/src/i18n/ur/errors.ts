import type { Translation } from "../catalogParts.js";
import type { errors as english } from "../en/errors.js";

/** What went wrong, in Urdu words: input that does not pass the checks, and every error code. */
export const errors: Translation<typeof english> = {
  "validation.title": "براہ کرم ورکشاپ کا نام زیادہ سے زیادہ {max} حروف میں لکھیں، کنٹرول حروف کے بغیر۔",
  "validation.displayName": "براہ کرم ظاہری نام زیادہ سے زیادہ {max} حروف میں لکھیں، کنٹرول حروف کے بغیر۔",
  "validation.joinCode": "شمولیت کوڈ میں چھ حروف اور ہندسے ہوتے ہیں، مثلاً ABC-DEF۔",

  "error.BAD_REQUEST": "درخواست درست نہیں تھی۔",
  "error.UNKNOWN_EVENT": "سرور یہ درخواست نہیں سمجھ سکا۔",
  "error.UNAUTHORIZED": "آپ کا سیشن اب درست نہیں۔ براہ کرم دوبارہ شامل ہوں۔",
  "error.INVALID_JOIN_CODE": "اس شمولیت کوڈ کی کوئی کھلی ورکشاپ نہیں۔ کوڈ چیک کر کے دوبارہ کوشش کریں۔",
  "error.INVALID_DISPLAY_NAME": "یہ نام استعمال نہیں ہو سکتا۔ براہ کرم کوئی اور نام چنیں۔",
  "error.SESSION_REVOKED": "اب آپ اس ورکشاپ میں حصہ نہیں لے سکتے۔",
  "error.PROTOCOL_MISMATCH": "یہ صفحہ پرانا ہو گیا ہے۔ براہ کرم اسے دوبارہ لوڈ کریں۔",
  "error.FORBIDDEN": "آپ کو یہ کرنے کی اجازت نہیں۔",
  "error.NOT_FOUND": "یہ اب موجود نہیں۔",
  "error.CONFLICT": "اس دوران یہ بدل گیا۔ براہ کرم دوبارہ کوشش کریں۔",
  "error.WORKSHOP_ENDED": "یہ ورکشاپ ختم ہو گئی ہے۔",
  "error.INVALID_STATE": "یہ ابھی نہیں ہو سکتا (شاید دور بدل گیا ہے)۔ براہ کرم دوبارہ دیکھیں۔",
  "error.ROOM_FULL": "یہ کمرہ بھرا ہوا ہے۔",
  "error.POLL_CLOSED": "یہ رائے شماری بند ہے: آپ کا ووٹ شمار نہیں ہوا۔",
  "error.ALREADY_VOTED":
    "آپ پہلے ہی ووٹ دے چکے ہیں (یا اپنا ووٹ واپس لے چکے ہیں)، اور یہ رائے شماری دوبارہ ووٹ دینے یا ووٹ بدلنے کی اجازت نہیں دیتی۔",
  "error.RATE_LIMITED": "بہت زیادہ درخواستیں۔ براہ کرم ذرا انتظار کر کے دوبارہ کوشش کریں۔",
  "error.TOO_MANY_CONNECTIONS":
    "آپ نے یہ ورکشاپ ایک ساتھ بہت سے ٹیبز یا ڈیوائسز پر کھولی ہے۔ ان میں سے ایک بند کریں، پھر دوبارہ کوشش کریں۔",
  "error.PAYLOAD_TOO_LARGE": "یہ بہت لمبا ہے۔",
  "error.UNAVAILABLE": "سرور مصروف ہے یا دوبارہ شروع ہو رہا ہے۔ براہ کرم ذرا دیر بعد دوبارہ کوشش کریں۔",
  "error.INTERNAL": "سرور پر کچھ گڑبڑ ہو گئی۔ براہ کرم دوبارہ کوشش کریں۔",
  "error.network": "سرور تک رسائی نہیں ہو سکی۔ اپنا رابطہ چیک کر کے دوبارہ کوشش کریں۔",
  "error.timeout": "سرور نے وقت پر جواب نہیں دیا۔ براہ کرم دوبارہ کوشش کریں۔",
  "error.dismiss": "ہٹائیں",
};
