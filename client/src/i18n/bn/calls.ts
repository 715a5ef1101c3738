import type { Translation } from "../catalogParts.js";
import type { calls as english } from "../en/calls.js";

/** Video call links in Bengali: "Join the call", and the facilitators' panel that sets them. */
export const calls: Translation<typeof english> = {
  "call.join": "কলে যোগ দিন",
  "call.newTab": "ভিডিও কলটি একটি নতুন ট্যাবে খুলবে।",
  "calls.heading": "ভিডিও কল",
  "calls.intro": "মূল অধিবেশন ও ছোট দলের কক্ষগুলোর ভিডিও কলের লিংক। প্রত্যেকে শুধু নিজের জায়গার লিংকটি পান।",
  "calls.secret": "লিংকে মিটিংয়ের পাসওয়ার্ড থাকতে পারে: এটি শুধু সেই কক্ষের মানুষ ও সঞ্চালকদের কাছে যায়, আর কখনো প্রতিবেদনে যায় না।",
  "calls.plenaryLabel": "মূল অধিবেশনের কল লিংক",
  "calls.templateLabel": "ছোট দলের কক্ষের লিংকের টেমপ্লেট",
  "calls.templateHint": "প্রতিটি কক্ষের লিংকের নিজস্ব অংশের জায়গায় {room} লিখুন ({workshop} ঐচ্ছিক)। উদাহরণ: {example}",
  "calls.save": "সংরক্ষণ করুন",
  "calls.remove": "মুছে ফেলুন",
  "calls.saved": "সংরক্ষিত হয়েছে।",
  "calls.roomsHeading": "পর্ব {number}-এর লিংক",
  "calls.roomLabel": "{name}-এর কল লিংক",
  "calls.roomHint": "এই কক্ষের জন্য একটি লিংক পেস্ট করুন, অথবা টেমপ্লেট ব্যবহার করতে খালি রাখুন।",
  "calls.fromTemplate": "টেমপ্লেট থেকে",
  "calls.pasted": "এই কক্ষের জন্য পেস্ট করা",
  "calls.noLink": "এখনও কোনো লিংক নেই",
  "calls.problem.length": "সর্বোচ্চ {max} অক্ষরের একটি লিংক দিন।",
  "calls.problem.whitespace": "লিংকে স্পেস বা লুকানো অক্ষর থাকতে পারবে না।",
  "calls.problem.malformed": "এটি কোনো ওয়েব ঠিকানা নয়।",
  "calls.problem.https": "লিংকটি https:// দিয়ে শুরু হতে হবে",
  "calls.problem.credentials": "লিংক থেকে ইউজারনেম ও পাসওয়ার্ড (নাম:পাসওয়ার্ড@) সরিয়ে দিন।",
  "calls.problem.placeholder": "বাঁকা বন্ধনীর মধ্যে শুধু {room} ও {workshop} লেখা যায়, আর তা শুধু টেমপ্লেটে।",
  "calls.problem.needsRoom": "টেমপ্লেটে {room} থাকা দরকার, যাতে প্রতিটি কক্ষ নিজের কল পায়।",
};
