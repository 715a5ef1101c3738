import type { Translation } from "../catalogParts.js";
import type { app as english } from "../en/app.js";

/** The frame of every page in Indonesian: the app's name, the quick exit, the connection status, the screens a session ends on. */
export const app: Translation<typeof english> = {
  "app.name": "Lokakarya",
  "app.skipToContent": "Langsung ke isi",
  "app.notFound.title": "Halaman tidak ditemukan",
  "app.notFound.body": "Tidak ada apa pun di alamat ini.",
  "app.home": "Halaman awal",
  "app.language": "Bahasa",

  "leave.button": "Keluar sekarang",
  "leave.hint": "Keluar cepat: tekan Esc dua kali",
  "leave.label": "Keluar sekarang: tinggalkan lokakarya seketika dan buka halaman netral",

  "connection.label": "Koneksi",
  "connection.connecting": "Menghubungkan…",
  "connection.connected": "Terhubung",
  "connection.reconnecting": "Menghubungkan ulang…",
  "connection.offline": "Tidak terhubung",
  "offline.banner": "Anda sedang tidak terhubung. Apa yang Anda lakukan sekarang akan dikirim saat koneksi kembali.",
  "offline.bannerSince":
    "Anda sedang tidak terhubung. Ini keadaan lokakarya pada pukul {time}. Apa yang Anda lakukan sekarang akan dikirim saat koneksi kembali.",
  "offline.waiting": "Menunggu dikirim: {count}",

  "app.workshopLoading": "Membuka lokakarya…",
  "app.workshopLoadFailed": "Tampilan lokakarya tidak dapat dimuat. Periksa koneksi Anda.",
  "app.workshopLoadRetry": "Coba lagi",

  "revoked.removedHeading": "Anda dikeluarkan dari lokakarya ini",
  "revoked.removedBody": "Seorang fasilitator mengeluarkan Anda. Anda tidak dapat lagi ikut serta dalam lokakarya ini.",
  "revoked.endedHeading": "Lokakarya ini sudah selesai",
  "revoked.endedBody": "Terima kasih atas partisipasi Anda.",
  "revoked.deletedHeading": "Lokakarya ini sudah dihapus",
  "revoked.deletedBody": "Semua isinya sudah dihapus secara permanen.",
  "revoked.lostHeading": "Lokakarya ini tidak dapat dilanjutkan",
  "revoked.lostBody":
    "Server kehilangan data lokakarya ini, sehingga lokakarya tidak dapat berlanjut. Ini bukan karena kesalahan Anda: semua orang di dalamnya melihat pesan ini, dan penyelenggara dapat memulai lokakarya baru serta membagikan tautan baru.",
  "revoked.endedReport":
    "Anda masih dapat mengambil laporan hasil “{title}” dari tab ini. Unduh yang Anda perlukan sebelum menutupnya: meninggalkan halaman ini mengakhiri akses Anda.",

  "exit.heading": "Anda sudah keluar.",
  "exit.home": "Ke halaman awal",
};
