import type { Translation } from "../catalogParts.js";
import type { hands as english } from "../en/hands.js";

/** Hands and reactions in the plenary in Urdu: a person's hand, the facilitators' speaker queue, the reaction bar. */
export const hands: Translation<typeof english> = {
  "hands.heading": "ہاتھ اٹھائیں",
  "hands.raise": "میرا ہاتھ اٹھائیں",
  "hands.lower": "میرا ہاتھ نیچے کریں",
  "hands.position": "آپ کا ہاتھ اٹھا ہوا ہے۔ قطار میں {count} میں سے آپ کا نمبر {position} ہے۔",
  "hands.called": "آپ کو بولنے کی دعوت دی گئی ہے۔ جب تیار ہوں تو ویڈیو کال پر اپنا مائیک کھولیں۔",
  "hands.count":
    "{count, plural, =0 {کسی نے ہاتھ نہیں اٹھایا۔} one {# ہاتھ اٹھا ہوا ہے۔} other {# ہاتھ اٹھے ہوئے ہیں۔}}",
  "hands.privacy": "کس نے ہاتھ اٹھایا، یہ صرف سہولت کار دیکھتے ہیں۔",
  "hands.callNext": "اگلے شخص کو بولنے کی دعوت دیں",
  "hands.call": "بولنے کی دعوت دیں",
  "hands.lowerShort": "ہاتھ نیچے کریں",
  "hands.calledBadge": "بولنے کی دعوت ملی",
  "hands.failed": "یہ نہیں ہو سکا: {message}",
  "reactions.bar": "ردِعمل",
  "reactions.applause": "تالیاں",
  "reactions.heart": "محبت",
  "reactions.laugh": "ہنسی",
  "reactions.thumbsUp": "زبردست",
  "reactions.agree": "یکجہتی",
  "reactions.hint": "ردِعمل گمنام ہیں: کوئی نہیں دیکھتا کہ کس نے بھیجا۔",
  "reactions.recent": "ابھی کے ردِعمل:",
};
