"""Indonesian RHK texts per rumpun jabatan and, for leaders, per unit kind.

Each template is (uraian RHK, objek counted by its KUANTITAS indicator, satuan,
lowest and highest yearly target). Leader texts may name their unit via {unit}.
"""

from typing import NamedTuple


class RhkTemplate(NamedTuple):
    uraian: str
    objek: str
    satuan: str
    target_min: int
    target_max: int


def _t(*entries: tuple[str, str, str, int, int]) -> tuple[RhkTemplate, ...]:
    return tuple(RhkTemplate(*entry) for entry in entries)


PIMPINAN = {
    "MADRASAH": _t(
        ("Meningkatnya mutu layanan pendidikan di {unit}", "program peningkatan mutu",
         "program", 3, 8),
        ("Terwujudnya tata kelola {unit} yang akuntabel", "laporan pertanggungjawaban",
         "laporan", 4, 12),
        ("Meningkatnya capaian Asesmen Madrasah peserta didik {unit}", "peserta didik tuntas",
         "orang", 60, 600),
        ("Terlaksananya supervisi akademik guru di {unit}", "guru tersupervisi", "orang", 10, 60),
    ),
    "KUA": _t(
        ("Meningkatnya kualitas layanan nikah dan rujuk di {unit}", "peristiwa nikah tercatat",
         "peristiwa", 150, 900),
        ("Terlaksananya bimbingan perkawinan calon pengantin di {unit}", "pasangan terbimbing",
         "pasangan", 50, 400),
        ("Meningkatnya kerukunan dan moderasi beragama di wilayah {unit}",
         "kegiatan moderasi beragama", "kegiatan", 4, 24),
        ("Terkelolanya data keagamaan kecamatan oleh {unit}", "laporan data keagamaan",
         "laporan", 4, 12),
    ),
    "KANKEMENAG": _t(
        ("Meningkatnya kualitas layanan keagamaan di wilayah {unit}", "layanan keagamaan",
         "layanan", 20, 120),
        ("Meningkatnya mutu pendidikan madrasah binaan {unit}", "madrasah terakreditasi A",
         "madrasah", 5, 60),
        ("Terwujudnya reformasi birokrasi dan zona integritas di {unit}",
         "rencana aksi zona integritas", "dokumen", 4, 12),
        ("Meningkatnya indeks kerukunan umat beragama di wilayah {unit}",
         "kegiatan kerukunan", "kegiatan", 6, 30),
    ),
    "KANWIL": _t(
        ("Meningkatnya kualitas layanan keagamaan di {unit}", "kabupaten/kota terlayani",
         "satker", 5, 38),
        ("Meningkatnya kualitas tata kelola anggaran {unit}", "laporan keuangan", "laporan", 4, 12),
        ("Meningkatnya mutu pendidikan madrasah dan pendidikan agama", "program mutu",
         "program", 4, 12),
        ("Terselenggaranya layanan haji dan umrah yang prima di {unit}", "jemaah terlayani",
         "orang", 1000, 9000),
    ),
    "PTKN": _t(
        ("Meningkatnya kualitas lulusan {unit}", "lulusan tepat waktu", "orang", 300, 6000),
        ("Meningkatnya kualitas dan jumlah publikasi ilmiah {unit}", "publikasi bereputasi",
         "artikel", 20, 400),
        ("Meningkatnya akreditasi program studi {unit}", "program studi unggul",
         "program studi", 2, 40),
        ("Terwujudnya tata kelola perguruan tinggi yang akuntabel", "laporan kinerja",
         "laporan", 2, 6),
    ),
    "BALAI": _t(
        ("Meningkatnya kompetensi aparatur melalui pelatihan di {unit}", "peserta pelatihan",
         "orang", 300, 3000),
        ("Terselenggaranya pelatihan teknis pendidikan dan keagamaan", "angkatan pelatihan",
         "angkatan", 10, 60),
        ("Terwujudnya tata kelola {unit} yang akuntabel", "laporan kinerja", "laporan", 2, 6),
    ),
    "PUSAT": _t(
        ("Meningkatnya kualitas kebijakan bidang tugas {unit}", "rekomendasi kebijakan",
         "rekomendasi", 4, 20),
        ("Terwujudnya tata kelola {unit} yang efektif dan akuntabel", "laporan kinerja",
         "laporan", 2, 6),
        ("Meningkatnya kualitas perencanaan dan penganggaran {unit}", "dokumen perencanaan",
         "dokumen", 3, 12),
        ("Meningkatnya kualitas layanan publik {unit}", "layanan terdigitalisasi", "layanan",
         2, 15),
        ("Terwujudnya moderasi beragama dalam program {unit}", "program moderasi beragama",
         "program", 2, 10),
    ),
}  # fmt: skip

