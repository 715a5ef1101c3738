import type { Translation } from "../catalogParts.js";
import type { errors as english } from "../en/errors.js";

/** What went wrong, in Vietnamese: input that does not pass the checks, and every error code. */
export const errors: Translation<typeof english> = {
  "validation.title": "Vui lòng nhập tên hội thảo tối đa {max} ký tự, không có ký tự điều khiển.",
  "validation.displayName": "Vui lòng nhập tên tối đa {max} ký tự, không có ký tự điều khiển.",
  "validation.joinCode": "Mã tham gia gồm sáu chữ cái và chữ số, ví dụ ABC-DEF.",

  "error.BAD_REQUEST": "Yêu cầu không hợp lệ.",
  "error.UNKNOWN_EVENT": "Máy chủ không hiểu yêu cầu này.",
  "error.UNAUTHORIZED": "Phiên của bạn không còn hiệu lực. Vui lòng tham gia lại.",
  "error.INVALID_JOIN_CODE": "Không có hội thảo nào đang mở với mã tham gia này. Hãy kiểm tra mã rồi thử lại.",
  "error.INVALID_DISPLAY_NAME": "Không thể dùng tên hiển thị này. Vui lòng chọn tên khác.",
  "error.SESSION_REVOKED": "Bạn không thể tiếp tục tham gia hội thảo này nữa.",
  "error.PROTOCOL_MISMATCH": "Trang này đã cũ. Vui lòng tải lại trang.",
  "error.FORBIDDEN": "Bạn không được phép làm việc này.",
  "error.NOT_FOUND": "Mục này không còn tồn tại.",
  "error.CONFLICT": "Mục này vừa thay đổi. Vui lòng thử lại.",
  "error.WORKSHOP_ENDED": "Hội thảo này đã kết thúc.",
  "error.INVALID_STATE": "Hiện chưa thể làm việc này (có thể vòng đã thay đổi). Vui lòng xem lại.",
  "error.ROOM_FULL": "Phòng này đã đầy.",
  "error.POLL_CLOSED": "Bình chọn này đã đóng: phiếu của bạn không được tính.",
  "error.ALREADY_VOTED":
    "Bạn đã bỏ phiếu (hoặc đã rút phiếu), và bình chọn này không cho phép bỏ phiếu lại hay đổi phiếu.",
  "error.RATE_LIMITED": "Quá nhiều yêu cầu. Vui lòng chờ một chút rồi thử lại.",
  "error.TOO_MANY_CONNECTIONS":
    "Bạn đang mở hội thảo này ở quá nhiều thẻ hoặc thiết bị cùng lúc. Hãy đóng bớt một nơi, rồi thử lại.",
  "error.PAYLOAD_TOO_LARGE": "Nội dung này quá dài.",
  "error.UNAVAILABLE": "Máy chủ đang bận hoặc đang khởi động lại. Vui lòng thử lại sau giây lát.",
  "error.INTERNAL": "Máy chủ gặp sự cố. Vui lòng thử lại.",
  "error.network": "Không kết nối được với máy chủ. Hãy kiểm tra kết nối rồi thử lại.",
  "error.timeout": "Máy chủ không phản hồi kịp. Vui lòng thử lại.",
  "error.dismiss": "Đóng",
};
