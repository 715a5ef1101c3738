import type { Translation } from "../catalogParts.js";
import type { breakoutRoom as english } from "../en/breakoutRoom.js";

/** A participant's side of a round, in Bengali: their room, calling a facilitator, banners, the room picker, the plenary, "about me". */
export const breakoutRoom: Translation<typeof english> = {
  "banner.from": "সঞ্চালকদের বার্তা:",
  "banner.dismiss": "বন্ধ করুন",
  "banner.dismissLabel": "বন্ধ করুন, বার্তা: {text}",

  "room.kicker": "ছোট দলের কক্ষ · পর্ব {number}",
  "room.announceMoved": "আপনি এখন ছোট দলের কক্ষ {name}-এ আছেন।",
  "room.announceVisiting": "আপনি ছোট দলের কক্ষ {name}-এ ঘুরে দেখছেন।",
  "room.visitingKicker": "আপনি এই কক্ষে ঘুরে দেখছেন · পর্ব {number}",
  "room.youLead": "আপনি এই কক্ষের দলনেতা",
  "room.lead": "দলনেতা",
  "room.timeLeft": "বাকি সময়",
  "room.returningIn": "{time} পর মূল অধিবেশনে ফিরে যাবেন",
  "room.returningNow": "এখন মূল অধিবেশনে ফেরা হচ্ছে…",
  "room.returningSoon": "পর্বটি শিগগির শেষ হবে। আপনি নিজে থেকেই মূল অধিবেশনে ফিরে যাবেন।",
  "room.peopleHeading": "এই কক্ষে ({count})",
  "room.namesHidden": "এই কক্ষে নাম দেখানো হয় না: আপনি শুধু নিজেকে এবং যারা নিজের নাম দেখাতে চেয়েছেন তাদের দেখেন।",
  "room.backToPlenary": "মূল অধিবেশনে ফিরুন",
  "room.stopVisiting": "এই কক্ষ ছাড়ুন",

  "help.heading": "সঞ্চালক দরকার?",
  "help.textLabel": "আপনার কী দরকার? (ঐচ্ছিক)",
  "help.ask": "সঞ্চালককে ডাকুন",
  "help.statusOpen": "ডাকা হয়েছে। একজন সঞ্চালক শিগগির আসবেন।",
  "help.statusTaken": "একজন সঞ্চালক আসছেন।",
  "help.statusTakenBy": "একজন সঞ্চালক আসছেন ({name})।",
  "help.statusResolved": "আপনার শেষ অনুরোধের সমাধান হয়েছে।",
  "help.take": "আমি যাচ্ছি",
  "help.resolve": "সমাধান হয়েছে",
  "help.waiting": "{time} ধরে অপেক্ষা",

  "picker.heading": "আপনার কক্ষ বেছে নিন",
  "picker.intro": "পর্ব {number} শুরু হয়েছে: যে কক্ষে যোগ দিতে চান, সেটি বেছে নিন।",
  "picker.timeLeft": "বাকি সময়: {time}",
  "picker.seatsFree": "{free}টি আসন খালি",
  "picker.noLimit": "{count} জন, আসনের সীমা নেই",
  "picker.full": "পূর্ণ",
  "picker.join": "যোগ দিন",
  "picker.joining": "যোগ দেওয়া হচ্ছে…",
  "picker.joinLabel": "যোগ দিন: {name}",
  "picker.roomFull": "এই কক্ষটি পূর্ণ। অনুগ্রহ করে অন্য একটি বেছে নিন।",

  "plenary.back": "আপনি মূল অধিবেশনে ফিরে এসেছেন।",
  "plenary.roundRunning": "ছোট দলের পর্ব {number} চলছে। আপনি মূল অধিবেশনে আছেন।",

  "about.heading": "আমার সম্পর্কে",
  "about.languageLabel": "যে ভাষায় কথা বলতে চাই (ঐচ্ছিক)",
  "about.languageHint": "এতে সঞ্চালকেরা একই ভাষার মানুষদের একই কক্ষে রাখতে পারেন।",
  "about.save": "সংরক্ষণ করুন",
  "about.saved": "সংরক্ষিত।",
  "about.invalid": "অনুগ্রহ করে সর্বোচ্চ ৪০টি অক্ষর লিখুন।",
};