STAF = {
    "guru": _t(
        ("Terlaksananya pembelajaran yang aktif dan bermakna", "jam pelajaran", "JP", 600, 1000),
        ("Tersusunnya perangkat pembelajaran Kurikulum Merdeka", "modul ajar", "dokumen", 6, 20),
        ("Terlaksananya penilaian hasil belajar peserta didik", "laporan penilaian", "laporan",
         2, 4),
        ("Terlaksananya bimbingan dan pembiasaan ibadah peserta didik", "kegiatan pembiasaan",
         "kegiatan", 12, 40),
        ("Meningkatnya kompetensi melalui pengembangan keprofesian berkelanjutan",
         "pelatihan diikuti", "kegiatan", 1, 4),
    ),
    "dosen": _t(
        ("Terlaksananya perkuliahan sesuai rencana pembelajaran semester", "SKS mengajar", "SKS",
         12, 32),
        ("Terbitnya artikel ilmiah di jurnal terakreditasi", "artikel terbit", "artikel", 1, 4),
        ("Terlaksananya pengabdian kepada masyarakat", "kegiatan pengabdian", "kegiatan", 1, 3),
        ("Terlaksananya bimbingan skripsi dan tesis mahasiswa", "mahasiswa dibimbing", "orang",
         4, 20),
    ),
    "penghulu": _t(
        ("Terlaksananya pelayanan pencatatan nikah dan rujuk", "peristiwa nikah", "peristiwa",
         60, 400),
        ("Terlaksananya bimbingan perkawinan pranikah", "calon pengantin", "pasangan", 30, 200),
        ("Terlaksananya penasihatan dan konsultasi perkawinan", "konsultasi keluarga",
         "kegiatan", 10, 60),
        ("Terlaksananya pengukuran arah kiblat dan hisab rukyat", "pengukuran arah kiblat",
         "lokasi", 2, 20),
    ),
    "penyuluh": _t(
        ("Terlaksananya penyuluhan agama kepada kelompok binaan", "kegiatan penyuluhan",
         "kegiatan", 48, 120),
        ("Meningkatnya pemahaman moderasi beragama masyarakat", "kelompok binaan", "kelompok",
         4, 10),
        ("Terlaksananya bimbingan baca tulis Al-Qur'an", "peserta bimbingan", "orang", 20, 120),
        ("Terlaksananya konsultasi keagamaan masyarakat", "konsultasi", "kegiatan", 12, 60),
    ),
    "pengawas": _t(
        ("Terlaksananya supervisi akademik dan manajerial madrasah binaan", "madrasah binaan",
         "madrasah", 5, 15),
        ("Terlaksananya pendampingan penyusunan rencana kerja madrasah", "dokumen RKM",
         "dokumen", 5, 15),
        ("Tersusunnya laporan hasil pengawasan madrasah", "laporan pengawasan", "laporan", 2, 4),
    ),
    "widyaiswara": _t(
        ("Terlaksananya pembelajaran pelatihan aparatur", "jam pelajaran", "JP", 200, 600),
        ("Tersusunnya bahan ajar pelatihan", "modul pelatihan", "modul", 1, 4),
        ("Terlaksananya evaluasi pascapelatihan", "laporan evaluasi", "laporan", 1, 4),
    ),
    "auditor": _t(
        ("Terlaksananya audit kinerja satuan kerja", "laporan hasil audit", "laporan", 4, 16),
        ("Terlaksananya reviu laporan keuangan", "laporan reviu", "laporan", 2, 8),
        ("Terlaksananya pemantauan tindak lanjut hasil pengawasan", "rekomendasi dipantau",
         "rekomendasi", 10, 60),
    ),
    "analis": _t(
        ("Tersusunnya rekomendasi kebijakan bidang tugas unit", "rekomendasi kebijakan",
         "rekomendasi", 2, 8),
        ("Tersusunnya kajian dan analisis data pendukung kebijakan", "kajian", "dokumen", 2, 6),
        ("Tersusunnya bahan rapat pimpinan", "bahan rapat", "dokumen", 6, 24),
        ("Terkelolanya data kepegawaian unit", "data pegawai dimutakhirkan", "berkas", 50, 400),
    ),
    "teknis": _t(
        ("Terkelolanya layanan teknologi informasi unit", "layanan TI", "layanan", 12, 60),
        ("Tersusunnya laporan pengelolaan keuangan", "laporan keuangan", "laporan", 12, 24),
        ("Terkelolanya arsip dinamis unit", "berkas arsip", "berkas", 200, 1200),
        ("Terkelolanya layanan perpustakaan", "koleksi diolah", "eksemplar", 100, 800),
        ("Terlaksananya publikasi informasi kegiatan unit", "berita terbit", "berita", 12, 60),
    ),
    "pelaksana": _t(
        ("Terkelolanya administrasi persuratan unit", "surat diproses", "surat", 200, 1500),
        ("Terkelolanya data dan informasi layanan", "data diolah", "berkas", 100, 800),
        ("Terlaksananya layanan operasional perkantoran", "layanan operasional", "layanan",
         50, 400),
        ("Tersusunnya laporan administrasi kegiatan", "laporan kegiatan", "laporan", 12, 36),
    ),
    "struktural": _t(
        ("Terkoordinasinya pelaksanaan program kerja bagian/seksi", "program kerja",
         "program", 4, 12),
        ("Terlaksananya pembinaan dan pengendalian pegawai di bagian/seksi", "pegawai dibina",
         "orang", 5, 30),
        ("Tersusunnya laporan kinerja bagian/seksi", "laporan kinerja", "laporan", 4, 12),
    ),
}  # fmt: skip

