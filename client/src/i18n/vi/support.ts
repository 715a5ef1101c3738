import type { Translation } from "../catalogParts.js";
import type { support as english } from "../en/support.js";

/** Private support in Vietnamese: "I need support", the safeguarding leads' queue, the private conversation. */
export const support: Translation<typeof english> = {
  "support.button": "Tôi cần hỗ trợ",
  "support.buttonHint": "Liên hệ riêng với người phụ trách an toàn (Alt+Shift+S)",
  "support.heading": "Yêu cầu hỗ trợ",
  "support.intro":
    "Một người phụ trách an toàn đã được tập huấn sẽ liên hệ với bạn. Chỉ những người phụ trách an toàn thấy yêu cầu của bạn; điều phối viên và những người tham gia khác không bao giờ biết ai đã yêu cầu.",
  "support.noteLabel": "Điều bạn muốn họ biết (không bắt buộc)",
  "support.contactLegend": "Họ nên liên hệ với bạn bằng cách nào?",
  "support.contactApp": "Nhắn cho tôi ở đây, trong ứng dụng",
  "support.contactRoom": "Chỉ cần đến hỏi thăm tôi trong phòng",
  "support.send": "Gửi cho người phụ trách an toàn",
  "support.sending": "Đang gửi…",
  "support.close": "Đóng",
  "support.waiting": "Yêu cầu của bạn đã được gửi. Một người phụ trách an toàn sẽ sớm tiếp nhận.",
  "support.waitingRoom": "Yêu cầu của bạn đã được gửi. Một người phụ trách an toàn sẽ đến hỏi thăm bạn trong phòng.",
  "support.taken": "{name} (phụ trách an toàn) đang ở bên bạn.",
  "support.cancel": "Huỷ yêu cầu của tôi",
  "support.end": "Kết thúc cuộc trò chuyện",
  "support.closedByPerson": "Yêu cầu này đã kết thúc.",
  "support.closedByLead":
    "Người phụ trách an toàn đã kết thúc cuộc trò chuyện này. Bạn có thể yêu cầu lại bất cứ lúc nào.",
  "support.askAgain": "Yêu cầu hỗ trợ lại",
  "support.failed": "Chưa thực hiện được: {message}",
  "support.conversation": "Trò chuyện riêng",
  "support.conversationHint": "Chỉ bạn và {name} thấy các tin nhắn này.",
  "support.messageLabel": "Tin nhắn của bạn",
  "support.messageSend": "Gửi",
  "support.fromYou": "Bạn",
  "support.noMessages": "Chưa có tin nhắn.",
  "support.queueHeading": "Yêu cầu hỗ trợ",
  "support.queueEmpty": "Không có yêu cầu hỗ trợ nào đang mở.",
  "support.queueCount": "{waiting} đang chờ, {taken} đã tiếp nhận",
  "support.queueWhere": "Ở {room}",
  "support.queuePlenary": "Ở phiên toàn thể",
  "support.queueContactApp": "Muốn trò chuyện trong ứng dụng",
  "support.queueContactRoom": "Muốn có người đến hỏi thăm trong phòng",
  "support.queueSince": "Yêu cầu lúc {time}",
  "support.queueTake": "Tiếp nhận",
  "support.queueTakenBy": "{name} đã tiếp nhận",
  "support.queueYours": "Bạn đã tiếp nhận yêu cầu này",
  "support.queueOwn": "Yêu cầu của chính bạn (một người phụ trách khác sẽ tiếp nhận)",
  "support.queueEndWaiting": "Đóng mà không tiếp nhận",
  "support.countLine":
    "Yêu cầu hỗ trợ đang mở: {open} ({waiting} đang chờ). Chỉ người phụ trách an toàn biết ai đã yêu cầu.",
  "support.countNone": "Không có yêu cầu hỗ trợ nào đang mở.",
  "support.countSwitch": "Điều phối viên thấy số yêu cầu hỗ trợ đang mở",
  "support.countSwitchHint":
    "Tắt (mặc định): điều phối viên không thấy gì về các yêu cầu hỗ trợ. Bật: họ thấy con số, không bao giờ thấy ai đã yêu cầu hay đã viết gì.",
};
