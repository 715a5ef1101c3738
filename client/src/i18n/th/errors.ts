import type { Translation } from "../catalogParts.js";
import type { errors as english } from "../en/errors.js";

/** What went wrong, in Thai: input that does not pass the checks, and every error code. */
export const errors: Translation<typeof english> = {
  "validation.title": "โปรดใส่ชื่อเรื่องไม่เกิน {max} ตัวอักษร และไม่มีอักขระควบคุม",
  "validation.displayName": "โปรดใส่ชื่อไม่เกิน {max} ตัวอักษร และไม่มีอักขระควบคุม",
  "validation.joinCode": "รหัสเข้าร่วมมีตัวอักษรและตัวเลข 6 ตัว เช่น ABC-DEF",

  "error.BAD_REQUEST": "คำขอไม่ถูกต้อง",
  "error.UNKNOWN_EVENT": "เซิร์ฟเวอร์ไม่เข้าใจคำขอนี้",
  "error.UNAUTHORIZED": "เซสชันของคุณใช้ไม่ได้แล้ว โปรดเข้าร่วมอีกครั้ง",
  "error.INVALID_JOIN_CODE": "ไม่มีเวิร์กช็อปที่เปิดอยู่ซึ่งใช้รหัสนี้ โปรดตรวจสอบรหัสแล้วลองอีกครั้ง",
  "error.INVALID_DISPLAY_NAME": "ใช้ชื่อที่แสดงนี้ไม่ได้ โปรดเลือกชื่ออื่น",
  "error.SESSION_REVOKED": "คุณไม่สามารถเข้าร่วมเวิร์กช็อปนี้ได้อีก",
  "error.PROTOCOL_MISMATCH": "หน้านี้ล้าสมัยแล้ว โปรดโหลดหน้าใหม่",
  "error.FORBIDDEN": "คุณไม่มีสิทธิ์ทำสิ่งนี้",
  "error.NOT_FOUND": "สิ่งนี้ไม่มีอยู่แล้ว",
  "error.CONFLICT": "มีการเปลี่ยนแปลงในระหว่างนี้ โปรดลองอีกครั้ง",
  "error.WORKSHOP_ENDED": "เวิร์กช็อปนี้จบแล้ว",
  "error.INVALID_STATE": "ทำสิ่งนี้ตอนนี้ไม่ได้ (รอบอาจเปลี่ยนไปแล้ว) โปรดตรวจดูอีกครั้ง",
  "error.ROOM_FULL": "ห้องนี้เต็มแล้ว",
  "error.POLL_CLOSED": "โพลนี้ปิดแล้ว โหวตของคุณไม่ถูกนับ",
  "error.ALREADY_VOTED": "คุณโหวตไปแล้ว (หรือถอนโหวตไปแล้ว) และโพลนี้ไม่อนุญาตให้โหวตอีกหรือเปลี่ยนโหวต",
  "error.RATE_LIMITED": "มีคำขอมากเกินไป โปรดรอสักครู่แล้วลองอีกครั้ง",
  "error.TOO_MANY_CONNECTIONS": "คุณเปิดเวิร์กช็อปนี้ในหลายแท็บหรือหลายอุปกรณ์เกินไปพร้อมกัน โปรดปิดสักหนึ่งแห่งแล้วลองอีกครั้ง",
  "error.PAYLOAD_TOO_LARGE": "ข้อความนี้ยาวเกินไป",
  "error.UNAVAILABLE": "เซิร์ฟเวอร์ไม่ว่างหรือกำลังเริ่มใหม่ โปรดลองอีกครั้งในอีกสักครู่",
  "error.INTERNAL": "เกิดข้อผิดพลาดที่เซิร์ฟเวอร์ โปรดลองอีกครั้ง",
  "error.network": "ติดต่อเซิร์ฟเวอร์ไม่ได้ โปรดตรวจสอบการเชื่อมต่อแล้วลองอีกครั้ง",
  "error.timeout": "เซิร์ฟเวอร์ไม่ตอบกลับในเวลาที่กำหนด โปรดลองอีกครั้ง",
  "error.dismiss": "ปิด",
};
