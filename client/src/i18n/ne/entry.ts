import type { Translation } from "../catalogParts.js";
import type { entry as english } from "../en/entry.js";

/** Getting in, in Nepali: creating a workshop, entering it as facilitator, joining it. */
export const entry: Translation<typeof english> = {
  "create.heading": "कार्यशाला बनाउनुहोस्",
  "create.intro": "कार्यशाला सुरु गर्नुहोस्, अनि प्रवेश कोड वा लिङ्क सहभागीहरूलाई पठाउनुहोस्।",
  "create.titleLabel": "कार्यशालाको नाम",
  "create.submit": "कार्यशाला बनाउनुहोस्",
  "create.submitting": "बनाउँदै…",
  "create.joinInstead": "कार्यशालामा सामेल हुनुहोस्",
  "create.createdHeading": "तपाईंको कार्यशाला तयार छ",
  "create.joinCodeLabel": "प्रवेश कोड",
  "create.joinLinkLabel": "प्रवेश लिङ्क",
  "create.qrAlt": "प्रवेश लिङ्क {link} को QR कोड",
  "create.copyLink": "लिङ्क कपी गर्नुहोस्",
  "create.keyHeading": "सहजकर्ता साँचो",
  "create.keyWarning":
    "यो साँचो एक पटक मात्र देखाइन्छ। यसलाई कपी गरेर सुरक्षित ठाउँमा राख्नुहोस्: यो भएको जो कोही पनि सहजकर्ताको रूपमा भित्र पस्न सक्छ।",
  "create.keyLabel": "सहजकर्ता साँचो (एक पटक मात्र देखाइन्छ)",
  "create.copyKey": "साँचो कपी गर्नुहोस्",
  "create.copied": "कपी भयो",
  "create.copyFailed": "कपी हुन सकेन। पाठ छानेर आफैँ कपी गर्नुहोस्।",
  "create.enterHeading": "सहजकर्ताको रूपमा प्रवेश",
  "create.facilitatorNameLabel": "देखिने नाम",
  "create.enterSubmit": "सहजकर्ताको रूपमा प्रवेश गर्नुहोस्",
  "create.retention":
    "कार्यशाला सकिएको {days, plural, one {# दिन} other {# दिन}} पछि यसमा भएका सबै कुरा सधैँका लागि मेटाइन्छन्।",
  "create.rateLimited": "हालै तपाईंको नेटवर्कबाट धेरै कार्यशाला बनाइएका छन्। केही बेर (बढीमा एक घण्टा) पर्खेर फेरि प्रयास गर्नुहोस्।",

  "join.heading": "कार्यशालामा सामेल हुनुहोस्",
  "join.codeLabel": "प्रवेश कोड",
  "join.codeHint": "छ वटा अक्षर र अङ्क, जस्तै ABC-DEF।",
  "join.nameLabel": "देखिने नाम",
  "join.nameHint": "उपनाम राख्दा पनि हुन्छ। कार्यशालाका अरूले यही नाम देख्नेछन्।",
  "join.submit": "सामेल हुनुहोस्",
  "join.connecting": "जोडिँदै…",
  "join.stillTrying": "सर्भरसम्म पुग्न सकिएको छैन। प्रयास जारी छ…",
  "join.createInstead": "कार्यशाला बनाउनुहोस्",
  "join.rateLimited":
    "भर्खरै तपाईंको नेटवर्कबाट सामेल हुने धेरै प्रयास भए (गलत प्रवेश कोड, वा एकै पटक धेरै जना सामेल हुँदा)। केही मिनेट पर्खनुहोस्, कोड जाँच्नुहोस्, अनि फेरि प्रयास गर्नुहोस्।",
};
