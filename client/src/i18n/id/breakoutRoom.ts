import type { Translation } from "../catalogParts.js";
import type { breakoutRoom as english } from "../en/breakoutRoom.js";

/** A participant's side of a round in Indonesian: their room, asking for help, messages, the room picker, the plenary, "about me". */
export const breakoutRoom: Translation<typeof english> = {
  "banner.from": "Pesan dari fasilitator:",
  "banner.dismiss": "Tutup",
  "banner.dismissLabel": "Tutup pesan: {text}",

  "room.kicker": "Ruang kelompok · putaran {number}",
  "room.announceMoved": "Anda sekarang berada di ruang kelompok {name}.",
  "room.announceVisiting": "Anda sedang mengunjungi ruang kelompok {name}.",
  "room.visitingKicker": "Anda sedang berkunjung ke ruang ini · putaran {number}",
  "room.youLead": "Anda ketua ruang ini",
  "room.lead": "ketua",
  "room.timeLeft": "Sisa waktu",
  "room.returningIn": "Kembali ke pleno dalam {time}",
  "room.returningNow": "Kembali ke pleno sekarang…",
  "room.returningSoon": "Putaran segera berakhir. Anda akan kembali ke pleno secara otomatis.",
  "room.peopleHeading": "Di ruang ini ({count})",
  "room.namesHidden":
    "Nama tidak ditampilkan di ruang ini: Anda hanya melihat diri sendiri dan orang yang memilih menampilkan namanya.",
  "room.backToPlenary": "Kembali ke pleno",
  "room.stopVisiting": "Tinggalkan ruang ini",

  "help.heading": "Perlu fasilitator?",
  "help.textLabel": "Apa yang Anda perlukan? (opsional)",
  "help.ask": "Minta bantuan",
  "help.statusOpen": "Bantuan sudah diminta. Seorang fasilitator akan segera datang.",
  "help.statusTaken": "Seorang fasilitator sedang menuju ke sini.",
  "help.statusTakenBy": "Seorang fasilitator sedang menuju ke sini ({name}).",
  "help.statusResolved": "Permintaan terakhir Anda sudah ditangani.",
  "help.take": "Saya datang",
  "help.resolve": "Selesai",
  "help.waiting": "menunggu {time}",

  "picker.heading": "Pilih ruang Anda",
  "picker.intro": "Putaran {number} sudah dibuka: pilih ruang yang ingin Anda masuki.",
  "picker.timeLeft": "Sisa waktu: {time}",
  "picker.seatsFree": "Sisa {free, plural, other {# tempat}}",
  "picker.noLimit": "{count, plural, other {# orang}}, tanpa batas tempat",
  "picker.full": "Penuh",
  "picker.join": "Masuk",
  "picker.joining": "Sedang masuk…",
  "picker.joinLabel": "Masuk ke {name}",
  "picker.roomFull": "Ruang ini sudah penuh. Silakan pilih ruang lain.",

  "plenary.back": "Anda sudah kembali di pleno.",
  "plenary.roundRunning": "Putaran diskusi kelompok {number} sedang berlangsung. Anda berada di pleno.",

  "about.heading": "Tentang saya",
  "about.languageLabel": "Bahasa yang ingin saya pakai (opsional)",
  "about.languageHint": "Membantu fasilitator menyatukan kelompok bahasa di ruang kelompok.",
  "about.save": "Simpan",
  "about.saved": "Tersimpan.",
  "about.invalid": "Tulis paling banyak 40 karakter.",
};
