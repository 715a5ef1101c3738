import type { Translation } from "../catalogParts.js";
import type { report as english } from "../en/report.js";

/** The outcome report in Bengali: its scope, whether it names people, downloads and the preview. */
export const report: Translation<typeof english> = {
  "report.heading": "ফলাফল প্রতিবেদন",
  "report.intro":
    "মূল অধিবেশন ও প্রতিটি কক্ষের নোট, ফলাফল, জরিপ এবং উত্তর দেওয়া প্রশ্ন নিয়ে একটি নথি। “not for export” (রপ্তানির জন্য নয়) চিহ্নিত অংশ এবং অপেক্ষমাণ বা প্রকাশ না করা প্রশ্ন বাদ থাকে।",
  "report.open": "প্রতিবেদন তৈরি করুন",
  "report.hide": "প্রতিবেদনের সরঞ্জাম লুকান",
  "report.scopeLabel": "প্রতিবেদনে কী থাকবে",
  "report.scopeWorkshop": "পুরো কর্মশালা",
  "report.scopeRound": "পর্ব {number}: সব কক্ষ",
  "report.scopeRoom": "পর্ব {number}: {room}",
  "report.scopeRoundGroup": "পর্ব {number}",
  "report.scopesLoading": "পর্ব ও কক্ষ লোড হচ্ছে…",
  "report.scopesFailed": "পর্ব ও কক্ষের তালিকা লোড করা যায়নি: {message}",
  "report.scopesRefresh": "তালিকা হালনাগাদ করুন",
  "report.attributionLegend": "প্রতিবেদনে নাম",
  "report.attributionNone": "নাম নেই: কারও নাম উল্লেখ হবে না (চ্যাথাম হাউস নিয়ম)",
  "report.attributionNamed": "যারা রাজি হয়েছেন তাদের নাম দিন: নামসহ প্রশ্নকারী, নোট লেখক",
  "report.attributionOffHint": "প্রতিবেদনে কারও নাম থাকে না: এই কর্মশালায় একজন সঞ্চালক নাম রাখার অনুমতি দেননি।",
  "report.chatLegend": "যাদের চ্যাট যুক্ত হবে…",
  "report.chatHint":
    "আপনি এখানে টিক না দিলে কোনো চ্যাট প্রতিবেদনে থাকবে না। যুক্ত করা চ্যাটে প্রতিটি বার্তা তার সময়সহ দেখানো হয়, কারও নাম ছাড়া, এবং প্রতিবেদনে লেখা থাকে যে একজন সঞ্চালক এটি যুক্ত করার সিদ্ধান্ত নিয়েছেন। লুকানো বার্তা লুকানোই থাকে।",
  "report.chatPlenary": "মূল অধিবেশন",
  "report.downloadHeading": "ডাউনলোড",
  "report.downloadHint": "HTML ফাইলে চার্ট থাকে এবং পরিষ্কারভাবে PDF হিসেবে ছাপা যায়; CSV ফাইলে স্প্রেডশিটের জন্য জরিপ ও প্রশ্ন থাকে।",
  "report.formatMd": "Markdown ফাইল",
  "report.formatHtml": "HTML ফাইল",
  "report.formatJson": "JSON ফাইল",
  "report.formatCsv": "CSV ফাইল",
  "report.downloadLabel": "প্রতিবেদন ডাউনলোড: {format}",
  "report.downloading": "{format} তৈরি হচ্ছে…",
  "report.downloaded": "{format} ডাউনলোড হচ্ছে।",
  "report.preview": "পূর্বরূপ",
  "report.previewRefresh": "পূর্বরূপ হালনাগাদ করুন",
  "report.previewClose": "পূর্বরূপ বন্ধ করুন",
  "report.previewLoading": "পূর্বরূপ লোড হচ্ছে…",
  "report.previewReady": "নিচে পূর্বরূপ দেখানো হয়েছে।",
  "report.previewTitle": "ফলাফল প্রতিবেদনের পূর্বরূপ",
  "report.namesFound":
    "প্রকাশের আগে দেখে নিন: এই প্রতিবেদনে কর্মশালার কয়েকজনের নাম আছে ({names})। নোটে ওই অংশগুলো সম্পাদনা করুন, অথবা [not for export] চিহ্নিত একটি শিরোনামের নিচে রাখুন।",
  "report.namesNone": "এই প্রতিবেদনে কোনো অংশগ্রহণকারীর নাম নেই।",
  "report.previewHint": "HTML ফাইলে যা দেখাবে। PDF পেতে HTML ডাউনলোড করে ব্রাউজার থেকে ছাপুন।",
  "report.errorFORBIDDEN": "শুধু সঞ্চালক ও নোট লেখকেরা প্রতিবেদন নিতে পারেন।",
  "report.errorINVALID_STATE": "এই কর্মশালা (আর) নামসহ প্রতিবেদনের অনুমতি দেয় না। “নাম নেই” বেছে নিয়ে আবার চেষ্টা করুন।",
  "report.errorNOT_FOUND": "এই পর্ব বা কক্ষ কর্মশালায় আর নেই। তালিকা হালনাগাদ করে আবার বেছে নিন।",
  "report.errorUNAUTHORIZED": "আপনার সেশন আর বৈধ নয়: প্রতিবেদন নিতে পৃষ্ঠাটি আবার লোড করুন বা আবার যোগ দিন।",
  "report.attributionSwitch": "প্রতিবেদনে নাম থাকতে পারে",
  "report.attributionSwitchHint":
    "বন্ধ (স্বাভাবিক অবস্থা): কোনো প্রতিবেদনে কোথাও নাম থাকবে না। চালু: এখন থেকে করা নামসহ প্রশ্ন এবং নোট লেখকদের নাম উল্লেখ হতে পারে; প্রশ্ন করার আগে সবাই এটি দেখেন। বেনামী প্রশ্নে কখনো নাম থাকে না।",
  "report.attributionFailed": "সেটিং বদলানো যায়নি: {message}",
};
