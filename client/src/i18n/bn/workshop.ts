import type { Translation } from "../catalogParts.js";
import type { workshop as english } from "../en/workshop.js";

/** The workshop view in Bengali: its head, the participant list and roles, ending the workshop. */
export const workshop: Translation<typeof english> = {
  "workshop.joinCode": "যোগদানের কোড: {code}",
  "workshop.youAre": "আপনি {name} ({role})",
  "workshop.loading": "কর্মশালা লোড হচ্ছে…",
  "workshop.endButton": "কর্মশালা শেষ করুন",
  "workshop.endConfirmQuestion": "সবার জন্য কর্মশালা শেষ করবেন?",
  "workshop.endConfirm": "হ্যাঁ, কর্মশালা শেষ করুন",
  "workshop.cancel": "বাতিল",
  "workshop.participantsHeading": "অংশগ্রহণকারী",
  "workshop.count": "এখানে {total} জন, {online} জন অনলাইনে",
  "workshop.filterLabel": "নাম দিয়ে খুঁজুন",
  "workshop.filterShown": "{shown} জন দেখানো হচ্ছে",
  "workshop.noMatch": "এই নামে কাউকে পাওয়া যায়নি।",
  "workshop.showEveryone": "সবাইকে দেখান",
  "workshop.hideEveryone": "তালিকা লুকান",
  "workshop.listLive": "তালিকা খোলা থাকলে তা সরাসরি হালনাগাদ হয়।",
  "workshop.you": "আপনি",
  "workshop.online": "অনলাইনে",
  "workshop.offline": "অফলাইনে",
  "workshop.roleSelectLabel": "{name}-এর ভূমিকা",
  "workshop.removeButton": "সরিয়ে দিন",
  "workshop.removeLabel": "{name}-কে সরিয়ে দিন",
  "workshop.removeConfirmQuestion": "{name}-কে সরিয়ে দেবেন?",
  "workshop.removeConfirm": "হ্যাঁ, সরিয়ে দিন",
  "workshop.removeCancel": "থাকতে দিন",

  "role.facilitator": "সঞ্চালক",
  "role.note-taker": "নোট লেখক",
  "role.safeguarding-lead": "সুরক্ষা কর্মী",
  "role.participant": "অংশগ্রহণকারী",
};
