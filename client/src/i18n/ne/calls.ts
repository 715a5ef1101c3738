import type { Translation } from "../catalogParts.js";
import type { calls as english } from "../en/calls.js";

/** Video call links in Nepali: "Join the call", and the facilitators' panel that sets them. */
export const calls: Translation<typeof english> = {
  "call.join": "कलमा सामेल हुनुहोस्",
  "call.newTab": "भिडियो कल नयाँ ट्याबमा खुल्छ।",
  "calls.heading": "भिडियो कल",
  "calls.intro": "मुख्य सत्र र समूह कोठाहरूका भिडियो कलका लिङ्कहरू। हरेक व्यक्तिले आफू रहेको ठाउँको लिङ्क मात्र पाउँछ।",
  "calls.secret": "लिङ्कमा बैठकको पासवर्ड हुन सक्छ: यो त्यो कोठाका मानिस र सहजकर्ताहरूसम्म मात्र पुग्छ, र कहिल्यै प्रतिवेदनमा जाँदैन।",
  "calls.plenaryLabel": "मुख्य सत्रको कल लिङ्क",
  "calls.templateLabel": "समूह कोठाहरूको लिङ्क ढाँचा",
  "calls.templateHint": "हरेक कोठाको लिङ्कको आफ्नै भाग आउने ठाउँमा {room} लेख्नुहोस् ({workshop} ऐच्छिक हो)। उदाहरण: {example}",
  "calls.save": "सुरक्षित गर्नुहोस्",
  "calls.remove": "हटाउनुहोस्",
  "calls.saved": "सुरक्षित भयो।",
  "calls.roomsHeading": "चरण {number} का लिङ्कहरू",
  "calls.roomLabel": "{name} को कल लिङ्क",
  "calls.roomHint": "यो कोठाका लागि लिङ्क टाँस्नुहोस्, वा ढाँचा प्रयोग गर्न खाली छोड्नुहोस्।",
  "calls.fromTemplate": "ढाँचाबाट",
  "calls.pasted": "यो कोठाका लागि टाँसिएको",
  "calls.noLink": "अहिलेसम्म लिङ्क छैन",
  "calls.problem.length": "बढीमा {max} अक्षरको लिङ्क लेख्नुहोस्।",
  "calls.problem.whitespace": "लिङ्कमा खाली ठाउँ वा लुकेका अक्षर हुन सक्दैनन्।",
  "calls.problem.malformed": "यो वेब ठेगाना होइन।",
  "calls.problem.https": "लिङ्क https:// बाट सुरु हुनुपर्छ",
  "calls.problem.credentials": "लिङ्कबाट प्रयोगकर्ता नाम र पासवर्ड (नाम:पासवर्ड@) हटाउनुहोस्।",
  "calls.problem.placeholder": "घुम्रिएको कोष्ठकभित्र {room} र {workshop} मात्र लेख्न सकिन्छ, त्यो पनि ढाँचामा मात्र।",
  "calls.problem.needsRoom": "ढाँचामा {room} चाहिन्छ, ताकि हरेक कोठाले आफ्नै कल पाओस्।",
};
