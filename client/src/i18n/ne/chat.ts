import type { Translation } from "../catalogParts.js";
import type { chat as english } from "../en/chat.js";

/** Chat in Nepali: messages, sending, hiding by facilitators. */
export const chat: Translation<typeof english> = {
  "chat.heading": "च्याट",
  "chat.introPlenary": "कलमा बोल्न सक्नुहुन्न भने मुख्य सत्रका सबैलाई यहाँ लेख्नुहोस्।",
  "chat.introRoom": "कलमा बोल्न सक्नुहुन्न भने यो कोठाका सबैलाई यहाँ लेख्नुहोस्।",
  "chat.messagesLabel": "च्याट सन्देशहरू",
  "chat.empty": "अहिलेसम्म कुनै सन्देश छैन।",
  "chat.older": "पुराना सन्देशहरू",
  "chat.inputLabel": "सन्देश लेख्नुहोस्",
  "chat.send": "पठाउनुहोस्",
  "chat.sending": "पठाउँदै…",
  "chat.failed": "पठाइएन",
  "chat.retry": "फेरि प्रयास गर्नुहोस्",
  "chat.discard": "हटाउनुहोस्",
  "chat.you": "तपाईं",
  "chat.neutralAuthor": "एक सहभागी",
  "chat.hiddenBy": "सहजकर्ताले लुकाउनुभयो:",
  "chat.hide": "लुकाउनुहोस्",
  "chat.hideLabel": "सन्देश लुकाउनुहोस्: {text}",
  "chat.hideReason": "किन? यो च्याटका सबैले कारण देख्छन्।",
  "chat.hideConfirm": "सबैबाट लुकाउनुहोस्",
  "chat.cancel": "रद्द गर्नुहोस्",
  "chat.rateLimited": "तपाईं धेरै छिटो सन्देश पठाउँदै हुनुहुन्छ। केही सेकेन्ड पर्खनुहोस्।",
  "chat.count": "{max} मध्ये {length} अक्षर",
  "chat.announceNew": "{count, plural, one {# नयाँ च्याट सन्देश} other {# नयाँ च्याट सन्देशहरू}}",
};
