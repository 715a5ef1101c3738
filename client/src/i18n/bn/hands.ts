import type { Translation } from "../catalogParts.js";
import type { hands as english } from "../en/hands.js";

/** Hands and reactions in the plenary in Bengali: a person's hand, the facilitators' speaker queue, the reaction bar. */
export const hands: Translation<typeof english> = {
  "hands.heading": "হাত তুলুন",
  "hands.raise": "আমার হাত তুলুন",
  "hands.lower": "আমার হাত নামান",
  "hands.position": "আপনার হাত তোলা আছে। সারিতে {count} জনের মধ্যে আপনি {position} নম্বরে।",
  "hands.called": "আপনাকে কথা বলতে আমন্ত্রণ জানানো হয়েছে। প্রস্তুত হলে ভিডিও কলে আপনার মাইক্রোফোন চালু করুন।",
  "hands.count": "{count, plural, =0 {কেউ হাত তোলেননি।} one {# জন হাত তুলেছেন।} other {# জন হাত তুলেছেন।}}",
  "hands.privacy": "কে হাত তুলেছেন তা শুধু সঞ্চালকরা দেখতে পান।",
  "hands.callNext": "পরের জনকে কথা বলতে আমন্ত্রণ জানান",
  "hands.call": "কথা বলতে আমন্ত্রণ জানান",
  "hands.lowerShort": "হাত নামান",
  "hands.calledBadge": "কথা বলার আমন্ত্রণ পেয়েছেন",
  "hands.failed": "এটি হয়নি: {message}",
  "reactions.bar": "প্রতিক্রিয়া",
  "reactions.applause": "হাততালি",
  "reactions.heart": "ভালোবাসা",
  "reactions.laugh": "হাসি",
  "reactions.thumbsUp": "দারুণ",
  "reactions.agree": "সংহতি",
  "reactions.hint": "প্রতিক্রিয়া বেনামি: কে পাঠিয়েছেন তা কেউ দেখতে পান না।",
  "reactions.recent": "এইমাত্র আসা প্রতিক্রিয়া:",
};
