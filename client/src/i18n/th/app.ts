import type { Translation } from "../catalogParts.js";
import type { app as english } from "../en/app.js";

/** The frame of every page in Thai: the app's name, the quick exit, the connection status, the screens a session ends on. */
export const app: Translation<typeof english> = {
  "app.name": "เวิร์กช็อป",
  "app.skipToContent": "ข้ามไปยังเนื้อหา",
  "app.notFound.title": "ไม่พบหน้านี้",
  "app.notFound.body": "ไม่มีหน้าใดอยู่ที่ลิงก์นี้",
  "app.home": "หน้าแรก",
  "app.language": "ภาษา",

  "leave.button": "ออกทันที",
  "leave.hint": "ออกด่วน: กด Esc สองครั้ง",
  "leave.label": "ออกทันที: ออกจากเวิร์กช็อปเดี๋ยวนี้และไปยังหน้าเว็บทั่วไป",

  "connection.label": "การเชื่อมต่อ",
  "connection.connecting": "กำลังเชื่อมต่อ…",
  "connection.connected": "เชื่อมต่อแล้ว",
  "connection.reconnecting": "กำลังเชื่อมต่อใหม่…",
  "connection.offline": "ออฟไลน์",
  "offline.banner": "คุณออฟไลน์อยู่ สิ่งที่คุณทำตอนนี้จะถูกส่งเมื่อกลับมาออนไลน์",
  "offline.bannerSince": "คุณออฟไลน์อยู่ นี่คือเวิร์กช็อปตามที่เป็นเมื่อเวลา {time} สิ่งที่คุณทำตอนนี้จะถูกส่งเมื่อกลับมาออนไลน์",
  "offline.waiting": "รอส่ง: {count}",

  "app.workshopLoading": "กำลังเปิดเวิร์กช็อป…",
  "app.workshopLoadFailed": "โหลดหน้าจอของเวิร์กช็อปไม่สำเร็จ โปรดตรวจสอบการเชื่อมต่อ",
  "app.workshopLoadRetry": "ลองอีกครั้ง",

  "revoked.removedHeading": "คุณถูกนำออกจากเวิร์กช็อปนี้",
  "revoked.removedBody": "ผู้ดำเนินกิจกรรมได้นำคุณออก คุณไม่สามารถเข้าร่วมเวิร์กช็อปนี้ได้อีก",
  "revoked.endedHeading": "เวิร์กช็อปนี้จบแล้ว",
  "revoked.endedBody": "ขอบคุณที่เข้าร่วม",
  "revoked.deletedHeading": "เวิร์กช็อปนี้ถูกลบแล้ว",
  "revoked.deletedBody": "ข้อมูลทั้งหมดของเวิร์กช็อปนี้ถูกลบอย่างถาวรแล้ว",
  "revoked.lostHeading": "ไม่สามารถเก็บเวิร์กช็อปนี้ไว้ได้",
  "revoked.lostBody":
    "เซิร์ฟเวอร์สูญเสียข้อมูลของเวิร์กช็อปนี้ จึงดำเนินต่อไม่ได้ นี่ไม่ใช่สิ่งที่คุณทำผิด ทุกคนในเวิร์กช็อปเห็นข้อความนี้เหมือนกัน และผู้จัดอาจเริ่มเวิร์กช็อปใหม่แล้วแชร์ลิงก์ใหม่ให้",
  "revoked.endedReport":
    "คุณยังดาวน์โหลดรายงานสรุปผลของ “{title}” จากแท็บนี้ได้ โปรดดาวน์โหลดสิ่งที่ต้องการก่อนปิดแท็บ เมื่อออกจากหน้านี้แล้วจะเข้าถึงไม่ได้อีก",

  "exit.heading": "คุณออกแล้ว",
  "exit.home": "ไปที่หน้าแรก",
};
