import type { Translation } from "../catalogParts.js";
import type { hands as english } from "../en/hands.js";

/** Hands and reactions in the plenary in Nepali: a person's hand, the facilitators' speaker queue, the reaction bar. */
export const hands: Translation<typeof english> = {
  "hands.heading": "हात उठाउनुहोस्",
  "hands.raise": "मेरो हात उठाउनुहोस्",
  "hands.lower": "मेरो हात तल झार्नुहोस्",
  "hands.position": "तपाईंको हात उठेको छ। लाइनमा {count} जनामध्ये तपाईं {position} नम्बरमा हुनुहुन्छ।",
  "hands.called": "तपाईंलाई बोल्न निम्तो दिइएको छ। तयार हुँदा भिडियो कलमा आफ्नो माइक खोल्नुहोस्।",
  "hands.count":
    "{count, plural, =0 {कसैले हात उठाएको छैन।} one {# जनाले हात उठाउनुभएको छ।} other {# जनाले हात उठाउनुभएको छ।}}",
  "hands.privacy": "कसले हात उठायो भन्ने सहजकर्ताले मात्र देख्नुहुन्छ।",
  "hands.callNext": "अर्को व्यक्तिलाई बोल्न निम्तो दिनुहोस्",
  "hands.call": "बोल्न निम्तो दिनुहोस्",
  "hands.lowerShort": "हात झार्नुहोस्",
  "hands.calledBadge": "बोल्न निम्तो पाउनुभएको",
  "hands.failed": "यो भएन: {message}",
  "reactions.bar": "प्रतिक्रिया",
  "reactions.applause": "ताली",
  "reactions.heart": "माया",
  "reactions.laugh": "हाँसो",
  "reactions.thumbsUp": "राम्रो",
  "reactions.agree": "ऐक्यबद्धता",
  "reactions.hint": "प्रतिक्रियाहरू गुमनाम हुन्छन्: कसले पठायो कसैले देख्दैन।",
  "reactions.recent": "भर्खरका प्रतिक्रिया:",
};
