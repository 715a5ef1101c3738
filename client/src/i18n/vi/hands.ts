import type { Translation } from "../catalogParts.js";
import type { hands as english } from "../en/hands.js";

/** Hands and reactions in the plenary in Vietnamese: a person's hand, the facilitators' speaker queue, the reaction bar. */
export const hands: Translation<typeof english> = {
  "hands.heading": "Giơ tay",
  "hands.raise": "Giơ tay",
  "hands.lower": "Hạ tay",
  "hands.position": "Bạn đã giơ tay. Bạn đứng thứ {position} trong {count} người đang chờ.",
  "hands.called": "Mời bạn phát biểu. Hãy bật micrô trong cuộc gọi video khi bạn sẵn sàng.",
  "hands.count": "{count, plural, =0 {Chưa có ai giơ tay.} other {Có # người đang giơ tay.}}",
  "hands.privacy": "Chỉ điều phối viên thấy ai đã giơ tay.",
  "hands.callNext": "Mời người tiếp theo phát biểu",
  "hands.call": "Mời phát biểu",
  "hands.lowerShort": "Hạ tay giúp",
  "hands.calledBadge": "được mời phát biểu",
  "hands.failed": "Không thực hiện được: {message}",
  "reactions.bar": "Bày tỏ cảm xúc",
  "reactions.applause": "Vỗ tay",
  "reactions.heart": "Yêu thích",
  "reactions.laugh": "Cười",
  "reactions.thumbsUp": "Thích",
  "reactions.agree": "Đoàn kết",
  "reactions.hint": "Cảm xúc được gửi ẩn danh: không ai thấy ai đã gửi.",
  "reactions.recent": "Cảm xúc vừa rồi:",
};
