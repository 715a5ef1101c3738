import type { Translation } from "../catalogParts.js";
import type { calls as english } from "../en/calls.js";

/** Video call links in Thai: "Join the call", and the facilitators' panel that sets them. */
export const calls: Translation<typeof english> = {
  "call.join": "เข้าร่วมการประชุมทางวิดีโอ",
  "call.newTab": "การประชุมทางวิดีโอจะเปิดในแท็บใหม่",
  "calls.heading": "การประชุมทางวิดีโอ",
  "calls.intro": "ลิงก์การประชุมทางวิดีโอของที่ประชุมใหญ่และห้องย่อย แต่ละคนจะได้รับเฉพาะลิงก์ของที่ที่ตนอยู่",
  "calls.secret": "ลิงก์อาจมีรหัสผ่านของการประชุม: ลิงก์จะถึงเฉพาะคนในห้องนั้นและผู้ดำเนินกิจกรรม และไม่อยู่ในรายงานเลย",
  "calls.plenaryLabel": "ลิงก์การประชุมของที่ประชุมใหญ่",
  "calls.templateLabel": "แม่แบบลิงก์สำหรับห้องย่อย",
  "calls.templateHint": "ใส่ {room} ตรงส่วนของลิงก์ที่ต่างกันในแต่ละห้อง (ใช้ {workshop} ได้ถ้าต้องการ) ตัวอย่าง: {example}",
  "calls.save": "บันทึก",
  "calls.remove": "ลบ",
  "calls.saved": "บันทึกแล้ว",
  "calls.roomsHeading": "ลิงก์ของรอบที่ {number}",
  "calls.roomLabel": "ลิงก์การประชุมของ {name}",
  "calls.roomHint": "วางลิงก์สำหรับห้องนี้ หรือเว้นว่างไว้เพื่อใช้แม่แบบ",
  "calls.fromTemplate": "จากแม่แบบ",
  "calls.pasted": "วางไว้สำหรับห้องนี้",
  "calls.noLink": "ยังไม่มีลิงก์",
  "calls.problem.length": "ใส่ลิงก์ได้ไม่เกิน {max} ตัวอักษร",
  "calls.problem.whitespace": "ลิงก์ต้องไม่มีช่องว่างหรืออักขระที่มองไม่เห็น",
  "calls.problem.malformed": "นี่ไม่ใช่ที่อยู่เว็บ",
  "calls.problem.https": "ลิงก์ต้องขึ้นต้นด้วย https://",
  "calls.problem.credentials": "นำชื่อผู้ใช้และรหัสผ่าน (ชื่อ:รหัสผ่าน@) ออกจากลิงก์",
  "calls.problem.placeholder": "เขียนในวงเล็บปีกกาได้เฉพาะ {room} และ {workshop} และเฉพาะในแม่แบบเท่านั้น",
  "calls.problem.needsRoom": "แม่แบบต้องมี {room} เพื่อให้แต่ละห้องมีการประชุมของตัวเอง",
};
