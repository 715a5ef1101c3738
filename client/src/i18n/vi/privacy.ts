import type { Translation } from "../catalogParts.js";
import type { privacy as english } from "../en/privacy.js";

/** Privacy and data in Vietnamese: the anonymity default, deleting the workshop for good, content notes. */
export const privacy: Translation<typeof english> = {
  "privacy.heading": "Quyền riêng tư và dữ liệu",
  "privacy.anonymitySwitch": "Câu hỏi và bình chọn mới mặc định ẩn danh",
  "privacy.anonymitySwitchHint":
    "Bật (mặc định): ô đặt câu hỏi và các bình chọn mới bắt đầu ở chế độ ẩn danh. Tắt: bắt đầu ở chế độ có tên. Dù thế nào, mọi người vẫn có thể tự chọn, và luôn thấy mình đang ở chế độ nào.",
  "privacy.settingFailed": "Chưa đổi được cài đặt: {message}",
  "privacy.rosterSwitch": "Người tham gia thấy tên của nhau",
  "privacy.rosterSwitchHint":
    "Tắt (mặc định): người tham gia thấy có bao nhiêu người ở đây, nhưng không thấy là ai. Họ vẫn thấy chính mình, những người điều hành diễn đàn (điều phối viên, thư ký, phụ trách an toàn), những ai đã chọn hiện tên, và trong phòng nhóm thì thấy những người cùng phòng nếu phòng đó cho phép. Bật: mọi người tham gia đều thấy tên của tất cả. Điều phối viên, thư ký và phụ trách an toàn luôn thấy mọi người.",
  "privacy.listedSwitch": "Hiện tên tôi cho những người tham gia khác",
  "privacy.listedSwitchHint":
    "Tắt (mặc định): những người tham gia khác không thấy tên bạn, cũng không biết bạn đang ở đây, chỉ thấy có bao nhiêu người. Những người điều hành diễn đàn luôn thấy bạn. Bật: mọi người tham gia đều thấy tên bạn và bạn có đang trực tuyến hay không. Bạn có thể tắt lại bất cứ lúc nào.",
  "privacy.listedRosterOpen":
    "Hiện điều phối viên đang cho hiện tên của mọi người trong hội thảo này. Lựa chọn của bạn ở đây có hiệu lực bất cứ khi nào tên bị ẩn.",
  "privacy.namesHidden":
    "Tên của những người tham gia khác được ẩn ở đây. Bạn thấy chính mình, những người điều hành diễn đàn và những ai đã chọn hiện tên.",
  "privacy.dangerHeading": "Vùng nguy hiểm",
  "privacy.deleteHint":
    "Xoá sẽ xoá vĩnh viễn mọi thứ trong hội thảo này, ngay lập tức: người tham gia, ghi chú, bình chọn, câu hỏi và báo cáo kết quả. Mọi người sẽ bị ngắt kết nối.",
  "privacy.deleteHintEnded":
    "Bây giờ bạn có thể xoá vĩnh viễn mọi thứ trong hội thảo này: người tham gia, ghi chú, bình chọn, câu hỏi và báo cáo kết quả.",
  "privacy.deleteButton": "Xoá hội thảo…",
  "privacy.deleteHeading": "Xoá vĩnh viễn “{title}”?",
  "privacy.deleteConsequence":
    "Mọi thứ trong hội thảo này sẽ bị xoá ngay, cho tất cả mọi người, và không thể khôi phục: danh sách người tham gia, toàn bộ ghi chú, các bình chọn và kết quả, toàn bộ câu hỏi, và báo cáo kết quả. Những ai còn kết nối sẽ bị ngắt. Hãy tải báo cáo về trước nếu bạn cần.",
  "privacy.deleteTypeLabel": "Để xác nhận, hãy gõ mã tham gia {code} hoặc tên hội thảo",
  "privacy.deleteTypeHint": "Nút xoá sẽ bật khi nội dung bạn gõ khớp.",
  "privacy.deleteConfirm": "Xoá vĩnh viễn hội thảo này",
  "privacy.deleting": "Đang xoá…",
  "privacy.deleteFailed": "Hội thảo chưa bị xoá: {message}",
  "privacy.deleteUnauthorized":
    "Thẻ này không còn xoá được hội thảo: có thể hội thảo đã bị xoá, hoặc quyền truy cập của bạn đã hết.",
  "privacy.deleteAt": "Mọi thứ trong hội thảo này sẽ bị xoá vĩnh viễn vào {date}.",
  "contentNote.label": "Lưu ý nội dung:",
  "contentNote.hint": "Bạn có thể bỏ qua phần này. Dù bạn chọn gì, không ai được báo.",
  "contentNote.show": "Xem",
  "contentNote.skip": "Bỏ qua",
  "contentNote.skipped": "Bạn đã bỏ qua phần này. Không ai được báo.",
};
