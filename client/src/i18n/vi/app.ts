import type { Translation } from "../catalogParts.js";
import type { app as english } from "../en/app.js";

/** The frame of every page in Vietnamese: the app's name, the quick exit, the connection status, the screens a session ends on. */
export const app: Translation<typeof english> = {
  "app.name": "Hội thảo",
  "app.skipToContent": "Chuyển đến nội dung chính",
  "app.notFound.title": "Không tìm thấy trang",
  "app.notFound.body": "Không có gì ở địa chỉ này.",
  "app.home": "Trang đầu",
  "app.language": "Ngôn ngữ",

  "leave.button": "Thoát ngay",
  "leave.hint": "Thoát nhanh: nhấn Esc hai lần",
  "leave.label": "Thoát ngay: rời hội thảo ngay lập tức và chuyển sang một trang trung lập",

  "connection.label": "Kết nối",
  "connection.connecting": "Đang kết nối…",
  "connection.connected": "Đã kết nối",
  "connection.reconnecting": "Đang kết nối lại…",
  "connection.offline": "Mất kết nối",
  "offline.banner": "Bạn đang mất kết nối. Những gì bạn làm bây giờ sẽ được gửi khi có mạng trở lại.",
  "offline.bannerSince":
    "Bạn đang mất kết nối. Đây là hội thảo như lúc {time}. Những gì bạn làm bây giờ sẽ được gửi khi có mạng trở lại.",
  "offline.waiting": "Đang chờ gửi: {count}",

  "app.workshopLoading": "Đang mở hội thảo…",
  "app.workshopLoadFailed": "Không tải được màn hình hội thảo. Hãy kiểm tra kết nối của bạn.",
  "app.workshopLoadRetry": "Thử lại",

  "revoked.removedHeading": "Bạn đã được mời ra khỏi hội thảo này",
  "revoked.removedBody":
    "Một điều phối viên đã mời bạn ra khỏi hội thảo. Bạn không thể tiếp tục tham gia hội thảo này nữa.",
  "revoked.endedHeading": "Hội thảo này đã kết thúc",
  "revoked.endedBody": "Cảm ơn bạn đã tham gia.",
  "revoked.deletedHeading": "Hội thảo này đã bị xoá",
  "revoked.deletedBody": "Mọi nội dung của hội thảo đã bị xoá vĩnh viễn.",
  "revoked.lostHeading": "Không thể tiếp tục hội thảo này",
  "revoked.lostBody":
    "Máy chủ đã mất dữ liệu của hội thảo này nên không thể tiếp tục. Đây không phải lỗi của bạn: mọi người trong hội thảo đều thấy thông báo này, và ban tổ chức có thể mở một hội thảo mới và chia sẻ đường dẫn mới.",
  "revoked.endedReport":
    "Bạn vẫn có thể lấy báo cáo kết quả của “{title}” từ thẻ này. Hãy tải về những gì bạn cần trước khi đóng: rời khỏi trang này sẽ kết thúc quyền truy cập của bạn.",

  "exit.heading": "Bạn đã thoát.",
  "exit.home": "Về trang đầu",
};
