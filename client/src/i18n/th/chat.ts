import type { Translation } from "../catalogParts.js";
import type { chat as english } from "../en/chat.js";

/** Chat in Thai: messages, sending, hiding by facilitators. */
export const chat: Translation<typeof english> = {
  "chat.heading": "แชต",
  "chat.introPlenary": "เขียนถึงทุกคนในที่ประชุมใหญ่ หากคุณพูดในสายไม่ได้",
  "chat.introRoom": "เขียนถึงทุกคนในห้องนี้ หากคุณพูดในสายไม่ได้",
  "chat.messagesLabel": "ข้อความแชต",
  "chat.empty": "ยังไม่มีข้อความ",
  "chat.older": "ข้อความก่อนหน้า",
  "chat.inputLabel": "เขียนข้อความ",
  "chat.send": "ส่ง",
  "chat.sending": "กำลังส่ง…",
  "chat.failed": "ส่งไม่สำเร็จ",
  "chat.retry": "ลองอีกครั้ง",
  "chat.discard": "ลบออก",
  "chat.you": "คุณ",
  "chat.neutralAuthor": "ผู้เข้าร่วมคนหนึ่ง",
  "chat.hiddenBy": "ซ่อนโดยผู้ดำเนินกิจกรรม:",
  "chat.hide": "ซ่อน",
  "chat.hideLabel": "ซ่อนข้อความ: {text}",
  "chat.hideReason": "เพราะอะไร ทุกคนในแชตนี้จะเห็นเหตุผล",
  "chat.hideConfirm": "ซ่อนจากทุกคน",
  "chat.cancel": "ยกเลิก",
  "chat.rateLimited": "คุณส่งข้อความเร็วเกินไป โปรดรอสักครู่",
  "chat.count": "{length} จาก {max} ตัวอักษร",
  "chat.announceNew": "ข้อความแชตใหม่ {count} ข้อความ",
};
