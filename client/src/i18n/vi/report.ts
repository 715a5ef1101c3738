import type { Translation } from "../catalogParts.js";
import type { report as english } from "../en/report.js";

/** The outcome report in Vietnamese: its scope, whether it names people, downloads and the preview. */
export const report: Translation<typeof english> = {
  "report.heading": "Báo cáo kết quả",
  "report.intro":
    "Một tài liệu tổng hợp từ ghi chú, kết quả, bình chọn và các câu hỏi đã trả lời của phiên toàn thể và mọi phòng. Những phần đánh dấu “not for export” và các câu hỏi đang chờ duyệt hoặc bị từ chối sẽ không được đưa vào.",
  "report.open": "Chuẩn bị báo cáo",
  "report.hide": "Ẩn công cụ báo cáo",
  "report.scopeLabel": "Phạm vi báo cáo",
  "report.scopeWorkshop": "Toàn bộ hội thảo",
  "report.scopeRound": "Vòng {number}: mọi phòng",
  "report.scopeRoom": "Vòng {number}: {room}",
  "report.scopeRoundGroup": "Vòng {number}",
  "report.scopesLoading": "Đang tải các vòng và phòng…",
  "report.scopesFailed": "Không tải được danh sách vòng và phòng: {message}",
  "report.scopesRefresh": "Tải lại danh sách",
  "report.attributionLegend": "Tên trong báo cáo",
  "report.attributionNone": "Không nêu tên: không ai bị nêu tên (quy tắc Chatham House)",
  "report.attributionNamed": "Nêu tên những người đã đồng ý: người đặt câu hỏi có tên, thư ký",
  "report.attributionOffHint": "Báo cáo không nêu tên ai: điều phối viên chưa cho phép nêu tên trong hội thảo này.",
  "report.chatLegend": "Đưa vào phần trò chuyện của…",
  "report.chatHint":
    "Phần trò chuyện không có trong báo cáo trừ khi bạn đánh dấu ở đây. Phần trò chuyện được đưa vào cho thấy mỗi tin nhắn kèm thời gian, không có tên ai, và báo cáo ghi rõ một điều phối viên đã chọn đưa vào. Tin nhắn đã ẩn vẫn được ẩn.",
  "report.chatPlenary": "Phiên toàn thể",
  "report.downloadHeading": "Tải về",
  "report.downloadHint":
    "HTML có biểu đồ và in ra PDF gọn gàng; CSV chứa các bình chọn và câu hỏi để mở bằng bảng tính.",
  "report.formatMd": "Markdown (văn bản)",
  "report.formatHtml": "HTML (in/PDF)",
  "report.formatJson": "JSON (dữ liệu)",
  "report.formatCsv": "CSV (bảng tính)",
  "report.downloadLabel": "Tải báo cáo dạng {format}",
  "report.downloading": "Đang chuẩn bị tệp {format}…",
  "report.downloaded": "Tệp {format} đang được tải về.",
  "report.preview": "Xem trước",
  "report.previewRefresh": "Làm mới bản xem trước",
  "report.previewClose": "Đóng bản xem trước",
  "report.previewLoading": "Đang tải bản xem trước…",
  "report.previewReady": "Bản xem trước hiện ở bên dưới.",
  "report.previewTitle": "Xem trước báo cáo kết quả",
  "report.namesFound":
    "Hãy kiểm tra trước khi công bố: báo cáo này nhắc tên người trong hội thảo ({names}). Hãy sửa những đoạn đó trong ghi chú, hoặc đặt chúng dưới một tiêu đề có đánh dấu [not for export].",
  "report.namesNone": "Báo cáo này không có tên người tham gia nào.",
  "report.previewHint": "Đây là nội dung tệp HTML. Để có PDF, hãy tải tệp HTML rồi in từ trình duyệt.",
  "report.errorFORBIDDEN": "Chỉ điều phối viên và thư ký mới lấy được báo cáo.",
  "report.errorINVALID_STATE":
    "Hội thảo này (không còn) cho phép báo cáo nêu tên. Hãy chọn “Không nêu tên” rồi thử lại.",
  "report.errorNOT_FOUND": "Vòng hoặc phòng này không còn trong hội thảo. Hãy tải lại danh sách và chọn lại.",
  "report.errorUNAUTHORIZED": "Phiên của bạn không còn hiệu lực: hãy tải lại trang hoặc tham gia lại để lấy báo cáo.",
  "report.attributionSwitch": "Báo cáo có thể nêu tên",
  "report.attributionSwitchHint":
    "Tắt (mặc định): không có tên trong bất kỳ báo cáo nào. Bật: các câu hỏi có tên được đặt từ bây giờ, và các thư ký, có thể được ghi tên; mọi người đều thấy điều này trước khi hỏi. Câu hỏi ẩn danh không bao giờ bị nêu tên.",
  "report.attributionFailed": "Chưa đổi được cài đặt: {message}",
};
