import type { Translation } from "../catalogParts.js";
import type { chat as english } from "../en/chat.js";

/** Chat in Vietnamese: messages, sending, hiding by facilitators. */
export const chat: Translation<typeof english> = {
  "chat.heading": "Trò chuyện",
  "chat.introPlenary": "Viết cho mọi người trong phiên toàn thể, nếu bạn không thể nói trong cuộc gọi.",
  "chat.introRoom": "Viết cho mọi người trong phòng này, nếu bạn không thể nói trong cuộc gọi.",
  "chat.messagesLabel": "Tin nhắn trò chuyện",
  "chat.empty": "Chưa có tin nhắn.",
  "chat.older": "Tin nhắn cũ hơn",
  "chat.inputLabel": "Viết tin nhắn",
  "chat.send": "Gửi",
  "chat.sending": "Đang gửi…",
  "chat.failed": "Chưa gửi được",
  "chat.retry": "Thử lại",
  "chat.discard": "Bỏ",
  "chat.you": "Bạn",
  "chat.neutralAuthor": "Một người tham gia",
  "chat.hiddenBy": "Điều phối viên đã ẩn:",
  "chat.hide": "Ẩn",
  "chat.hideLabel": "Ẩn tin nhắn: {text}",
  "chat.hideReason": "Vì sao? Mọi người trong cuộc trò chuyện này đều thấy lý do.",
  "chat.hideConfirm": "Ẩn với mọi người",
  "chat.cancel": "Huỷ",
  "chat.rateLimited": "Bạn đang gửi tin nhắn quá nhanh. Vui lòng đợi vài giây.",
  "chat.count": "{length}/{max} ký tự",
  "chat.announceNew": "{count, plural, other {# tin nhắn mới}}",
};
