import type { Translation } from "../catalogParts.js";
import type { app as english } from "../en/app.js";

/** The frame of every page in Bengali: the app's name, the quick exit, the connection status, the screens a session ends on. */
export const app: Translation<typeof english> = {
  "app.name": "কর্মশালা",
  "app.skipToContent": "মূল অংশে যান",
  "app.notFound.title": "পৃষ্ঠাটি পাওয়া যায়নি",
  "app.notFound.body": "এই ঠিকানায় কিছু নেই।",
  "app.home": "শুরুর পৃষ্ঠা",
  "app.language": "ভাষা",

  "leave.button": "এখনই বের হোন",
  "leave.hint": "দ্রুত বের হতে: Esc দুবার চাপুন",
  "leave.label": "এখনই বের হোন: সঙ্গে সঙ্গে কর্মশালা ছেড়ে একটি সাধারণ পৃষ্ঠায় চলে যান",

  "connection.label": "সংযোগ",
  "connection.connecting": "সংযোগ হচ্ছে…",
  "connection.connected": "সংযুক্ত",
  "connection.reconnecting": "আবার সংযোগ হচ্ছে…",
  "connection.offline": "অফলাইন",
  "offline.banner": "আপনি অফলাইনে আছেন। এখন যা করবেন, আবার অনলাইনে এলে তা পাঠানো হবে।",
  "offline.bannerSince":
    "আপনি অফলাইনে আছেন। কর্মশালাটি {time}-এ যেমন ছিল, তেমনই দেখানো হচ্ছে। এখন যা করবেন, আবার অনলাইনে এলে তা পাঠানো হবে।",
  "offline.waiting": "পাঠানোর অপেক্ষায়: {count}",

  "app.workshopLoading": "কর্মশালা খোলা হচ্ছে…",
  "app.workshopLoadFailed": "কর্মশালার পৃষ্ঠাগুলো লোড করা যায়নি। আপনার সংযোগ দেখে নিন।",
  "app.workshopLoadRetry": "আবার চেষ্টা করুন",

  "revoked.removedHeading": "আপনাকে এই কর্মশালা থেকে সরিয়ে দেওয়া হয়েছে",
  "revoked.removedBody": "একজন সঞ্চালক আপনাকে সরিয়ে দিয়েছেন। আপনি আর এই কর্মশালায় অংশ নিতে পারবেন না।",
  "revoked.endedHeading": "এই কর্মশালা শেষ হয়েছে",
  "revoked.endedBody": "অংশ নেওয়ার জন্য ধন্যবাদ।",
  "revoked.deletedHeading": "এই কর্মশালা মুছে ফেলা হয়েছে",
  "revoked.deletedBody": "এর ভেতরের সবকিছু স্থায়ীভাবে মুছে ফেলা হয়েছে।",
  "revoked.lostHeading": "এই কর্মশালা রাখা সম্ভব হয়নি",
  "revoked.lostBody":
    "সার্ভার এই কর্মশালার তথ্য হারিয়ে ফেলেছে, তাই এটি আর চলতে পারবে না। এতে আপনার কোনো দোষ নেই: কর্মশালার সবাই এই বার্তা দেখছেন, এবং আয়োজকেরা নতুন কর্মশালা শুরু করে নতুন লিংক পাঠাতে পারেন।",
  "revoked.endedReport":
    "“{title}”-এর ফলাফল প্রতিবেদন আপনি এখনো এই ট্যাব থেকে ডাউনলোড করতে পারেন। বন্ধ করার আগে যা দরকার ডাউনলোড করে নিন: এই পৃষ্ঠা ছেড়ে গেলে আর দেখতে পারবেন না।",

  "exit.heading": "আপনি বের হয়ে এসেছেন।",
  "exit.home": "শুরুর পৃষ্ঠায় যান",
};
