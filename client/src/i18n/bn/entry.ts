import type { Translation } from "../catalogParts.js";
import type { entry as english } from "../en/entry.js";

/** Getting in, in Bengali: creating a workshop, entering it as facilitator, joining it. */
export const entry: Translation<typeof english> = {
  "create.heading": "কর্মশালা তৈরি করুন",
  "create.intro": "একটি কর্মশালা শুরু করুন, তারপর অংশগ্রহণকারীদের যোগদানের কোড বা লিংক পাঠান।",
  "create.titleLabel": "কর্মশালার নাম",
  "create.submit": "কর্মশালা তৈরি করুন",
  "create.submitting": "তৈরি হচ্ছে…",
  "create.joinInstead": "কর্মশালায় যোগ দিন",
  "create.createdHeading": "আপনার কর্মশালা তৈরি",
  "create.joinCodeLabel": "যোগদানের কোড",
  "create.joinLinkLabel": "যোগদানের লিংক",
  "create.qrAlt": "যোগদানের লিংক {link}-এর QR কোড",
  "create.copyLink": "লিংক কপি করুন",
  "create.keyHeading": "সঞ্চালকের গোপন চাবি",
  "create.keyWarning": "এই চাবি শুধু একবারই দেখানো হবে। এটি কপি করে নিরাপদ কোথাও রাখুন: এটি দিয়ে যে কেউ সঞ্চালক হিসেবে ঢুকতে পারে।",
  "create.keyLabel": "সঞ্চালকের গোপন চাবি (শুধু একবার দেখানো হবে)",
  "create.copyKey": "চাবি কপি করুন",
  "create.copied": "কপি হয়েছে",
  "create.copyFailed": "কপি করা যায়নি। লেখাটি বেছে নিয়ে নিজে কপি করুন।",
  "create.enterHeading": "সঞ্চালক হিসেবে ঢুকুন",
  "create.facilitatorNameLabel": "আপনার প্রদর্শিত নাম",
  "create.enterSubmit": "সঞ্চালক হিসেবে ঢুকুন",
  "create.retention": "কর্মশালা শেষ হওয়ার {days} দিন পর এর সবকিছু স্থায়ীভাবে মুছে ফেলা হবে।",
  "create.rateLimited":
    "সম্প্রতি আপনার নেটওয়ার্ক থেকে অনেক বেশি কর্মশালা তৈরি হয়েছে। কিছুক্ষণ (বড়জোর এক ঘণ্টা) অপেক্ষা করে আবার চেষ্টা করুন।",

  "join.heading": "কর্মশালায় যোগ দিন",
  "join.codeLabel": "যোগদানের কোড",
  "join.codeHint": "ছয়টি অক্ষর ও সংখ্যা, যেমন ABC-DEF।",
  "join.nameLabel": "প্রদর্শিত নাম",
  "join.nameHint": "ছদ্মনাম ব্যবহার করতে পারেন। কর্মশালার অন্যরা এই নাম দেখবেন।",
  "join.submit": "যোগ দিন",
  "join.connecting": "সংযোগ হচ্ছে…",
  "join.stillTrying": "এখনো সার্ভারে পৌঁছানো যাচ্ছে না। চেষ্টা চলছে…",
  "join.createInstead": "কর্মশালা তৈরি করুন",
  "join.rateLimited":
    "এই মুহূর্তে আপনার নেটওয়ার্ক থেকে যোগ দেওয়ার চেষ্টা অনেক বেশি হয়েছে (ভুল কোড, বা একসঙ্গে অনেকে যোগ দিচ্ছেন)। কয়েক মিনিট অপেক্ষা করুন, কোডটি মিলিয়ে দেখুন, তারপর আবার চেষ্টা করুন।",
};
