import type { Translation } from "../catalogParts.js";
import type { chat as english } from "../en/chat.js";

/** Chat in Bahasa Indonesia: messages, sending, hiding by facilitators. */
export const chat: Translation<typeof english> = {
  "chat.heading": "Obrolan",
  "chat.introPlenary": "Tulis untuk semua orang di pleno, jika Anda tidak bisa berbicara di panggilan.",
  "chat.introRoom": "Tulis untuk semua orang di ruang ini, jika Anda tidak bisa berbicara di panggilan.",
  "chat.messagesLabel": "Pesan obrolan",
  "chat.empty": "Belum ada pesan.",
  "chat.older": "Pesan sebelumnya",
  "chat.inputLabel": "Tulis pesan",
  "chat.send": "Kirim",
  "chat.sending": "Mengirim…",
  "chat.failed": "Tidak terkirim",
  "chat.retry": "Coba lagi",
  "chat.discard": "Hapus",
  "chat.you": "Anda",
  "chat.neutralAuthor": "Seorang peserta",
  "chat.hiddenBy": "Disembunyikan oleh fasilitator:",
  "chat.hide": "Sembunyikan",
  "chat.hideLabel": "Sembunyikan pesan: {text}",
  "chat.hideReason": "Mengapa? Semua orang di obrolan ini melihat alasannya.",
  "chat.hideConfirm": "Sembunyikan untuk semua",
  "chat.cancel": "Batal",
  "chat.rateLimited": "Anda mengirim pesan terlalu cepat. Mohon tunggu beberapa detik.",
  "chat.count": "{length} dari {max} karakter",
  "chat.announceNew": "{count, plural, other {# pesan obrolan baru}}",
};
