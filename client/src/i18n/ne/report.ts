import type { Translation } from "../catalogParts.js";
import type { report as english } from "../en/report.js";

/** The outcome report in Nepali: its scope, whether it names people, downloads and the preview. */
export const report: Translation<typeof english> = {
  "report.heading": "निष्कर्ष प्रतिवेदन",
  "report.intro":
    "मुख्य सत्र र हरेक कोठाका टिपोट, निष्कर्ष, पोल र उत्तर दिइएका प्रश्नहरूबाट बनेको एउटै कागजात। “प्रतिवेदनमा नराख्ने” चिन्ह लगाइएका खण्ड र स्वीकृत नभएका वा अस्वीकार गरिएका प्रश्न यसमा राखिँदैनन्।",
  "report.open": "प्रतिवेदन तयार गर्नुहोस्",
  "report.hide": "प्रतिवेदनका साधन लुकाउनुहोस्",
  "report.scopeLabel": "प्रतिवेदनमा के समेटिन्छ",
  "report.scopeWorkshop": "पूरै कार्यशाला",
  "report.scopeRound": "चरण {number}: सबै कोठा",
  "report.scopeRoom": "चरण {number}: {room}",
  "report.scopeRoundGroup": "चरण {number}",
  "report.scopesLoading": "चरण र कोठाहरू खुल्दै छन्…",
  "report.scopesFailed": "चरण र कोठाको सूची खुल्न सकेन: {message}",
  "report.scopesRefresh": "सूची ताजा गर्नुहोस्",
  "report.attributionLegend": "प्रतिवेदनमा नाम",
  "report.attributionNone": "नाम नखुलाउने: कसैको नाम आउँदैन (च्याथम हाउस नियम)",
  "report.attributionNamed": "सहमति दिएकाहरूको नाम राख्ने: नामसहित प्रश्न सोध्ने र टिपोटकर्ता",
  "report.attributionOffHint": "प्रतिवेदनमा कसैको नाम आउँदैन: सहजकर्ताले यो कार्यशालामा नाम राख्ने अनुमति दिनुभएको छैन।",
  "report.chatLegend": "यिनको च्याट समावेश गर्नुहोस्…",
  "report.chatHint":
    "तपाईंले यहाँ चिन्ह नलगाएसम्म कुनै च्याट प्रतिवेदनमा हुँदैन। समावेश गरिएको च्याटले प्रत्येक सन्देश त्यसको समयसहित, कसैको नाम बिना देखाउँछ, र प्रतिवेदनले एक सहजकर्ताले यसलाई समावेश गर्ने छनोट गरेको बताउँछ। लुकाइएका सन्देशहरू लुकेकै रहन्छन्।",
  "report.chatPlenary": "मुख्य सत्र",
  "report.downloadHeading": "डाउनलोड",
  "report.downloadHint": "HTML मा चार्टहरू हुन्छन् र PDF मा सफा प्रिन्ट हुन्छ; CSV मा स्प्रेडसिटका लागि पोल र प्रश्नहरू हुन्छन्।",
  "report.formatMd": "Markdown पाठ",
  "report.formatHtml": "HTML वेब पेज",
  "report.formatJson": "JSON डेटा",
  "report.formatCsv": "CSV तालिका",
  "report.downloadLabel": "प्रतिवेदन {format} ढाँचामा डाउनलोड गर्नुहोस्",
  "report.downloading": "{format} फाइल तयार हुँदै…",
  "report.downloaded": "{format} फाइल डाउनलोड हुँदै छ।",
  "report.preview": "पूर्वावलोकन",
  "report.previewRefresh": "पूर्वावलोकन ताजा गर्नुहोस्",
  "report.previewClose": "पूर्वावलोकन बन्द गर्नुहोस्",
  "report.previewLoading": "पूर्वावलोकन खुल्दै छ…",
  "report.previewReady": "पूर्वावलोकन तल देखाइएको छ।",
  "report.previewTitle": "निष्कर्ष प्रतिवेदनको पूर्वावलोकन",
  "report.namesFound":
    "प्रकाशित गर्नुअघि जाँच्नुहोस्: यो प्रतिवेदनमा यस कार्यशालाका मानिसहरूको नाम उल्लेख छ ({names})। टिपोटमा ती अंश सच्याउनुहोस्, वा [not for export] चिन्ह भएको शीर्षकमुनि राख्नुहोस्।",
  "report.namesNone": "यो प्रतिवेदनमा कुनै सहभागीको नाम छैन।",
  "report.previewHint": "HTML फाइलमा देखिने कुरा। PDF चाहिए HTML डाउनलोड गरेर ब्राउजरबाट प्रिन्ट गर्नुहोस्।",
  "report.errorFORBIDDEN": "सहजकर्ता र टिपोटकर्ताले मात्र प्रतिवेदन लिन सक्नुहुन्छ।",
  "report.errorINVALID_STATE": "यो कार्यशालामा (अब) नामसहितको प्रतिवेदन बनाउन मिल्दैन। “नाम नखुलाउने” छानेर फेरि प्रयास गर्नुहोस्।",
  "report.errorNOT_FOUND": "यो चरण वा कोठा अब कार्यशालामा छैन। सूची ताजा गरेर फेरि छान्नुहोस्।",
  "report.errorUNAUTHORIZED": "तपाईंको सत्र अब मान्य छैन: प्रतिवेदन लिन पेज फेरि लोड गर्नुहोस् वा फेरि सामेल हुनुहोस्।",
  "report.attributionSwitch": "प्रतिवेदनमा मानिसहरूको नाम आउन सक्छ",
  "report.attributionSwitchHint":
    "बन्द (सुरुको सेटिङ): कुनै पनि प्रतिवेदनमा कतै नाम आउँदैन। खुला: अबदेखि नामसहित सोधिएका प्रश्न र टिपोटकर्ताको नाम राख्न सकिन्छ; सोध्नुअघि सबैले यो देख्छन्। बेनामी प्रश्नमा कहिल्यै नाम आउँदैन।",
  "report.attributionFailed": "सेटिङ बदलिएन: {message}",
};
