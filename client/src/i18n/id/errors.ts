import type { Translation } from "../catalogParts.js";
import type { errors as english } from "../en/errors.js";

/** What went wrong, in Indonesian: input that does not pass the checks, and every error code. */
export const errors: Translation<typeof english> = {
  "validation.title": "Masukkan judul paling banyak {max} karakter, tanpa karakter kontrol.",
  "validation.displayName": "Masukkan nama paling banyak {max} karakter, tanpa karakter kontrol.",
  "validation.joinCode": "Kode masuk terdiri dari enam huruf dan angka, misalnya ABC-DEF.",

  "error.BAD_REQUEST": "Permintaan ini tidak valid.",
  "error.UNKNOWN_EVENT": "Server tidak memahami permintaan ini.",
  "error.UNAUTHORIZED": "Sesi Anda tidak berlaku lagi. Silakan bergabung lagi.",
  "error.INVALID_JOIN_CODE": "Tidak ada lokakarya terbuka dengan kode masuk ini. Periksa kodenya, lalu coba lagi.",
  "error.INVALID_DISPLAY_NAME": "Nama tampilan ini tidak dapat dipakai. Silakan pilih nama lain.",
  "error.SESSION_REVOKED": "Anda tidak dapat lagi ikut serta dalam lokakarya ini.",
  "error.PROTOCOL_MISMATCH": "Halaman ini sudah usang. Silakan muat ulang.",
  "error.FORBIDDEN": "Anda tidak diizinkan melakukan ini.",
  "error.NOT_FOUND": "Ini sudah tidak ada.",
  "error.CONFLICT": "Ini sudah berubah sementara itu. Silakan coba lagi.",
  "error.WORKSHOP_ENDED": "Lokakarya ini sudah selesai.",
  "error.INVALID_STATE": "Ini tidak dapat dilakukan sekarang (putarannya mungkin sudah berubah). Silakan periksa lagi.",
  "error.ROOM_FULL": "Ruang ini sudah penuh.",
  "error.POLL_CLOSED": "Polling ini sudah ditutup: suara Anda tidak dihitung.",
  "error.ALREADY_VOTED":
    "Anda sudah memberi suara (atau sudah menarik suara Anda), dan polling ini tidak mengizinkan memberi suara lagi atau mengubahnya.",
  "error.RATE_LIMITED": "Terlalu banyak permintaan. Tunggu sebentar, lalu coba lagi.",
  "error.TOO_MANY_CONNECTIONS":
    "Lokakarya ini terbuka di terlalu banyak tab atau perangkat sekaligus. Tutup salah satunya, lalu coba lagi.",
  "error.PAYLOAD_TOO_LARGE": "Ini terlalu panjang.",
  "error.UNAVAILABLE": "Server sedang sibuk atau sedang dimulai ulang. Silakan coba lagi sebentar lagi.",
  "error.INTERNAL": "Terjadi masalah di server. Silakan coba lagi.",
  "error.network": "Server tidak dapat dijangkau. Periksa koneksi Anda, lalu coba lagi.",
  "error.timeout": "Server tidak menjawab tepat waktu. Silakan coba lagi.",
  "error.dismiss": "Tutup",
};
