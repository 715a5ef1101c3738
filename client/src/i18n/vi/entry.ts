import type { Translation } from "../catalogParts.js";
import type { entry as english } from "../en/entry.js";

/** Getting in, in Vietnamese: creating a workshop, entering it as facilitator, joining it. */
export const entry: Translation<typeof english> = {
  "create.heading": "Tạo hội thảo",
  "create.intro": "Tạo một hội thảo, rồi chia sẻ mã tham gia hoặc đường dẫn với người tham gia.",
  "create.titleLabel": "Tên hội thảo",
  "create.submit": "Tạo hội thảo",
  "create.submitting": "Đang tạo…",
  "create.joinInstead": "Tham gia hội thảo",
  "create.createdHeading": "Hội thảo của bạn đã sẵn sàng",
  "create.joinCodeLabel": "Mã tham gia",
  "create.joinLinkLabel": "Đường dẫn tham gia",
  "create.qrAlt": "Mã QR của đường dẫn tham gia {link}",
  "create.copyLink": "Sao chép đường dẫn",
  "create.keyHeading": "Khoá điều phối viên",
  "create.keyWarning":
    "Khoá này chỉ hiện một lần. Hãy sao chép và cất ở nơi an toàn: bất kỳ ai có khoá này đều có thể vào với vai trò điều phối viên.",
  "create.keyLabel": "Khoá điều phối viên (chỉ hiện một lần)",
  "create.copyKey": "Sao chép khoá",
  "create.copied": "Đã sao chép",
  "create.copyFailed": "Không sao chép được. Hãy chọn đoạn chữ và tự sao chép.",
  "create.enterHeading": "Vào với vai trò điều phối viên",
  "create.facilitatorNameLabel": "Tên hiển thị của bạn",
  "create.enterSubmit": "Vào với vai trò điều phối viên",
  "create.retention":
    "Mọi nội dung của hội thảo này sẽ bị xoá vĩnh viễn {days, plural, other {# ngày}} sau khi hội thảo kết thúc.",
  "create.rateLimited":
    "Gần đây có quá nhiều hội thảo được tạo từ mạng của bạn. Vui lòng chờ một lúc (tối đa một giờ), rồi thử lại.",

  "join.heading": "Tham gia hội thảo",
  "join.codeLabel": "Mã tham gia",
  "join.codeHint": "Sáu chữ cái và chữ số, ví dụ ABC-DEF.",
  "join.nameLabel": "Tên hiển thị",
  "join.nameHint": "Dùng biệt danh cũng được. Những người khác trong hội thảo sẽ thấy tên này.",
  "join.submit": "Tham gia",
  "join.connecting": "Đang kết nối…",
  "join.stillTrying": "Chưa kết nối được với máy chủ. Vẫn đang thử…",
  "join.createInstead": "Tạo hội thảo",
  "join.rateLimited":
    "Vừa có quá nhiều lần thử tham gia từ mạng của bạn (mã tham gia sai, hoặc nhiều người cùng vào một lúc). Hãy chờ vài phút, kiểm tra lại mã, rồi thử lại.",
};
