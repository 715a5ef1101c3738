import type { Translation } from "../catalogParts.js";
import type { hands as english } from "../en/hands.js";

/** Hands and reactions in the plenary in Thai: a person's hand, the facilitators' speaker queue, the reaction bar. */
export const hands: Translation<typeof english> = {
  "hands.heading": "ยกมือ",
  "hands.raise": "ยกมือ",
  "hands.lower": "เอามือลง",
  "hands.position": "คุณยกมือแล้ว คุณอยู่ลำดับที่ {position} จาก {count} คน",
  "hands.called": "เชิญคุณพูดได้เลย เปิดไมโครโฟนในวิดีโอคอลเมื่อคุณพร้อม",
  "hands.count": "{count, plural, =0 {ยังไม่มีใครยกมือ} other {มี # คนยกมือ}}",
  "hands.privacy": "มีเพียงผู้ดำเนินกิจกรรมที่เห็นว่าใครยกมือ",
  "hands.callNext": "เชิญคนถัดไปพูด",
  "hands.call": "เชิญพูด",
  "hands.lowerShort": "ให้เอามือลง",
  "hands.calledBadge": "ได้รับเชิญให้พูด",
  "hands.failed": "ทำไม่สำเร็จ: {message}",
  "reactions.bar": "แสดงความรู้สึก",
  "reactions.applause": "ปรบมือ",
  "reactions.heart": "ชอบมาก",
  "reactions.laugh": "หัวเราะ",
  "reactions.thumbsUp": "ยกนิ้วให้",
  "reactions.agree": "เป็นกำลังใจ",
  "reactions.hint": "การแสดงความรู้สึกไม่ระบุตัวตน ไม่มีใครเห็นว่าใครส่ง",
  "reactions.recent": "ความรู้สึกเมื่อสักครู่:",
};
