import type { Translation } from "../catalogParts.js";
import type { hands as english } from "../en/hands.js";

/** Hands and reactions in the plenary in Indonesian: a person's hand, the facilitators' speaker queue, the reaction bar. */
export const hands: Translation<typeof english> = {
  "hands.heading": "Angkat tangan",
  "hands.raise": "Angkat tangan saya",
  "hands.lower": "Turunkan tangan saya",
  "hands.position": "Tangan Anda terangkat. Anda nomor {position} dari {count} dalam antrean.",
  "hands.called": "Anda dipersilakan bicara. Nyalakan mikrofon Anda di panggilan video jika sudah siap.",
  "hands.count": "{count, plural, =0 {Belum ada yang mengangkat tangan.} other {# tangan terangkat.}}",
  "hands.privacy": "Hanya fasilitator yang melihat siapa yang mengangkat tangan.",
  "hands.callNext": "Persilakan orang berikutnya bicara",
  "hands.call": "Persilakan bicara",
  "hands.lowerShort": "Turunkan tangan",
  "hands.calledBadge": "dipersilakan bicara",
  "hands.failed": "Tidak berhasil: {message}",
  "reactions.bar": "Reaksi",
  "reactions.applause": "Tepuk tangan",
  "reactions.heart": "Suka",
  "reactions.laugh": "Tertawa",
  "reactions.thumbsUp": "Jempol",
  "reactions.agree": "Solidaritas",
  "reactions.hint": "Reaksi bersifat anonim: tidak ada yang melihat siapa pengirimnya.",
  "reactions.recent": "Reaksi barusan:",
};
