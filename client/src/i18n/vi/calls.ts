import type { Translation } from "../catalogParts.js";
import type { calls as english } from "../en/calls.js";

/** Video call links in Vietnamese: "Join the call", and the facilitators' panel that sets them. */
export const calls: Translation<typeof english> = {
  "call.join": "Tham gia cuộc gọi",
  "call.newTab": "Cuộc gọi video sẽ mở trong một thẻ mới.",
  "calls.heading": "Cuộc gọi video",
  "calls.intro":
    "Đường liên kết đến các cuộc gọi video của phiên toàn thể và các phòng nhóm. Mỗi người chỉ nhận đường liên kết của nơi mình đang ở.",
  "calls.secret":
    "Đường liên kết có thể chứa mật khẩu cuộc họp: nó chỉ đến với những người trong phòng đó và điều phối viên, và không bao giờ có trong báo cáo.",
  "calls.plenaryLabel": "Đường liên kết cuộc gọi của phiên toàn thể",
  "calls.templateLabel": "Mẫu đường liên kết cho các phòng nhóm",
  "calls.templateHint":
    "Đặt {room} vào phần đường liên kết riêng của mỗi phòng ({workshop} là tùy chọn). Ví dụ: {example}",
  "calls.save": "Lưu",
  "calls.remove": "Xóa",
  "calls.saved": "Đã lưu.",
  "calls.roomsHeading": "Đường liên kết của vòng {number}",
  "calls.roomLabel": "Đường liên kết cuộc gọi cho {name}",
  "calls.roomHint": "Dán đường liên kết cho phòng này, hoặc để trống để dùng mẫu.",
  "calls.fromTemplate": "Từ mẫu",
  "calls.pasted": "Đã dán cho phòng này",
  "calls.noLink": "Chưa có đường liên kết",
  "calls.problem.length": "Nhập đường liên kết dài tối đa {max} ký tự.",
  "calls.problem.whitespace": "Đường liên kết không được chứa dấu cách hoặc ký tự ẩn.",
  "calls.problem.malformed": "Đây không phải là địa chỉ web.",
  "calls.problem.https": "Đường liên kết phải bắt đầu bằng https://",
  "calls.problem.credentials": "Hãy bỏ tên người dùng và mật khẩu (tên:mậtkhẩu@) ra khỏi đường liên kết.",
  "calls.problem.placeholder": "Chỉ {room} và {workshop} được viết trong dấu ngoặc nhọn, và chỉ trong mẫu.",
  "calls.problem.needsRoom": "Mẫu cần có {room}, để mỗi phòng có cuộc gọi riêng.",
};
