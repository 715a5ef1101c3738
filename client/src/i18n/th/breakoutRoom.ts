import type { Translation } from "../catalogParts.js";
import type { breakoutRoom as english } from "../en/breakoutRoom.js";

/** A participant's side of a round, in Thai: their room, calling a facilitator, banners, the room picker, the plenary, "about me". */
export const breakoutRoom: Translation<typeof english> = {
  "banner.from": "ข้อความจากผู้ดำเนินกิจกรรม:",
  "banner.dismiss": "ปิด",
  "banner.dismissLabel": "ปิดข้อความ: {text}",

  "room.kicker": "ห้องย่อย · รอบที่ {number}",
  "room.announceMoved": "ตอนนี้คุณอยู่ในห้องย่อย {name}",
  "room.announceVisiting": "คุณกำลังเข้ามาดูห้องย่อย {name}",
  "room.visitingKicker": "คุณกำลังเข้ามาดูห้องนี้ · รอบที่ {number}",
  "room.youLead": "คุณเป็นผู้นำห้องนี้",
  "room.lead": "ผู้นำห้อง",
  "room.timeLeft": "เวลาที่เหลือ",
  "room.returningIn": "กลับสู่ที่ประชุมใหญ่ในอีก {time}",
  "room.returningNow": "กำลังกลับสู่ที่ประชุมใหญ่…",
  "room.returningSoon": "รอบนี้ใกล้จบแล้ว คุณจะกลับสู่ที่ประชุมใหญ่โดยอัตโนมัติ",
  "room.peopleHeading": "ในห้องนี้ ({count})",
  "room.namesHidden": "ห้องนี้ไม่แสดงชื่อ: คุณเห็นเพียงตัวเองและผู้ที่เลือกแสดงชื่อ",
  "room.backToPlenary": "กลับสู่ที่ประชุมใหญ่",
  "room.stopVisiting": "ออกจากห้องนี้",

  "help.heading": "ต้องการผู้ดำเนินกิจกรรมไหม",
  "help.textLabel": "คุณต้องการอะไร (ไม่บังคับ)",
  "help.ask": "เรียกผู้ดำเนินกิจกรรม",
  "help.statusOpen": "เรียกแล้ว ผู้ดำเนินกิจกรรมจะมาในไม่ช้า",
  "help.statusTaken": "ผู้ดำเนินกิจกรรมกำลังมา",
  "help.statusTakenBy": "ผู้ดำเนินกิจกรรมกำลังมา ({name})",
  "help.statusResolved": "การเรียกครั้งล่าสุดของคุณได้รับการดูแลแล้ว",
  "help.take": "ฉันกำลังไป",
  "help.resolve": "เรียบร้อยแล้ว",
  "help.waiting": "รอมาแล้ว {time}",

  "picker.heading": "เลือกห้องของคุณ",
  "picker.intro": "รอบที่ {number} เปิดแล้ว เลือกห้องที่คุณอยากเข้าร่วม",
  "picker.timeLeft": "เวลาที่เหลือ: {time}",
  "picker.seatsFree": "ว่าง {free} ที่",
  "picker.noLimit": "{count} คน ไม่จำกัดที่นั่ง",
  "picker.full": "เต็ม",
  "picker.join": "เข้าร่วม",
  "picker.joining": "กำลังเข้าร่วม…",
  "picker.joinLabel": "เข้าร่วม {name}",
  "picker.roomFull": "ห้องนี้เต็มแล้ว โปรดเลือกห้องอื่น",

  "plenary.back": "คุณกลับมาที่ที่ประชุมใหญ่แล้ว",
  "plenary.roundRunning": "ห้องย่อยรอบที่ {number} กำลังดำเนินอยู่ คุณอยู่ในที่ประชุมใหญ่",

  "about.heading": "เกี่ยวกับฉัน",
  "about.languageLabel": "ภาษาที่ฉันอยากใช้พูด (ไม่บังคับ)",
  "about.languageHint": "ช่วยให้ผู้ดำเนินกิจกรรมจัดคนที่พูดภาษาเดียวกันไว้ในห้องย่อยเดียวกัน",
  "about.save": "บันทึก",
  "about.saved": "บันทึกแล้ว",
  "about.invalid": "โปรดเขียนไม่เกิน 40 ตัวอักษร",
};
