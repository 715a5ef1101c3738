/**
 * Words too common to say anything in a word cloud, for the forum's UI languages. Small on
 * purpose: function words (articles, pronouns, conjunctions, prepositions, auxiliaries,
 * particles), not topic words. Lists are lower case and NFC; tally.ts folds answers the same way.
 *
 * Entries must be whole tokens as Intl.Segmenter (ICU) cuts them: ICU splits Thai nominalising
 * prefixes off their word (การศึกษา -> การ + ศึกษา, ความรู้ -> ความ + รู้), so การ and ความ are
 * listed; Khmer and Bengali/Nepali postpositions written attached to a noun stay part of it.
 */

export const STOP_WORD_LOCALES = ["en", "id", "th", "vi", "ne", "bn", "ur", "km"] as const;
export type StopWordLocale = (typeof STOP_WORD_LOCALES)[number];

/** Whitespace-separated: compact, and the formatter leaves it alone. */
const LISTS: Record<StopWordLocale, string> = {
  en: `
    a about above after again against all also am an and any are as at be because been before being
    below between both but by can can't could did do does doing don't down during each few for from
    further had has have having he her here hers herself him himself his how i i'm if in into is isn't
    it it's its itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own same she should so some such than that that's the their theirs them
    themselves then there these they this those through to too under until up very was we were what when
    where which while who whom why will with won't would you your yours yourself yourselves
  `,
  /** Bahasa Indonesia. */
  id: `
    ada adalah agar akan aku anda antara apa atau bagi bahwa banyak begitu belum bisa boleh bukan dalam
    dan dapat dari dengan di dia hanya harus hingga ini itu jadi jika juga kami kamu karena ke kepada
    ketika kita lagi lebih maka masih mereka namun oleh pada para pun saat saja sangat saya sebagai
    sebuah sedang sehingga sekali semua seperti serta setelah sudah supaya tanpa tapi telah tentang
    tersebut tetapi tidak untuk yaitu yakni yang
  `,
  /** Thai. */
  th: `
    และ หรือ แต่ ที่ ซึ่ง ของ ใน การ ความ เป็น คือ มี ได้ ให้ ไม่ จะ ก็ ว่า กับ นี้ นั้น ไป มา อยู่ แล้ว
    โดย จาก เพื่อ ถ้า เมื่อ อย่าง ด้วย ยัง กัน ต้อง ถึง ฉัน ผม เรา เขา คุณ มาก ค่ะ ครับ นะ
  `,
  /**
   * Vietnamese: single syllables, as the segmenter cuts the language. Left out on purpose: "ai"
   * ("who", and the English AI), kinship pronouns (anh, chị, em: "trẻ em" is children) and người.
   */
  vi: `
    và của là có không được những các cho với một này đó thì mà để trong khi đã đang sẽ cũng rất như
    hay hoặc nhưng vì nên nếu tại từ về ra vào lên theo bị bởi tôi bạn chúng ta họ mình nó gì nào đâu
    sao thế vậy nhiều ít rồi còn lại đều chỉ vẫn ở đến trên sau trước hơn nhất ạ à nhé nhỉ ơi thôi chứ cái
  `,
  /** Nepali. */
  ne: `
    र वा तर अनि पनि नै छ छन् हो होइन थियो हुन्छ को का की मा ले लाई बाट सँग लागि भन्दा यो त्यो यी ती म
    हामी तपाईं उनी उनको के कि भने गर्न गरेको
  `,
  /** Bengali. */
  bn: `
    এবং ও আর কিন্তু বা যদি তবে আমি আমরা তুমি আপনি সে তারা এই সেই এটা যে কি কী না নয় হয় ছিল আছে করে করা
    থেকে জন্য দিয়ে সাথে মধ্যে এর তার তো খুব সব
  `,
  /** Urdu. */
  ur: `
    میں میرا میری میرے مجھے ہم ہمارا ہماری ہمارے ہمیں آپ کا کی کے کو نے سے پر تک تو بھی ہی اور یا لیکن مگر
    کہ اگر جب تب یہ وہ یہاں وہاں کیا کیوں کیسے کون کہاں کتنا ہے ہیں تھا تھی تھے ہو ہوا ہوئی ہوتا ہوتی ہوتے
    گا گی گے رہا رہی رہے کر کرنا کرتے لیے ساتھ بعد پہلے بہت سب کچھ کوئی ایک اب نہیں نہ
  `,
  /** Khmer. */
  km: `
    និង ឬ ប៉ុន្តែ ជា គឺ នៅ ក្នុង នៃ របស់ ដែល នេះ នោះ ខ្ញុំ យើង គាត់ គេ អ្នក បាន មាន ដើម្បី ពី ទៅ មក ហើយ
    ទេ មិន ក៏ ដោយ សម្រាប់ ថា ណាស់
  `,
};

/** The stop words of the given languages, NFC, as one set. */
export function stopWordsFor(locales: readonly StopWordLocale[] = STOP_WORD_LOCALES): ReadonlySet<string> {
  const words = new Set<string>();
  for (const locale of locales) {
    for (const word of LISTS[locale].trim().split(/\s+/)) words.add(word.normalize("NFC"));
  }
  return words;
}
