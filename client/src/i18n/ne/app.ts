import type { Translation } from "../catalogParts.js";
import type { app as english } from "../en/app.js";

/** The frame of every page in Nepali: the app's name, the quick exit, the connection status, the end screens. */
export const app: Translation<typeof english> = {
  "app.name": "कार्यशाला",
  "app.skipToContent": "मुख्य सामग्रीमा जानुहोस्",
  "app.notFound.title": "पेज भेटिएन",
  "app.notFound.body": "यो ठेगानामा केही छैन।",
  "app.home": "सुरु पेज",
  "app.language": "भाषा",

  "leave.button": "तुरुन्त निस्कनुहोस्",
  "leave.hint": "छिटो निस्कन: Esc दुई पटक थिच्नुहोस्",
  "leave.label": "तुरुन्त निस्कनुहोस्: कार्यशाला तुरुन्तै छोडेर साधारण पेजमा जानुहोस्",

  "connection.label": "जडान",
  "connection.connecting": "जोडिँदै…",
  "connection.connected": "जोडियो",
  "connection.reconnecting": "फेरि जोडिँदै…",
  "connection.offline": "अफलाइन",
  "offline.banner": "तपाईं अफलाइन हुनुहुन्छ। अहिले गरेका कुरा इन्टरनेट फर्केपछि पठाइनेछन्।",
  "offline.bannerSince":
    "तपाईं अफलाइन हुनुहुन्छ। यो {time} मा कार्यशाला जस्तो थियो त्यस्तै देखिएको छ। अहिले गरेका कुरा इन्टरनेट फर्केपछि पठाइनेछन्।",
  "offline.waiting": "पठाउन बाँकी: {count}",

  "app.workshopLoading": "कार्यशाला खुल्दै छ…",
  "app.workshopLoadFailed": "कार्यशालाका पेजहरू खुल्न सकेनन्। आफ्नो जडान जाँच्नुहोस्।",
  "app.workshopLoadRetry": "फेरि प्रयास गर्नुहोस्",

  "revoked.removedHeading": "तपाईंलाई यो कार्यशालाबाट हटाइयो",
  "revoked.removedBody": "एक जना सहजकर्ताले तपाईंलाई हटाउनुभयो। अब तपाईं यो कार्यशालामा भाग लिन सक्नुहुन्न।",
  "revoked.endedHeading": "यो कार्यशाला सकियो",
  "revoked.endedBody": "भाग लिनुभएकोमा धन्यवाद।",
  "revoked.deletedHeading": "यो कार्यशाला मेटाइएको छ",
  "revoked.deletedBody": "यसमा भएका सबै कुरा सधैँका लागि मेटाइएका छन्।",
  "revoked.lostHeading": "यो कार्यशाला जोगाउन सकिएन",
  "revoked.lostBody":
    "सर्भरले यो कार्यशालाको डेटा गुमायो, त्यसैले यो अघि बढ्न सक्दैन। यो तपाईंको कारणले भएको होइन: यसमा भएका सबैले यही सन्देश देख्छन्, र आयोजकहरूले नयाँ कार्यशाला सुरु गरेर नयाँ लिङ्क पठाउन सक्नुहुन्छ।",
  "revoked.endedReport":
    "तपाईं अझै यही ट्याबबाट “{title}” को निष्कर्ष प्रतिवेदन लिन सक्नुहुन्छ। बन्द गर्नुअघि चाहिएको कुरा डाउनलोड गर्नुहोस्: यो पेज छोडेपछि पहुँच सकिन्छ।",

  "exit.heading": "तपाईं निस्कनुभयो।",
  "exit.home": "सुरु पेजमा जानुहोस्",
};
