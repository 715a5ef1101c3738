import type { Translation } from "../catalogParts.js";
import type { privacy as english } from "../en/privacy.js";

/** Privacy and data in Thai: the anonymity default, deleting the workshop for good, content notes. */
export const privacy: Translation<typeof english> = {
  "privacy.heading": "ความเป็นส่วนตัวและข้อมูล",
  "privacy.anonymitySwitch": "คำถามและโพลใหม่เริ่มต้นแบบไม่ระบุชื่อ",
  "privacy.anonymitySwitchHint":
    "เปิด (ค่าเริ่มต้น): ช่องถามคำถามและโพลใหม่เริ่มต้นแบบไม่ระบุชื่อ ปิด: เริ่มต้นแบบระบุชื่อ ไม่ว่าแบบใด ทุกคนเลือกเองได้และเห็นเสมอว่าตอนนี้อยู่ในแบบใด",
  "privacy.settingFailed": "การตั้งค่าไม่ได้เปลี่ยน: {message}",
  "privacy.dangerHeading": "ส่วนที่ต้องระวัง",
  "privacy.deleteHint":
    "การลบจะนำทุกอย่างในเวิร์กช็อปนี้ออกอย่างถาวรทันที ได้แก่ รายชื่อคน บันทึก โพล คำถาม และรายงานสรุปผล ทุกคนจะถูกตัดการเชื่อมต่อ",
  "privacy.deleteHintEnded": "ตอนนี้คุณลบทุกอย่างในเวิร์กช็อปนี้อย่างถาวรได้เลย ได้แก่ รายชื่อคน บันทึก โพล คำถาม และรายงานสรุปผล",
  "privacy.deleteButton": "ลบเวิร์กช็อป…",
  "privacy.deleteHeading": "ลบ “{title}” อย่างถาวรใช่ไหม",
  "privacy.deleteConsequence":
    "ทุกอย่างในเวิร์กช็อปนี้จะถูกลบเดี๋ยวนี้สำหรับทุกคน และกู้คืนไม่ได้ ได้แก่ รายชื่อคน บันทึกทั้งหมด โพลและผลโหวต คำถามทั้งหมด และรายงานสรุปผล ทุกคนที่ยังเชื่อมต่ออยู่จะถูกตัดการเชื่อมต่อ หากต้องการรายงาน โปรดดาวน์โหลดก่อน",
  "privacy.deleteTypeLabel": "เพื่อยืนยัน ให้พิมพ์รหัสเข้าร่วม {code} หรือชื่อเวิร์กช็อป",
  "privacy.deleteTypeHint": "ปุ่มลบจะกดได้เมื่อสิ่งที่พิมพ์ตรงกัน",
  "privacy.deleteConfirm": "ลบเวิร์กช็อปนี้อย่างถาวร",
  "privacy.deleting": "กำลังลบ…",
  "privacy.deleteFailed": "ยังไม่ได้ลบเวิร์กช็อป: {message}",
  "privacy.deleteUnauthorized": "แท็บนี้ลบเวิร์กช็อปไม่ได้แล้ว เวิร์กช็อปอาจถูกลบไปแล้ว หรือสิทธิ์เข้าถึงของคุณสิ้นสุดแล้ว",
  "privacy.deleteAt": "ทุกอย่างในเวิร์กช็อปนี้จะถูกลบอย่างถาวรในวันที่ {date}",
  "contentNote.label": "คำเตือนเนื้อหา:",
  "contentNote.hint": "คุณข้ามส่วนนี้ได้ ไม่ว่าจะเลือกแบบใดก็ไม่มีใครได้รับแจ้ง",
  "contentNote.show": "แสดง",
  "contentNote.skip": "ข้าม",
  "contentNote.skipped": "คุณข้ามส่วนนี้แล้ว ไม่มีใครได้รับแจ้ง",
};
