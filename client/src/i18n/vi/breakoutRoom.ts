import type { Translation } from "../catalogParts.js";
import type { breakoutRoom as english } from "../en/breakoutRoom.js";

/** A participant's side of a round in Vietnamese: their room, asking for help, messages, the room picker, the plenary, "about me". */
export const breakoutRoom: Translation<typeof english> = {
  "banner.from": "Tin nhắn từ điều phối viên:",
  "banner.dismiss": "Đóng",
  "banner.dismissLabel": "Đóng tin nhắn: {text}",

  "room.kicker": "Phòng nhóm · vòng {number}",
  "room.announceMoved": "Bạn đang ở phòng nhóm {name}.",
  "room.announceVisiting": "Bạn đang ghé thăm phòng nhóm {name}.",
  "room.visitingKicker": "Bạn đang ghé thăm phòng này · vòng {number}",
  "room.youLead": "Bạn là trưởng nhóm của phòng này",
  "room.lead": "trưởng nhóm",
  "room.timeLeft": "Thời gian còn lại",
  "room.returningIn": "Quay lại phiên toàn thể sau {time}",
  "room.returningNow": "Đang quay lại phiên toàn thể…",
  "room.returningSoon": "Vòng này sắp kết thúc. Bạn sẽ tự động quay lại phiên toàn thể.",
  "room.peopleHeading": "Trong phòng này ({count})",
  "room.namesHidden": "Tên không được hiện trong phòng này: bạn chỉ thấy chính mình và những người đã chọn hiện tên.",
  "room.backToPlenary": "Về phiên toàn thể",
  "room.stopVisiting": "Rời phòng này",

  "help.heading": "Cần điều phối viên?",
  "help.textLabel": "Bạn cần gì? (không bắt buộc)",
  "help.ask": "Nhờ trợ giúp",
  "help.statusOpen": "Đã gửi yêu cầu trợ giúp. Một điều phối viên sẽ sớm đến.",
  "help.statusTaken": "Một điều phối viên đang đến.",
  "help.statusTakenBy": "Một điều phối viên đang đến ({name}).",
  "help.statusResolved": "Yêu cầu gần nhất của bạn đã được giải quyết.",
  "help.take": "Tôi đang đến",
  "help.resolve": "Đã xong",
  "help.waiting": "đang chờ {time}",

  "picker.heading": "Chọn phòng của bạn",
  "picker.intro": "Vòng {number} đã mở: hãy chọn phòng bạn muốn vào.",
  "picker.timeLeft": "Thời gian còn lại: {time}",
  "picker.seatsFree": "Còn {free, plural, other {# chỗ}}",
  "picker.noLimit": "{count, plural, other {# người}}, không giới hạn chỗ",
  "picker.full": "Đã đầy",
  "picker.join": "Vào",
  "picker.joining": "Đang vào…",
  "picker.joinLabel": "Vào {name}",
  "picker.roomFull": "Phòng này đã đầy. Vui lòng chọn phòng khác.",

  "plenary.back": "Bạn đã trở lại phiên toàn thể.",
  "plenary.roundRunning": "Vòng thảo luận nhóm {number} đang diễn ra. Bạn đang ở phiên toàn thể.",

  "about.heading": "Về tôi",
  "about.languageLabel": "Ngôn ngữ tôi muốn dùng (không bắt buộc)",
  "about.languageHint": "Giúp điều phối viên xếp những người cùng ngôn ngữ vào chung phòng nhóm.",
  "about.save": "Lưu",
  "about.saved": "Đã lưu.",
  "about.invalid": "Vui lòng viết tối đa 40 ký tự.",
};
