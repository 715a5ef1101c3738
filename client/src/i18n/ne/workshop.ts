import type { Translation } from "../catalogParts.js";
import type { workshop as english } from "../en/workshop.js";

/** The workshop view in Nepali: its head, the participant list and roles, ending the workshop. */
export const workshop: Translation<typeof english> = {
  "workshop.joinCode": "प्रवेश कोड: {code}",
  "workshop.youAre": "तपाईं {name} ({role})",
  "workshop.loading": "कार्यशाला खुल्दै छ…",
  "workshop.endButton": "कार्यशाला सक्नुहोस्",
  "workshop.endConfirmQuestion": "सबैका लागि कार्यशाला सक्ने हो?",
  "workshop.endConfirm": "हो, कार्यशाला सक्नुहोस्",
  "workshop.cancel": "रद्द गर्नुहोस्",
  "workshop.participantsHeading": "सहभागीहरू",
  "workshop.count": "यहाँ {total} जना, {online} जना अनलाइन",
  "workshop.filterLabel": "नामले खोज्नुहोस्",
  "workshop.filterShown": "{shown} देखाइएको",
  "workshop.noMatch": "यो खोजसँग कोही मिलेन।",
  "workshop.showEveryone": "सबैलाई देखाउनुहोस्",
  "workshop.hideEveryone": "सूची लुकाउनुहोस्",
  "workshop.listLive": "सूची खुला रहँदा यो तुरुन्तै अद्यावधिक हुन्छ।",
  "workshop.you": "तपाईं",
  "workshop.online": "अनलाइन",
  "workshop.offline": "अफलाइन",
  "workshop.roleSelectLabel": "{name} को भूमिका",
  "workshop.removeButton": "हटाउनुहोस्",
  "workshop.removeLabel": "{name} लाई हटाउनुहोस्",
  "workshop.removeConfirmQuestion": "{name} लाई हटाउने हो?",
  "workshop.removeConfirm": "हो, हटाउनुहोस्",
  "workshop.removeCancel": "नहटाउनुहोस्",

  "role.facilitator": "सहजकर्ता",
  "role.note-taker": "टिपोटकर्ता",
  "role.safeguarding-lead": "संरक्षण अधिकारी",
  "role.participant": "सहभागी",
};
