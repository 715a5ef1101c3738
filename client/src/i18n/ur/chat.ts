import type { Translation } from "../catalogParts.js";
import type { chat as english } from "../en/chat.js";

/** Chat in Urdu: messages, sending, hiding by facilitators. */
export const chat: Translation<typeof english> = {
  "chat.heading": "چیٹ",
  "chat.introPlenary": "اگر آپ کال پر بول نہیں سکتے تو مرکزی نشست میں سب کے لیے یہاں لکھیں۔",
  "chat.introRoom": "اگر آپ کال پر بول نہیں سکتے تو اس کمرے میں سب کے لیے یہاں لکھیں۔",
  "chat.messagesLabel": "چیٹ کے پیغامات",
  "chat.empty": "ابھی کوئی پیغام نہیں۔",
  "chat.older": "پرانے پیغامات",
  "chat.inputLabel": "پیغام لکھیں",
  "chat.send": "بھیجیں",
  "chat.sending": "بھیجا جا رہا ہے…",
  "chat.failed": "نہیں بھیجا گیا",
  "chat.retry": "دوبارہ کوشش کریں",
  "chat.discard": "ہٹائیں",
  "chat.you": "آپ",
  "chat.neutralAuthor": "ایک شریک",
  "chat.hiddenBy": "سہولت کار نے چھپا دیا:",
  "chat.hide": "چھپائیں",
  "chat.hideLabel": "پیغام چھپائیں: {text}",
  "chat.hideReason": "کیوں؟ اس چیٹ میں سب یہ وجہ دیکھیں گے۔",
  "chat.hideConfirm": "سب سے چھپائیں",
  "chat.cancel": "منسوخ کریں",
  "chat.rateLimited": "آپ بہت تیزی سے پیغامات بھیج رہے ہیں۔ براہ کرم چند سیکنڈ انتظار کریں۔",
  "chat.count": "{max} میں سے {length} حروف",
  "chat.announceNew": "{count, plural, one {# نیا چیٹ پیغام} other {# نئے چیٹ پیغامات}}",
};
