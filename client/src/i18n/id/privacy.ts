import type { Translation } from "../catalogParts.js";
import type { privacy as english } from "../en/privacy.js";

/** Privacy and data in Indonesian: the anonymity default, deleting the workshop for good, content notes. */
export const privacy: Translation<typeof english> = {
  "privacy.heading": "Privasi dan data",
  "privacy.anonymitySwitch": "Pertanyaan dan polling baru otomatis anonim",
  "privacy.anonymitySwitchHint":
    "Hidup (bawaan): kotak pertanyaan dan polling baru otomatis anonim. Mati: otomatis dengan nama. Apa pun pengaturannya, orang tetap dapat memilih, dan selalu melihat mode yang sedang dipakai.",
  "privacy.settingFailed": "Pengaturan tidak diubah: {message}",
  "privacy.rosterSwitch": "Peserta saling melihat nama",
  "privacy.rosterSwitchHint":
    "Mati (bawaan): peserta hanya melihat berapa orang yang hadir, bukan siapa. Mereka tetap melihat diri sendiri, para penyelenggara (fasilitator, notulis, petugas perlindungan), siapa pun yang memilih menampilkan namanya, dan di ruang kelompok teman seruangan jika ruang itu mengizinkan. Hidup: setiap peserta melihat nama semua orang. Fasilitator, notulis, dan petugas perlindungan selalu melihat semua orang.",
  "privacy.listedSwitch": "Tampilkan nama saya kepada peserta lain",
  "privacy.listedSwitchHint":
    "Mati (bawaan): peserta lain tidak melihat nama Anda atau bahwa Anda hadir, hanya jumlah orang yang hadir. Para penyelenggara selalu melihat Anda. Hidup: setiap peserta melihat nama Anda dan apakah Anda sedang terhubung. Anda dapat mematikannya lagi kapan saja.",
  "privacy.listedRosterOpen":
    "Saat ini fasilitator menampilkan nama semua orang di lokakarya ini. Pilihan Anda di sini berlaku setiap kali nama disembunyikan.",
  "privacy.namesHidden":
    "Nama peserta lain disembunyikan di sini. Anda melihat diri sendiri, para penyelenggara, dan siapa pun yang memilih menampilkan namanya.",
  "privacy.dangerHeading": "Zona berbahaya",
  "privacy.deleteHint":
    "Menghapus akan menghilangkan semua isi lokakarya ini secara permanen, seketika: orang, catatan, polling, pertanyaan, dan laporan hasil. Koneksi semua orang diputus.",
  "privacy.deleteHintEnded":
    "Anda dapat langsung menghapus semua isi lokakarya ini secara permanen sekarang: orang, catatan, polling, pertanyaan, dan laporan hasil.",
  "privacy.deleteButton": "Hapus lokakarya…",
  "privacy.deleteHeading": "Hapus “{title}” secara permanen?",
  "privacy.deleteConsequence":
    "Semua isi lokakarya ini dihapus sekarang, untuk semua orang, dan tidak dapat dipulihkan: daftar orang, semua catatan, polling beserta hasilnya, semua pertanyaan, dan laporan hasil. Koneksi semua orang yang masih terhubung akan diputus. Unduh laporannya terlebih dahulu jika Anda memerlukannya.",
  "privacy.deleteTypeLabel": "Untuk mengonfirmasi, ketik kode masuk {code} atau judul lokakarya",
  "privacy.deleteTypeHint": "Tombol hapus aktif setelah ketikan Anda cocok.",
  "privacy.deleteConfirm": "Hapus lokakarya ini secara permanen",
  "privacy.deleting": "Menghapus…",
  "privacy.deleteFailed": "Lokakarya tidak dihapus: {message}",
  "privacy.deleteUnauthorized":
    "Tab ini tidak dapat lagi menghapus lokakarya: lokakarya mungkin sudah dihapus, atau akses Anda sudah berakhir.",
  "privacy.deleteAt": "Semua isi lokakarya ini akan dihapus secara permanen pada {date}.",
  "contentNote.label": "Keterangan isi:",
  "contentNote.hint": "Anda boleh melewatinya. Tidak ada yang diberi tahu, apa pun pilihan Anda.",
  "contentNote.show": "Tampilkan",
  "contentNote.skip": "Lewati",
  "contentNote.skipped": "Anda melewati bagian ini. Tidak ada yang diberi tahu.",
};
