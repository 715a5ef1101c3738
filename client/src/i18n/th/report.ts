import type { Translation } from "../catalogParts.js";
import type { report as english } from "../en/report.js";

/** The outcome report in Thai: its scope, whether it names people, downloads and the preview. */
export const report: Translation<typeof english> = {
  "report.heading": "รายงานสรุปผล",
  "report.intro":
    "เอกสารฉบับเดียวที่รวมบันทึก ผลลัพธ์ โพล และคำถามที่ตอบแล้ว ของที่ประชุมใหญ่และทุกห้อง ไม่รวมส่วนที่ทำเครื่องหมาย “not for export” (ไม่ส่งออก) และคำถามที่รออนุมัติหรือไม่ได้เผยแพร่",
  "report.open": "เตรียมรายงาน",
  "report.hide": "ซ่อนเครื่องมือรายงาน",
  "report.scopeLabel": "รายงานครอบคลุมอะไร",
  "report.scopeWorkshop": "ทั้งเวิร์กช็อป",
  "report.scopeRound": "รอบที่ {number}: ทุกห้อง",
  "report.scopeRoom": "รอบที่ {number}: {room}",
  "report.scopeRoundGroup": "รอบที่ {number}",
  "report.scopesLoading": "กำลังโหลดรอบและห้อง…",
  "report.scopesFailed": "โหลดรายการรอบและห้องไม่สำเร็จ: {message}",
  "report.scopesRefresh": "รีเฟรชรายการ",
  "report.attributionLegend": "ชื่อในรายงาน",
  "report.attributionNone": "ไม่ระบุชื่อ: ไม่มีชื่อใครเลย (กฎแชทแธมเฮาส์)",
  "report.attributionNamed": "ระบุชื่อคนที่ยินยอม: ผู้ถามคำถามแบบระบุชื่อ และผู้จดบันทึก",
  "report.attributionOffHint": "รายงานไม่ระบุชื่อใคร เพราะผู้ดำเนินกิจกรรมไม่ได้อนุญาตให้ใส่ชื่อในเวิร์กช็อปนี้",
  "report.chatLegend": "รวมแชตของ…",
  "report.chatHint":
    "แชตจะไม่อยู่ในรายงาน เว้นแต่คุณจะเลือกไว้ที่นี่ แชตที่รวมไว้จะแสดงแต่ละข้อความพร้อมเวลาโดยไม่มีชื่อผู้ใด และรายงานจะระบุว่าผู้ดำเนินกิจกรรมเลือกรวมไว้ ข้อความที่ถูกซ่อนจะยังคงถูกซ่อน",
  "report.chatPlenary": "ที่ประชุมใหญ่",
  "report.downloadHeading": "ดาวน์โหลด",
  "report.downloadHint": "ไฟล์ HTML มีแผนภูมิและพิมพ์เป็น PDF ได้สวยงาม ไฟล์ CSV เก็บโพลและคำถามสำหรับโปรแกรมตารางคำนวณ",
  "report.formatMd": "ไฟล์ Markdown",
  "report.formatHtml": "ไฟล์ HTML",
  "report.formatJson": "ไฟล์ JSON",
  "report.formatCsv": "ไฟล์ CSV",
  "report.downloadLabel": "ดาวน์โหลดรายงานเป็น{format}",
  "report.downloading": "กำลังเตรียม{format}…",
  "report.downloaded": "กำลังดาวน์โหลด{format}",
  "report.preview": "ดูตัวอย่าง",
  "report.previewRefresh": "รีเฟรชตัวอย่าง",
  "report.previewClose": "ปิดตัวอย่าง",
  "report.previewLoading": "กำลังโหลดตัวอย่าง…",
  "report.previewReady": "ตัวอย่างแสดงอยู่ด้านล่าง",
  "report.previewTitle": "ตัวอย่างรายงานสรุปผล",
  "report.namesFound":
    "โปรดตรวจสอบก่อนเผยแพร่: รายงานนี้กล่าวถึงชื่อคนในเวิร์กช็อปนี้ ({names}) แก้ไขข้อความเหล่านั้นในบันทึก หรือย้ายไปไว้ใต้หัวข้อที่มี [not for export]",
  "report.namesNone": "ไม่มีชื่อผู้เข้าร่วมคนใดปรากฏในรายงานนี้",
  "report.previewHint": "สิ่งที่ไฟล์ HTML แสดง หากต้องการ PDF ให้ดาวน์โหลดไฟล์ HTML แล้วสั่งพิมพ์จากเบราว์เซอร์",
  "report.errorFORBIDDEN": "เฉพาะผู้ดำเนินกิจกรรมและผู้จดบันทึกที่ดาวน์โหลดรายงานได้",
  "report.errorINVALID_STATE": "เวิร์กช็อปนี้ไม่อนุญาตให้รายงานระบุชื่อคน (แล้ว) โปรดเลือก “ไม่ระบุชื่อ” แล้วลองอีกครั้ง",
  "report.errorNOT_FOUND": "รอบหรือห้องนี้ไม่อยู่ในเวิร์กช็อปแล้ว โปรดรีเฟรชรายการแล้วเลือกใหม่",
  "report.errorUNAUTHORIZED": "เซสชันของคุณใช้ไม่ได้แล้ว โปรดโหลดหน้าใหม่หรือเข้าร่วมอีกครั้งเพื่อดาวน์โหลดรายงาน",
  "report.attributionSwitch": "รายงานระบุชื่อคนได้",
  "report.attributionSwitchHint":
    "ปิด (ค่าเริ่มต้น): ไม่มีชื่อในรายงานใดเลย เปิด: คำถามแบบระบุชื่อที่ถามตั้งแต่นี้ไป และผู้จดบันทึก อาจได้รับการระบุชื่อ ทุกคนจะเห็นข้อความนี้ก่อนถาม คำถามแบบไม่ระบุชื่อจะไม่มีชื่อเลย",
  "report.attributionFailed": "การตั้งค่าไม่ได้เปลี่ยน: {message}",
};
