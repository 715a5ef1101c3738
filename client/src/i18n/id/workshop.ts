import type { Translation } from "../catalogParts.js";
import type { workshop as english } from "../en/workshop.js";

/** The workshop view in Indonesian: its head, the participant list and roles, ending the workshop. */
export const workshop: Translation<typeof english> = {
  "workshop.joinCode": "Kode masuk: {code}",
  "workshop.youAre": "Anda: {name} ({role})",
  "workshop.loading": "Memuat lokakarya…",
  "workshop.endButton": "Akhiri lokakarya",
  "workshop.endConfirmQuestion": "Akhiri lokakarya untuk semua orang?",
  "workshop.endConfirm": "Ya, akhiri lokakarya",
  "workshop.cancel": "Batal",
  "workshop.participantsHeading": "Peserta",
  "workshop.count": "{total} orang hadir, {online} terhubung",
  "workshop.filterLabel": "Cari berdasarkan nama",
  "workshop.filterShown": "{shown} ditampilkan",
  "workshop.noMatch": "Tidak ada nama yang cocok.",
  "workshop.showEveryone": "Tampilkan semua",
  "workshop.hideEveryone": "Sembunyikan daftar",
  "workshop.listLive": "Daftar diperbarui langsung selama terbuka.",
  "workshop.you": "Anda",
  "workshop.online": "terhubung",
  "workshop.offline": "tidak terhubung",
  "workshop.roleSelectLabel": "Peran {name}",
  "workshop.removeButton": "Keluarkan",
  "workshop.removeLabel": "Keluarkan {name}",
  "workshop.removeConfirmQuestion": "Keluarkan {name}?",
  "workshop.removeConfirm": "Ya, keluarkan",
  "workshop.removeCancel": "Batal",

  "role.facilitator": "fasilitator",
  "role.note-taker": "notulis",
  "role.safeguarding-lead": "petugas perlindungan",
  "role.participant": "peserta",
};
