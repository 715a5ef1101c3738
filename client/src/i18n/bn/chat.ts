import type { Translation } from "../catalogParts.js";
import type { chat as english } from "../en/chat.js";

/** Chat in Bengali: messages, sending, hiding by facilitators. */
export const chat: Translation<typeof english> = {
  "chat.heading": "চ্যাট",
  "chat.introPlenary": "কলে কথা বলতে না পারলে মূল অধিবেশনের সবাইকে এখানে লিখুন।",
  "chat.introRoom": "কলে কথা বলতে না পারলে এই কক্ষের সবাইকে এখানে লিখুন।",
  "chat.messagesLabel": "চ্যাটের বার্তা",
  "chat.empty": "এখনো কোনো বার্তা নেই।",
  "chat.older": "আগের বার্তা",
  "chat.inputLabel": "একটি বার্তা লিখুন",
  "chat.send": "পাঠান",
  "chat.sending": "পাঠানো হচ্ছে…",
  "chat.failed": "পাঠানো যায়নি",
  "chat.retry": "আবার চেষ্টা করুন",
  "chat.discard": "সরান",
  "chat.you": "আপনি",
  "chat.neutralAuthor": "একজন অংশগ্রহণকারী",
  "chat.hiddenBy": "সঞ্চালক লুকিয়ে রেখেছেন:",
  "chat.hide": "লুকান",
  "chat.hideLabel": "বার্তাটি লুকান: {text}",
  "chat.hideReason": "কেন? এই চ্যাটের সবাই কারণটি দেখবেন।",
  "chat.hideConfirm": "সবার কাছ থেকে লুকান",
  "chat.cancel": "বাতিল",
  "chat.rateLimited": "আপনি খুব দ্রুত বার্তা পাঠাচ্ছেন। কয়েক সেকেন্ড অপেক্ষা করুন।",
  "chat.count": "{max}টির মধ্যে {length}টি অক্ষর",
  "chat.announceNew": "{count}টি নতুন চ্যাট বার্তা",
};
