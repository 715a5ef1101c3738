import type { Translation } from "../catalogParts.js";
import type { report as english } from "../en/report.js";

/** The outcome report in Indonesian: its scope, whether it names people, downloads and the preview. */
export const report: Translation<typeof english> = {
  "report.heading": "Laporan hasil",
  "report.intro":
    "Satu dokumen dari catatan, hasil, polling, dan pertanyaan terjawab di pleno dan di setiap ruang. Bagian bertanda “not for export” serta pertanyaan yang masih menunggu atau ditolak tidak dimasukkan.",
  "report.open": "Siapkan laporan",
  "report.hide": "Sembunyikan alat laporan",
  "report.scopeLabel": "Cakupan laporan",
  "report.scopeWorkshop": "Seluruh lokakarya",
  "report.scopeRound": "Putaran {number}: semua ruang",
  "report.scopeRoom": "Putaran {number}: {room}",
  "report.scopeRoundGroup": "Putaran {number}",
  "report.scopesLoading": "Memuat putaran dan ruang…",
  "report.scopesFailed": "Daftar putaran dan ruang tidak dapat dimuat: {message}",
  "report.scopesRefresh": "Muat ulang daftar",
  "report.attributionLegend": "Nama dalam laporan",
  "report.attributionNone": "Tanpa nama: tidak ada yang disebut namanya (aturan Chatham House)",
  "report.attributionNamed": "Sebut nama orang yang setuju: penanya yang bertanya dengan nama, notulis",
  "report.attributionOffHint":
    "Laporan tidak menyebut nama siapa pun: fasilitator belum mengizinkan nama di lokakarya ini.",
  "report.chatLegend": "Sertakan obrolan dari…",
  "report.chatHint":
    "Obrolan tidak masuk laporan kecuali Anda mencentangnya di sini. Obrolan yang disertakan menampilkan setiap pesan dengan waktunya tanpa nama siapa pun, dan laporan menyebutkan bahwa seorang fasilitator memilih untuk menyertakannya. Pesan yang disembunyikan tetap tersembunyi.",
  "report.chatPlenary": "Sesi pleno",
  "report.downloadHeading": "Unduh",
  "report.downloadHint":
    "HTML berisi grafik dan dapat dicetak rapi ke PDF; CSV berisi polling dan pertanyaan untuk lembar kerja seperti Excel.",
  "report.formatMd": "Markdown (teks)",
  "report.formatHtml": "HTML (cetak/PDF)",
  "report.formatJson": "JSON (data)",
  "report.formatCsv": "CSV (tabel)",
  "report.downloadLabel": "Unduh laporan sebagai {format}",
  "report.downloading": "Menyiapkan berkas {format}…",
  "report.downloaded": "Berkas {format} sedang diunduh.",
  "report.preview": "Pratinjau",
  "report.previewRefresh": "Muat ulang pratinjau",
  "report.previewClose": "Tutup pratinjau",
  "report.previewLoading": "Memuat pratinjau…",
  "report.previewReady": "Pratinjau ditampilkan di bawah.",
  "report.previewTitle": "Pratinjau laporan hasil",
  "report.namesFound":
    "Periksa sebelum diterbitkan: laporan ini menyebut nama orang dari lokakarya ini ({names}). Ubah bagian itu di catatan, atau letakkan di bawah judul bertanda [not for export].",
  "report.namesNone": "Tidak ada nama peserta dalam laporan ini.",
  "report.previewHint": "Inilah isi berkas HTML. Untuk mendapatkan PDF, unduh HTML-nya lalu cetak dari peramban.",
  "report.errorFORBIDDEN": "Hanya fasilitator dan notulis yang dapat mengambil laporan.",
  "report.errorINVALID_STATE":
    "Lokakarya ini tidak (lagi) mengizinkan laporan yang menyebut nama. Pilih “Tanpa nama”, lalu coba lagi.",
  "report.errorNOT_FOUND":
    "Putaran atau ruang ini sudah tidak ada di lokakarya. Muat ulang daftarnya, lalu pilih lagi.",
  "report.errorUNAUTHORIZED":
    "Sesi Anda tidak berlaku lagi: muat ulang halaman atau bergabung lagi untuk mengambil laporan.",
  "report.attributionSwitch": "Laporan boleh menyebut nama",
  "report.attributionSwitchHint":
    "Mati (bawaan): tidak ada nama di laporan mana pun. Hidup: pertanyaan dengan nama yang diajukan mulai sekarang, dan para notulis, dapat disebut namanya; semua orang melihat ini sebelum bertanya. Pertanyaan anonim tidak pernah disertai nama.",
  "report.attributionFailed": "Pengaturan tidak diubah: {message}",
};
