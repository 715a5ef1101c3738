import type { Translation } from "../catalogParts.js";
import type { entry as english } from "../en/entry.js";

/** Getting in, in Thai: creating a workshop, entering it as facilitator, joining it. */
export const entry: Translation<typeof english> = {
  "create.heading": "สร้างเวิร์กช็อป",
  "create.intro": "เริ่มเวิร์กช็อป แล้วแชร์รหัสเข้าร่วมหรือลิงก์ให้ผู้เข้าร่วม",
  "create.titleLabel": "ชื่อเวิร์กช็อป",
  "create.submit": "สร้างเวิร์กช็อป",
  "create.submitting": "กำลังสร้าง…",
  "create.joinInstead": "เข้าร่วมเวิร์กช็อป",
  "create.createdHeading": "เวิร์กช็อปของคุณพร้อมแล้ว",
  "create.joinCodeLabel": "รหัสเข้าร่วม",
  "create.joinLinkLabel": "ลิงก์เข้าร่วม",
  "create.qrAlt": "คิวอาร์โค้ดของลิงก์เข้าร่วม {link}",
  "create.copyLink": "คัดลอกลิงก์",
  "create.keyHeading": "รหัสลับผู้ดำเนินกิจกรรม",
  "create.keyWarning": "รหัสลับนี้แสดงเพียงครั้งเดียว โปรดคัดลอกและเก็บไว้ในที่ปลอดภัย ใครก็ตามที่มีรหัสนี้จะเข้าในฐานะผู้ดำเนินกิจกรรมได้",
  "create.keyLabel": "รหัสลับผู้ดำเนินกิจกรรม (แสดงครั้งเดียว)",
  "create.copyKey": "คัดลอกรหัสลับ",
  "create.copied": "คัดลอกแล้ว",
  "create.copyFailed": "คัดลอกไม่สำเร็จ โปรดเลือกข้อความแล้วคัดลอกเอง",
  "create.enterHeading": "เข้าในฐานะผู้ดำเนินกิจกรรม",
  "create.facilitatorNameLabel": "ชื่อที่แสดงของคุณ",
  "create.enterSubmit": "เข้าในฐานะผู้ดำเนินกิจกรรม",
  "create.retention": "ข้อมูลทั้งหมดในเวิร์กช็อปนี้จะถูกลบอย่างถาวร {days} วันหลังจากเวิร์กช็อปจบ",
  "create.rateLimited": "มีการสร้างเวิร์กช็อปจากเครือข่ายของคุณมากเกินไปในช่วงนี้ โปรดรอสักพัก (ไม่เกินหนึ่งชั่วโมง) แล้วลองอีกครั้ง",

  "join.heading": "เข้าร่วมเวิร์กช็อป",
  "join.codeLabel": "รหัสเข้าร่วม",
  "join.codeHint": "ตัวอักษรและตัวเลข 6 ตัว เช่น ABC-DEF",
  "join.nameLabel": "ชื่อที่แสดง",
  "join.nameHint": "ใช้นามแฝงได้ คนอื่นในเวิร์กช็อปจะเห็นชื่อนี้",
  "join.submit": "เข้าร่วม",
  "join.connecting": "กำลังเชื่อมต่อ…",
  "join.stillTrying": "ยังติดต่อเซิร์ฟเวอร์ไม่ได้ กำลังลองต่อ…",
  "join.createInstead": "สร้างเวิร์กช็อป",
  "join.rateLimited":
    "มีการพยายามเข้าร่วมจากเครือข่ายของคุณมากเกินไปในขณะนี้ (ใส่รหัสผิด หรือมีคนเข้าร่วมพร้อมกันจำนวนมาก) โปรดรอสักครู่ ตรวจสอบรหัส แล้วลองอีกครั้ง",
};
