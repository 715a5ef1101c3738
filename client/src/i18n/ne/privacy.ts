import type { Translation } from "../catalogParts.js";
import type { privacy as english } from "../en/privacy.js";

/** Privacy and data in Nepali: the anonymity default, deleting the workshop for good, content notes. */
export const privacy: Translation<typeof english> = {
  "privacy.heading": "गोपनीयता र डेटा",
  "privacy.anonymitySwitch": "नयाँ प्रश्न र पोल बेनामी रूपमा सुरु हुन्छन्",
  "privacy.anonymitySwitchHint":
    "खुला (सुरुको सेटिङ): प्रश्न लेख्ने ठाउँ र नयाँ पोल बेनामी रूपमा सुरु हुन्छन्। बन्द: नामसहित सुरु हुन्छन्। जे भए पनि मानिसहरूले आफैँ छान्न सक्छन्, र आफू कुन अवस्थामा छौँ भनेर सधैँ देख्छन्।",
  "privacy.settingFailed": "सेटिङ बदलिएन: {message}",
  "privacy.dangerHeading": "जोखिम क्षेत्र",
  "privacy.deleteHint":
    "मेटाउँदा यो कार्यशालाका सबै कुरा एकै पटक सधैँका लागि हट्छन्: मानिस, टिपोट, पोल, प्रश्न र निष्कर्ष प्रतिवेदन। सबैको जडान टुट्छ।",
  "privacy.deleteHintEnded":
    "बरु तपाईं अहिल्यै यो कार्यशालाका सबै कुरा सधैँका लागि मेटाउन सक्नुहुन्छ: मानिस, टिपोट, पोल, प्रश्न र निष्कर्ष प्रतिवेदन।",
  "privacy.deleteButton": "कार्यशाला मेटाउनुहोस्…",
  "privacy.deleteHeading": "“{title}” सधैँका लागि मेटाउने हो?",
  "privacy.deleteConsequence":
    "यो कार्यशालाका सबै कुरा अहिल्यै, सबैका लागि मेटाइन्छन् र फेरि फर्काउन सकिँदैन: मानिसहरूको सूची, सबै टिपोट, पोल र तिनका नतिजा, सबै प्रश्न, र निष्कर्ष प्रतिवेदन। अझै जोडिएका सबैको जडान टुट्छ। प्रतिवेदन चाहिन्छ भने पहिले डाउनलोड गर्नुहोस्।",
  "privacy.deleteTypeLabel": "पक्का गर्न, प्रवेश कोड {code} वा कार्यशालाको नाम टाइप गर्नुहोस्",
  "privacy.deleteTypeHint": "तपाईंले टाइप गरेको मिलेपछि मेटाउने बटन खुल्छ।",
  "privacy.deleteConfirm": "यो कार्यशाला सधैँका लागि मेटाउनुहोस्",
  "privacy.deleting": "मेटाउँदै…",
  "privacy.deleteFailed": "कार्यशाला मेटाइएन: {message}",
  "privacy.deleteUnauthorized":
    "यो ट्याबबाट अब कार्यशाला मेटाउन सकिँदैन: यो पहिले नै मेटाइसकिएको हुन सक्छ, वा तपाईंको पहुँच सकिएको छ।",
  "privacy.deleteAt": "यो कार्यशालाका सबै कुरा {date} मा सधैँका लागि मेटाइनेछन्।",
  "contentNote.label": "सामग्री सूचना:",
  "contentNote.hint": "तपाईं यो छाड्न सक्नुहुन्छ। जे गरे पनि कसैलाई थाहा दिइँदैन।",
  "contentNote.show": "देखाउनुहोस्",
  "contentNote.skip": "छाड्नुहोस्",
  "contentNote.skipped": "तपाईंले यो छाड्नुभयो। कसैलाई थाहा दिइएन।",
};
