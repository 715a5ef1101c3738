import type { Translation } from "../catalogParts.js";
import type { workshop as english } from "../en/workshop.js";

/** The workshop view in Urdu: its head, the participant list and roles, ending the workshop. */
export const workshop: Translation<typeof english> = {
  "workshop.joinCode": "شمولیت کوڈ: {code}",
  "workshop.youAre": "آپ {name} ہیں ({role})",
  "workshop.loading": "ورکشاپ کھل رہی ہے…",
  "workshop.endButton": "ورکشاپ ختم کریں",
  "workshop.endConfirmQuestion": "کیا سب کے لیے ورکشاپ ختم کر دی جائے؟",
  "workshop.endConfirm": "ہاں، ورکشاپ ختم کریں",
  "workshop.cancel": "منسوخ کریں",
  "workshop.participantsHeading": "شرکاء",
  "workshop.count": "یہاں {total, plural, one {# فرد} other {# لوگ}}، {online} آن لائن",
  "workshop.filterLabel": "نام سے تلاش کریں",
  "workshop.filterShown": "{shown} دکھائے گئے",
  "workshop.noMatch": "اس تلاش سے کوئی نہیں ملا۔",
  "workshop.showEveryone": "سب کو دکھائیں",
  "workshop.hideEveryone": "فہرست چھپائیں",
  "workshop.listLive": "فہرست کھلی رہنے تک فوراً تازہ ہوتی رہتی ہے۔",
  "workshop.you": "آپ",
  "workshop.online": "آن لائن",
  "workshop.offline": "آف لائن",
  "workshop.roleSelectLabel": "{name} کا کردار",
  "workshop.removeButton": "ہٹائیں",
  "workshop.removeLabel": "{name} کو ہٹائیں",
  "workshop.removeConfirmQuestion": "کیا {name} کو ہٹا دیا جائے؟",
  "workshop.removeConfirm": "ہاں، ہٹائیں",
  "workshop.removeCancel": "رہنے دیں",

  "role.facilitator": "سہولت کار",
  "role.note-taker": "نوٹ نگار",
  "role.safeguarding-lead": "تحفظ افسر",
  "role.participant": "شریک",
};
