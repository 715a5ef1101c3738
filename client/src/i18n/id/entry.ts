import type { Translation } from "../catalogParts.js";
import type { entry as english } from "../en/entry.js";

/** Getting in, in Indonesian: creating a workshop, entering it as facilitator, joining it. */
export const entry: Translation<typeof english> = {
  "create.heading": "Buat lokakarya",
  "create.intro": "Mulai lokakarya, lalu bagikan kode masuk atau tautannya kepada peserta.",
  "create.titleLabel": "Judul lokakarya",
  "create.submit": "Buat lokakarya",
  "create.submitting": "Membuat…",
  "create.joinInstead": "Bergabung ke lokakarya",
  "create.createdHeading": "Lokakarya Anda sudah siap",
  "create.joinCodeLabel": "Kode masuk",
  "create.joinLinkLabel": "Tautan masuk",
  "create.qrAlt": "Kode QR dari tautan masuk {link}",
  "create.copyLink": "Salin tautan",
  "create.keyHeading": "Kunci fasilitator",
  "create.keyWarning":
    "Kunci ini hanya ditampilkan sekali. Salin dan simpan di tempat yang aman: siapa pun yang memilikinya dapat masuk sebagai fasilitator.",
  "create.keyLabel": "Kunci fasilitator (hanya ditampilkan sekali)",
  "create.copyKey": "Salin kunci",
  "create.copied": "Tersalin",
  "create.copyFailed": "Tidak dapat menyalin. Pilih teksnya, lalu salin secara manual.",
  "create.enterHeading": "Masuk sebagai fasilitator",
  "create.facilitatorNameLabel": "Nama tampilan Anda",
  "create.enterSubmit": "Masuk sebagai fasilitator",
  "create.retention":
    "Semua isi lokakarya ini dihapus secara permanen {days, plural, other {# hari}} setelah lokakarya selesai.",
  "create.rateLimited":
    "Terlalu banyak lokakarya dibuat dari jaringan Anda baru-baru ini. Harap tunggu sebentar (paling lama satu jam), lalu coba lagi.",

  "join.heading": "Bergabung ke lokakarya",
  "join.codeLabel": "Kode masuk",
  "join.codeHint": "Enam huruf dan angka, misalnya ABC-DEF.",
  "join.nameLabel": "Nama tampilan",
  "join.nameHint": "Nama samaran boleh. Orang lain di lokakarya akan melihat nama ini.",
  "join.submit": "Gabung",
  "join.connecting": "Menghubungkan…",
  "join.stillTrying": "Server belum dapat dijangkau. Masih mencoba…",
  "join.createInstead": "Buat lokakarya",
  "join.rateLimited":
    "Terlalu banyak percobaan bergabung dari jaringan Anda barusan (kode masuk yang salah, atau banyak orang bergabung sekaligus). Tunggu beberapa menit, periksa kodenya, lalu coba lagi.",
};
