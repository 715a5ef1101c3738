import type { Translation } from "../catalogParts.js";
import type { workshop as english } from "../en/workshop.js";

/** The workshop view in Thai: its head, the participant list and roles, ending the workshop. */
export const workshop: Translation<typeof english> = {
  "workshop.joinCode": "รหัสเข้าร่วม: {code}",
  "workshop.youAre": "คุณคือ {name} ({role})",
  "workshop.loading": "กำลังโหลดเวิร์กช็อป…",
  "workshop.endButton": "จบเวิร์กช็อป",
  "workshop.endConfirmQuestion": "จบเวิร์กช็อปสำหรับทุกคนใช่ไหม",
  "workshop.endConfirm": "ใช่ จบเวิร์กช็อป",
  "workshop.cancel": "ยกเลิก",
  "workshop.participantsHeading": "ผู้เข้าร่วม",
  "workshop.count": "อยู่ที่นี่ {total} คน ออนไลน์ {online} คน",
  "workshop.filterLabel": "กรองตามชื่อ",
  "workshop.filterShown": "แสดง {shown} คน",
  "workshop.noMatch": "ไม่มีใครตรงกับตัวกรองนี้",
  "workshop.showEveryone": "แสดงทุกคน",
  "workshop.hideEveryone": "ซ่อนรายชื่อ",
  "workshop.listLive": "รายชื่ออัปเดตทันทีขณะเปิดอยู่",
  "workshop.you": "คุณ",
  "workshop.online": "ออนไลน์",
  "workshop.offline": "ออฟไลน์",
  "workshop.roleSelectLabel": "บทบาทของ {name}",
  "workshop.removeButton": "นำออก",
  "workshop.removeLabel": "นำออก: {name}",
  "workshop.removeConfirmQuestion": "นำ {name} ออกใช่ไหม",
  "workshop.removeConfirm": "ใช่ นำออก",
  "workshop.removeCancel": "ให้อยู่ต่อ",

  "role.facilitator": "ผู้ดำเนินกิจกรรม",
  "role.note-taker": "ผู้จดบันทึก",
  "role.safeguarding-lead": "ผู้ดูแลความปลอดภัย",
  "role.participant": "ผู้เข้าร่วม",
};