# Which STAF texts each rumpun jabatan uses.
RUMPUN_URAIAN = {
    "guru": "guru", "dosen": "dosen", "penghulu": "penghulu", "penyuluh": "penyuluh",
    "pengawas": "pengawas", "widyaiswara": "widyaiswara", "auditor": "auditor",
    "analis_kebijakan": "analis", "analis_sdm": "analis", "perencana": "analis",
    "pranata_komputer": "teknis", "arsiparis": "teknis", "pustakawan": "teknis",
    "pranata_humas": "teknis", "pranata_keuangan": "teknis", "pelaksana": "pelaksana",
    "pranata_sdm": "teknis", "analis_keuangan": "analis", "pengelola_pbj": "teknis",
    "analis_hukum": "analis", "pranata_lab": "teknis", "pengembang_tekpem": "teknis",
    "pengembang_tafsir": "analis", "struktural": "struktural",
}  # fmt: skip

# Leader texts by unit kind.
KIND_URAIAN = {
    "ROOT": "PUSAT", "ESELON_I": "PUSAT", "ESELON_II": "PUSAT", "KANWIL": "KANWIL",
    "KANKEMENAG": "KANKEMENAG", "PTKN": "PTKN", "BALAI": "BALAI", "MIN": "MADRASAH",
    "MTSN": "MADRASAH", "MAN": "MADRASAH", "KUA": "KUA",
}  # fmt: skip

TAMBAHAN = (
    "Menjadi panitia peringatan hari besar keagamaan",
    "Menjadi narasumber sosialisasi moderasi beragama",
    "Menjadi anggota tim penyusun laporan kinerja instansi",
    "Mengikuti pelatihan pengembangan kompetensi",
    "Menjadi anggota tim pembangunan zona integritas",
    "Menjadi petugas layanan terpadu satu pintu",
)

EKSPEKTASI_KHUSUS = (
    "Memberikan layanan yang ramah, cepat dan solutif",
    "Menyelesaikan tugas tepat waktu dan dapat dipertanggungjawabkan",
    "Aktif mengikuti pengembangan kompetensi",
    "Menjaga suasana kerja yang harmonis dan saling menghargai",
    "Menjaga nama baik instansi dan menaati peraturan",
    "Cepat beradaptasi dengan perubahan aplikasi dan kebijakan",
    "Terbuka bekerja sama lintas unit",
)

DUKUNGAN_SUMBER_DAYA = (
    "Anggaran DIPA satuan kerja", "Sarana dan prasarana kantor", "Aplikasi e-Kinerja",
    "Jaringan internet", "Dukungan tim kerja", "Aplikasi SIMPATIKA", "Aplikasi SIMKAH",
    "Data EMIS", "Bimbingan teknis dari unit pembina",
)  # fmt: skip
SKEMA_PERTANGGUNGJAWABAN = (
    "Laporan bulanan kepada pejabat penilai", "Laporan triwulanan melalui aplikasi e-Kinerja",
    "Rapat evaluasi kinerja berkala", "Bukti dukung diunggah ke aplikasi",
)  # fmt: skip
KONSEKUENSI = (
    "Pembinaan oleh pejabat penilai bila kinerja di bawah ekspektasi",
    "Penghargaan bagi kinerja di atas ekspektasi",
    "Penyesuaian tunjangan kinerja sesuai predikat",
    "Pengembangan kompetensi bila target tidak tercapai",
)

CATATAN_EVALUASI = (
    "Perlu peningkatan capaian target kuantitas",
    "Kinerja baik, pertahankan",
    "Bukti dukung agar dilengkapi",
    "Capaian melampaui target triwulan",
)
