import type { Translation } from "../catalogParts.js";
import type { errors as english } from "../en/errors.js";

/** What went wrong, in Bengali: input that does not pass the checks, and every error code. */
export const errors: Translation<typeof english> = {
  "validation.title": "অনুগ্রহ করে সর্বোচ্চ {max}টি অক্ষরের একটি নাম দিন, কোনো নিয়ন্ত্রণ অক্ষর ছাড়া।",
  "validation.displayName": "অনুগ্রহ করে সর্বোচ্চ {max}টি অক্ষরের একটি নাম লিখুন, কোনো নিয়ন্ত্রণ অক্ষর ছাড়া।",
  "validation.joinCode": "যোগদানের কোডে ছয়টি অক্ষর ও সংখ্যা থাকে, যেমন ABC-DEF।",

  "error.BAD_REQUEST": "অনুরোধটি সঠিক ছিল না।",
  "error.UNKNOWN_EVENT": "সার্ভার এই অনুরোধ বুঝতে পারেনি।",
  "error.UNAUTHORIZED": "আপনার সেশন আর বৈধ নয়। অনুগ্রহ করে আবার যোগ দিন।",
  "error.INVALID_JOIN_CODE": "এই কোডে কোনো চলমান কর্মশালা নেই। কোডটি মিলিয়ে দেখে আবার চেষ্টা করুন।",
  "error.INVALID_DISPLAY_NAME": "এই প্রদর্শিত নাম ব্যবহার করা যাবে না। অনুগ্রহ করে অন্য একটি নাম বেছে নিন।",
  "error.SESSION_REVOKED": "আপনি আর এই কর্মশালায় অংশ নিতে পারবেন না।",
  "error.PROTOCOL_MISMATCH": "এই পৃষ্ঠা পুরোনো হয়ে গেছে। অনুগ্রহ করে আবার লোড করুন।",
  "error.FORBIDDEN": "আপনার এটি করার অনুমতি নেই।",
  "error.NOT_FOUND": "এটি আর নেই।",
  "error.CONFLICT": "এর মধ্যে এটি বদলে গেছে। অনুগ্রহ করে আবার চেষ্টা করুন।",
  "error.WORKSHOP_ENDED": "এই কর্মশালা শেষ হয়েছে।",
  "error.INVALID_STATE": "এই মুহূর্তে এটি করা যাচ্ছে না (পর্ব হয়তো বদলে গেছে)। অনুগ্রহ করে আবার দেখুন।",
  "error.ROOM_FULL": "এই কক্ষটি পূর্ণ।",
  "error.POLL_CLOSED": "এই জরিপ বন্ধ: আপনার ভোট গণনা হয়নি।",
  "error.ALREADY_VOTED": "আপনি ইতিমধ্যে ভোট দিয়েছেন (বা ভোট ফিরিয়ে নিয়েছেন), এবং এই জরিপে আবার ভোট দেওয়া বা ভোট বদলানো যায় না।",
  "error.RATE_LIMITED": "অনেক বেশি অনুরোধ। একটু অপেক্ষা করে আবার চেষ্টা করুন।",
  "error.TOO_MANY_CONNECTIONS": "আপনি এই কর্মশালা একসঙ্গে অনেকগুলো ট্যাব বা যন্ত্রে খুলেছেন। একটি বন্ধ করে আবার চেষ্টা করুন।",
  "error.PAYLOAD_TOO_LARGE": "এটি অনেক বেশি লম্বা।",
  "error.UNAVAILABLE": "সার্ভার ব্যস্ত বা আবার চালু হচ্ছে। একটু পরে আবার চেষ্টা করুন।",
  "error.INTERNAL": "সার্ভারে কোনো সমস্যা হয়েছে। অনুগ্রহ করে আবার চেষ্টা করুন।",
  "error.network": "সার্ভারে পৌঁছানো যায়নি। আপনার সংযোগ দেখে আবার চেষ্টা করুন।",
  "error.timeout": "সার্ভার সময়মতো সাড়া দেয়নি। অনুগ্রহ করে আবার চেষ্টা করুন।",
  "error.dismiss": "বন্ধ করুন",
};
