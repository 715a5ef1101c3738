import type { Translation } from "../catalogParts.js";
import type { calls as english } from "../en/calls.js";

/** Video call links in Indonesian: "Join the call", and the facilitators' panel that sets them. */
export const calls: Translation<typeof english> = {
  "call.join": "Gabung ke panggilan",
  "call.newTab": "Panggilan video terbuka di tab baru.",
  "calls.heading": "Panggilan video",
  "calls.intro":
    "Tautan ke panggilan video pleno dan ruang kelompok. Setiap orang hanya menerima tautan tempat ia berada.",
  "calls.secret":
    "Tautan bisa memuat kata sandi rapat: tautan hanya sampai ke orang di ruangnya dan fasilitator, dan tidak pernah masuk laporan.",
  "calls.plenaryLabel": "Tautan panggilan pleno",
  "calls.templateLabel": "Templat tautan untuk ruang kelompok",
  "calls.templateHint":
    "Tulis {room} di bagian tautan yang berbeda untuk tiap ruang ({workshop} boleh dipakai). Contoh: {example}",
  "calls.save": "Simpan",
  "calls.remove": "Hapus",
  "calls.saved": "Tersimpan.",
  "calls.roomsHeading": "Tautan putaran {number}",
  "calls.roomLabel": "Tautan panggilan untuk {name}",
  "calls.roomHint": "Tempel tautan untuk ruang ini, atau biarkan kosong untuk memakai templat.",
  "calls.fromTemplate": "Dari templat",
  "calls.pasted": "Ditempel untuk ruang ini",
  "calls.noLink": "Belum ada tautan",
  "calls.problem.length": "Masukkan tautan paling banyak {max} karakter.",
  "calls.problem.whitespace": "Tautan tidak boleh berisi spasi atau karakter tersembunyi.",
  "calls.problem.malformed": "Ini bukan alamat web.",
  "calls.problem.https": "Tautan harus diawali https://",
  "calls.problem.credentials": "Hapus nama pengguna dan kata sandi (nama:sandi@) dari tautan.",
  "calls.problem.placeholder":
    "Hanya {room} dan {workshop} yang boleh ditulis di dalam kurung kurawal, dan hanya di templat.",
  "calls.problem.needsRoom": "Templat memerlukan {room}, agar setiap ruang mendapat panggilannya sendiri.",
};
