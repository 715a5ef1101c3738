import type { Translation } from "../catalogParts.js";
import type { breakoutRoom as english } from "../en/breakoutRoom.js";

/** A participant's side of a round in Nepali: their room, asking for help, messages, the room picker, the plenary note, "about me". */
export const breakoutRoom: Translation<typeof english> = {
  "banner.from": "सहजकर्ताहरूको सन्देश:",
  "banner.dismiss": "हटाउनुहोस्",
  "banner.dismissLabel": "सन्देश हटाउनुहोस्: {text}",

  "room.kicker": "समूह कोठा · चरण {number}",
  "room.announceMoved": "तपाईं अब समूह कोठा {name} मा हुनुहुन्छ।",
  "room.announceVisiting": "तपाईं समूह कोठा {name} को भ्रमणमा हुनुहुन्छ।",
  "room.visitingKicker": "तपाईं यो कोठाको भ्रमणमा हुनुहुन्छ · चरण {number}",
  "room.youLead": "तपाईं यो कोठाको प्रमुख हुनुहुन्छ",
  "room.lead": "प्रमुख",
  "room.timeLeft": "बाँकी समय",
  "room.returningIn": "{time} पछि मुख्य सत्रमा फर्किँदै",
  "room.returningNow": "अहिले मुख्य सत्रमा फर्किँदै…",
  "room.returningSoon": "यो चरण छिट्टै सकिन्छ। तपाईं आफैँ मुख्य सत्रमा फर्कनुहुनेछ।",
  "room.peopleHeading": "यो कोठामा ({count})",
  "room.namesHidden": "यो कोठामा नाम देखाइँदैन: तपाईंले आफूलाई र नाम देखाउन रोज्नेहरूलाई मात्र देख्नुहुन्छ।",
  "room.backToPlenary": "मुख्य सत्रमा फर्कनुहोस्",
  "room.stopVisiting": "यो कोठा छोड्नुहोस्",

  "help.heading": "सहजकर्ता चाहिन्छ?",
  "help.textLabel": "तपाईंलाई के चाहिन्छ? (ऐच्छिक)",
  "help.ask": "मद्दत माग्नुहोस्",
  "help.statusOpen": "मद्दत मागियो। सहजकर्ता छिट्टै आउनुहुनेछ।",
  "help.statusTaken": "सहजकर्ता आउँदै हुनुहुन्छ।",
  "help.statusTakenBy": "सहजकर्ता आउँदै हुनुहुन्छ ({name})।",
  "help.statusResolved": "तपाईंको पछिल्लो अनुरोध पूरा भयो।",
  "help.take": "म आउँदै छु",
  "help.resolve": "पूरा भयो",
  "help.waiting": "{time} देखि पर्खँदै",

  "picker.heading": "आफ्नो कोठा छान्नुहोस्",
  "picker.intro": "चरण {number} खुला छ: जुन कोठामा जान चाहनुहुन्छ, त्यो छान्नुहोस्।",
  "picker.timeLeft": "बाँकी समय: {time}",
  "picker.seatsFree": "{free, plural, one {# सिट} other {# सिट}} खाली",
  "picker.noLimit": "{count, plural, one {# जना} other {# जना}}, सिटको सीमा छैन",
  "picker.full": "भरियो",
  "picker.join": "जानुहोस्",
  "picker.joining": "जाँदै…",
  "picker.joinLabel": "{name} मा जानुहोस्",
  "picker.roomFull": "यो कोठा भरिएको छ। कृपया अर्को कोठा छान्नुहोस्।",

  "plenary.back": "तपाईं मुख्य सत्रमा फर्कनुभयो।",
  "plenary.roundRunning": "समूह चरण {number} चलिरहेको छ। तपाईं मुख्य सत्रमा हुनुहुन्छ।",

  "about.heading": "मेरो बारेमा",
  "about.languageLabel": "म बोल्न चाहने भाषा (ऐच्छिक)",
  "about.languageHint": "यसले सहजकर्ताहरूलाई समूह कोठामा एउटै भाषा बोल्नेहरूलाई सँगै राख्न मद्दत गर्छ।",
  "about.save": "सेभ गर्नुहोस्",
  "about.saved": "सेभ भयो।",
  "about.invalid": "कृपया बढीमा ४० अक्षर लेख्नुहोस्।",
};
