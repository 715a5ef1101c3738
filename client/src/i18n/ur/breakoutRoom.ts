import type { Translation } from "../catalogParts.js";
import type { breakoutRoom as english } from "../en/breakoutRoom.js";

/** A participant's side of a round in Urdu: their room, asking for help, messages, the room picker, the plenary note, "about me". */
export const breakoutRoom: Translation<typeof english> = {
  "banner.from": "سہولت کاروں کا پیغام:",
  "banner.dismiss": "ہٹائیں",
  "banner.dismissLabel": "پیغام ہٹائیں: {text}",

  "room.kicker": "گروپ کمرہ · دور {number}",
  "room.announceMoved": "اب آپ گروپ کمرے {name} میں ہیں۔",
  "room.announceVisiting": "آپ گروپ کمرے {name} کا دورہ کر رہے ہیں۔",
  "room.visitingKicker": "آپ اس کمرے کا دورہ کر رہے ہیں · دور {number}",
  "room.youLead": "آپ اس کمرے کے سربراہ ہیں",
  "room.lead": "سربراہ",
  "room.timeLeft": "باقی وقت",
  "room.returningIn": "{time} بعد مرکزی نشست میں واپسی",
  "room.returningNow": "ابھی مرکزی نشست میں واپسی ہو رہی ہے…",
  "room.returningSoon": "یہ دور جلد ختم ہوگا۔ آپ خود بخود مرکزی نشست میں واپس آ جائیں گے۔",
  "room.peopleHeading": "اس کمرے میں ({count})",
  "room.namesHidden":
    "اس کمرے میں نام نہیں دکھائے جاتے: آپ صرف خود کو اور ان لوگوں کو دیکھتے ہیں جنہوں نے اپنا نام دکھانا چنا۔",
  "room.backToPlenary": "مرکزی نشست میں واپس",
  "room.stopVisiting": "یہ کمرہ چھوڑیں",

  "help.heading": "سہولت کار کی ضرورت ہے؟",
  "help.textLabel": "آپ کو کیا چاہیے؟ (اختیاری)",
  "help.ask": "معاونت مانگیں",
  "help.statusOpen": "معاونت مانگی گئی۔ سہولت کار جلد آئیں گے۔",
  "help.statusTaken": "سہولت کار آ رہے ہیں۔",
  "help.statusTakenBy": "سہولت کار آ رہے ہیں ({name})۔",
  "help.statusResolved": "آپ کی پچھلی درخواست حل ہو گئی۔",
  "help.take": "ہم آ رہے ہیں",
  "help.resolve": "حل ہو گیا",
  "help.waiting": "{time} سے انتظار",

  "picker.heading": "اپنا کمرہ چنیں",
  "picker.intro": "دور {number} کھلا ہے: جس کمرے میں جانا چاہتے ہیں، اسے چنیں۔",
  "picker.timeLeft": "باقی وقت: {time}",
  "picker.seatsFree": "{free, plural, one {# نشست خالی} other {# نشستیں خالی}}",
  "picker.noLimit": "{count, plural, one {# فرد} other {# افراد}}، نشستوں کی کوئی حد نہیں",
  "picker.full": "بھرا ہوا",
  "picker.join": "شامل ہوں",
  "picker.joining": "شامل ہو رہے ہیں…",
  "picker.joinLabel": "شامل ہوں: {name}",
  "picker.roomFull": "یہ کمرہ بھرا ہوا ہے۔ براہ کرم کوئی اور کمرہ چنیں۔",

  "plenary.back": "آپ مرکزی نشست میں واپس آ گئے ہیں۔",
  "plenary.roundRunning": "گروپ کا دور {number} جاری ہے۔ آپ مرکزی نشست میں ہیں۔",

  "about.heading": "میرے بارے میں",
  "about.languageLabel": "بات چیت کے لیے میری پسندیدہ زبان (اختیاری)",
  "about.languageHint": "اس سے سہولت کاروں کو گروپ کمروں میں ایک زبان بولنے والوں کو اکٹھا رکھنے میں مدد ملتی ہے۔",
  "about.save": "محفوظ کریں",
  "about.saved": "محفوظ ہو گیا۔",
  "about.invalid": "براہ کرم زیادہ سے زیادہ 40 حروف لکھیں۔",
};
