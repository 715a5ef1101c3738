import type { Translation } from "../catalogParts.js";
import type { errors as english } from "../en/errors.js";

/** What went wrong, in Nepali words: input that does not pass the checks, and every error code. */
export const errors: Translation<typeof english> = {
  "validation.title": "कृपया कार्यशालाको नाम बढीमा {max} अक्षरमा लेख्नुहोस्, नियन्त्रण अक्षरबिना।",
  "validation.displayName": "कृपया देखिने नाम बढीमा {max} अक्षरमा लेख्नुहोस्, नियन्त्रण अक्षरबिना।",
  "validation.joinCode": "प्रवेश कोडमा छ वटा अक्षर र अङ्क हुन्छन्, जस्तै ABC-DEF।",

  "error.BAD_REQUEST": "अनुरोध मान्य थिएन।",
  "error.UNKNOWN_EVENT": "सर्भरले यो अनुरोध बुझेन।",
  "error.UNAUTHORIZED": "तपाईंको सत्र अब मान्य छैन। कृपया फेरि सामेल हुनुहोस्।",
  "error.INVALID_JOIN_CODE": "यो प्रवेश कोड भएको कुनै खुला कार्यशाला छैन। कोड जाँचेर फेरि प्रयास गर्नुहोस्।",
  "error.INVALID_DISPLAY_NAME": "यो नाम प्रयोग गर्न मिल्दैन। कृपया अर्को नाम छान्नुहोस्।",
  "error.SESSION_REVOKED": "अब तपाईं यो कार्यशालामा भाग लिन सक्नुहुन्न।",
  "error.PROTOCOL_MISMATCH": "यो पेज पुरानो भयो। कृपया फेरि लोड गर्नुहोस्।",
  "error.FORBIDDEN": "तपाईंलाई यो गर्ने अनुमति छैन।",
  "error.NOT_FOUND": "यो अब छैन।",
  "error.CONFLICT": "यसबीचमा यो बदलियो। कृपया फेरि प्रयास गर्नुहोस्।",
  "error.WORKSHOP_ENDED": "यो कार्यशाला सकियो।",
  "error.INVALID_STATE": "यो अहिले गर्न मिल्दैन (चरण बदलिएको हुन सक्छ)। कृपया फेरि हेर्नुहोस्।",
  "error.ROOM_FULL": "यो कोठा भरिएको छ।",
  "error.POLL_CLOSED": "यो पोल बन्द भइसक्यो: तपाईंको मत गनिएन।",
  "error.ALREADY_VOTED": "तपाईंले पहिले नै मत दिनुभएको छ (वा मत फिर्ता लिनुभएको छ), र यो पोलमा फेरि मत दिन वा मत बदल्न मिल्दैन।",
  "error.RATE_LIMITED": "एकै पटक धेरै अनुरोध भए। एकछिन पर्खेर फेरि प्रयास गर्नुहोस्।",
  "error.TOO_MANY_CONNECTIONS":
    "तपाईंले यो कार्यशाला धेरै ट्याब वा डिभाइसमा एकै पटक खोल्नुभएको छ। एउटा बन्द गरेर फेरि प्रयास गर्नुहोस्।",
  "error.PAYLOAD_TOO_LARGE": "यो धेरै लामो भयो।",
  "error.UNAVAILABLE": "सर्भर व्यस्त छ वा फेरि सुरु हुँदै छ। एकछिनपछि फेरि प्रयास गर्नुहोस्।",
  "error.INTERNAL": "सर्भरमा केही गडबड भयो। कृपया फेरि प्रयास गर्नुहोस्।",
  "error.network": "सर्भरसम्म पुग्न सकिएन। आफ्नो जडान जाँचेर फेरि प्रयास गर्नुहोस्।",
  "error.timeout": "सर्भरले समयमै जवाफ दिएन। कृपया फेरि प्रयास गर्नुहोस्।",
  "error.dismiss": "हटाउनुहोस्",
};
