import type { Translation } from "../catalogParts.js";
import type { workshop as english } from "../en/workshop.js";

/** The workshop view in Vietnamese: its head, the participant list and roles, ending the workshop. */
export const workshop: Translation<typeof english> = {
  "workshop.joinCode": "Mã tham gia: {code}",
  "workshop.youAre": "Bạn là {name} ({role})",
  "workshop.loading": "Đang tải hội thảo…",
  "workshop.endButton": "Kết thúc hội thảo",
  "workshop.endConfirmQuestion": "Kết thúc hội thảo cho tất cả mọi người?",
  "workshop.endConfirm": "Có, kết thúc hội thảo",
  "workshop.cancel": "Huỷ",
  "workshop.participantsHeading": "Người tham gia",
  "workshop.count": "{total} người ở đây, {online} đang trực tuyến",
  "workshop.filterLabel": "Lọc theo tên",
  "workshop.filterShown": "Đang hiện {shown}",
  "workshop.noMatch": "Không ai khớp với bộ lọc này.",
  "workshop.showEveryone": "Hiện tất cả",
  "workshop.hideEveryone": "Ẩn danh sách",
  "workshop.listLive": "Danh sách cập nhật trực tiếp khi đang mở.",
  "workshop.you": "bạn",
  "workshop.online": "trực tuyến",
  "workshop.offline": "ngoại tuyến",
  "workshop.roleSelectLabel": "Vai trò của {name}",
  "workshop.removeButton": "Mời ra",
  "workshop.removeLabel": "Mời ra: {name}",
  "workshop.removeConfirmQuestion": "Mời {name} ra khỏi hội thảo?",
  "workshop.removeConfirm": "Có, mời ra",
  "workshop.removeCancel": "Giữ lại",

  "role.facilitator": "điều phối viên",
  "role.note-taker": "thư ký",
  "role.safeguarding-lead": "phụ trách an toàn",
  "role.participant": "người tham gia",
};
