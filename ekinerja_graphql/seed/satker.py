"""Names of the ministry's own units: pusat (eselon I and II), PTKN, balai, madrasah kinds.
Real names where they are public."""

# (nama, leader title, key used to attach eselon II units and PTKN). BPJPH is a separate
# agency since 2024 (ref/README.md), so not here.
ESELON_I: tuple[tuple[str, str, str], ...] = (
    ("Sekretariat Jenderal", "Sekretaris Jenderal", "SETJEN"),
    ("Direktorat Jenderal Pendidikan Islam", "Direktur Jenderal Pendidikan Islam", "PENDIS"),
    ("Direktorat Jenderal Bimbingan Masyarakat Islam",
     "Direktur Jenderal Bimbingan Masyarakat Islam", "BIMAS_ISLAM"),
    ("Inspektorat Jenderal", "Inspektur Jenderal", "ITJEN"),
    ("Direktorat Jenderal Penyelenggaraan Haji dan Umrah",
     "Direktur Jenderal Penyelenggaraan Haji dan Umrah", "PHU"),
    ("Badan Moderasi Beragama dan Pengembangan Sumber Daya Manusia",
     "Kepala Badan Moderasi Beragama dan Pengembangan Sumber Daya Manusia", "BMBPSDM"),
    ("Direktorat Jenderal Bimbingan Masyarakat Kristen",
     "Direktur Jenderal Bimbingan Masyarakat Kristen", "KRISTEN"),
    ("Direktorat Jenderal Bimbingan Masyarakat Katolik",
     "Direktur Jenderal Bimbingan Masyarakat Katolik", "KATOLIK"),
    ("Direktorat Jenderal Bimbingan Masyarakat Hindu",
     "Direktur Jenderal Bimbingan Masyarakat Hindu", "HINDU"),
    ("Direktorat Jenderal Bimbingan Masyarakat Buddha",
     "Direktur Jenderal Bimbingan Masyarakat Buddha", "BUDDHA"),
)  # fmt: skip

ESELON_II: dict[str, tuple[str, ...]] = {
    "SETJEN": (
        "Biro Perencanaan dan Penganggaran", "Biro Organisasi dan Sumber Daya Manusia",
        "Biro Keuangan dan Barang Milik Negara", "Biro Hukum dan Kerja Sama Luar Negeri",
        "Biro Hubungan Masyarakat dan Umum", "Pusat Data dan Teknologi Informasi",
        "Pusat Kerukunan Umat Beragama",
    ),
    "PENDIS": (
        "Sekretariat Direktorat Jenderal Pendidikan Islam",
        "Direktorat Kurikulum, Sarana, Kelembagaan, dan Kesiswaan Madrasah",
        "Direktorat Guru dan Tenaga Kependidikan Madrasah",
        "Direktorat Pendidikan Tinggi Keagamaan Islam", "Direktorat Pendidikan Agama Islam",
        "Direktorat Pesantren",
    ),
    "BIMAS_ISLAM": (
        "Sekretariat Direktorat Jenderal Bimbingan Masyarakat Islam",
        "Direktorat Bina KUA dan Keluarga Sakinah", "Direktorat Penerangan Agama Islam",
        "Direktorat Urusan Agama Islam dan Pembinaan Syariah",
        "Direktorat Pemberdayaan Zakat dan Wakaf",
    ),
    "ITJEN": (
        "Sekretariat Inspektorat Jenderal", "Inspektorat Wilayah I", "Inspektorat Wilayah II",
        "Inspektorat Wilayah III", "Inspektorat Wilayah IV", "Inspektorat Investigasi",
    ),
    "PHU": (
        "Sekretariat Direktorat Jenderal Penyelenggaraan Haji dan Umrah",
        "Direktorat Bina Haji", "Direktorat Bina Umrah dan Haji Khusus",
        "Direktorat Pelayanan Haji Dalam Negeri", "Direktorat Pelayanan Haji Luar Negeri",
    ),
    "BMBPSDM": (
        "Sekretariat Badan Moderasi Beragama dan Pengembangan Sumber Daya Manusia",
        "Pusat Pembinaan Pendidikan dan Pelatihan Tenaga Administrasi",
        "Pusat Pembinaan Pendidikan dan Pelatihan Tenaga Teknis Pendidikan dan Keagamaan",
        "Pusat Penguatan Moderasi Beragama",
    ),
    "KRISTEN": ("Sekretariat Direktorat Jenderal Bimbingan Masyarakat Kristen",
                "Direktorat Urusan Agama Kristen", "Direktorat Pendidikan Kristen"),
    "KATOLIK": ("Sekretariat Direktorat Jenderal Bimbingan Masyarakat Katolik",
                "Direktorat Urusan Agama Katolik", "Direktorat Pendidikan Katolik"),
    "HINDU": ("Sekretariat Direktorat Jenderal Bimbingan Masyarakat Hindu",
              "Direktorat Urusan Agama Hindu", "Direktorat Pendidikan Hindu"),
    "BUDDHA": ("Sekretariat Direktorat Jenderal Bimbingan Masyarakat Buddha",
               "Direktorat Urusan dan Pendidikan Agama Buddha"),
}  # fmt: skip

# (nama, leader title, key of the eselon I unit that fosters it)
PTKN: tuple[tuple[str, str, str], ...] = tuple(
    (nama, "Rektor" if nama.startswith(("Universitas", "Institut")) else "Ketua", pembina)
    for nama, pembina in (
        ("Universitas Islam Negeri Syarif Hidayatullah Jakarta", "PENDIS"),
        ("Universitas Islam Negeri Sunan Kalijaga Yogyakarta", "PENDIS"),
        ("Universitas Islam Negeri Sunan Ampel Surabaya", "PENDIS"),
        ("Universitas Islam Negeri Sunan Gunung Djati Bandung", "PENDIS"),
        ("Universitas Islam Negeri Walisongo Semarang", "PENDIS"),
        ("Universitas Islam Negeri Maulana Malik Ibrahim Malang", "PENDIS"),
        ("Universitas Islam Negeri Alauddin Makassar", "PENDIS"),
        ("Universitas Islam Negeri Ar-Raniry Banda Aceh", "PENDIS"),
        ("Universitas Islam Negeri Sumatera Utara Medan", "PENDIS"),
        ("Universitas Islam Negeri Imam Bonjol Padang", "PENDIS"),
        ("Universitas Islam Negeri Sultan Syarif Kasim Riau", "PENDIS"),
        ("Universitas Islam Negeri Raden Fatah Palembang", "PENDIS"),
        ("Universitas Islam Negeri Raden Intan Lampung", "PENDIS"),
        ("Universitas Islam Negeri Sulthan Thaha Saifuddin Jambi", "PENDIS"),
        ("Universitas Islam Negeri Antasari Banjarmasin", "PENDIS"),
        ("Universitas Islam Negeri Mataram", "PENDIS"),
        ("Universitas Islam Negeri Datokarama Palu", "PENDIS"),
        ("Universitas Islam Negeri Raden Mas Said Surakarta", "PENDIS"),
        ("Universitas Islam Negeri Sultan Maulana Hasanuddin Banten", "PENDIS"),
        ("Universitas Islam Negeri Kiai Haji Achmad Siddiq Jember", "PENDIS"),
        ("Institut Agama Islam Negeri Ambon", "PENDIS"),
        ("Institut Agama Islam Negeri Kendari", "PENDIS"),
        ("Institut Agama Islam Negeri Pontianak", "PENDIS"),
        ("Institut Agama Islam Negeri Palangka Raya", "PENDIS"),
        ("Institut Agama Islam Negeri Manado", "PENDIS"),
        ("Institut Agama Islam Negeri Ternate", "PENDIS"),
        ("Institut Agama Islam Negeri Bone", "PENDIS"),
        ("Institut Agama Islam Negeri Parepare", "PENDIS"),
        ("Institut Agama Islam Negeri Kudus", "PENDIS"),
        ("Institut Agama Islam Negeri Madura", "PENDIS"),
        ("Institut Agama Islam Negeri Kediri", "PENDIS"),
        ("Institut Agama Islam Negeri Ponorogo", "PENDIS"),
        ("Institut Agama Islam Negeri Metro", "PENDIS"),
        ("Institut Agama Islam Negeri Curup", "PENDIS"),
        ("Institut Agama Islam Negeri Bukittinggi", "PENDIS"),
        ("Institut Agama Islam Negeri Batusangkar", "PENDIS"),
        ("Institut Agama Islam Negeri Lhokseumawe", "PENDIS"),
        ("Institut Agama Islam Negeri Langsa", "PENDIS"),
        ("Institut Agama Islam Negeri Takengon", "PENDIS"),
        ("Institut Agama Islam Negeri Sorong", "PENDIS"),
        ("Institut Agama Islam Negeri Fattahul Muluk Papua", "PENDIS"),
        ("Sekolah Tinggi Agama Islam Negeri Mandailing Natal", "PENDIS"),
        ("Sekolah Tinggi Agama Islam Negeri Majene", "PENDIS"),
        ("Sekolah Tinggi Agama Islam Negeri Bengkalis", "PENDIS"),
        ("Sekolah Tinggi Agama Islam Negeri Teungku Dirundeng Meulaboh", "PENDIS"),
        ("Sekolah Tinggi Agama Islam Negeri Sultan Abdurrahman Kepulauan Riau", "PENDIS"),
        ("Institut Agama Kristen Negeri Ambon", "KRISTEN"),
        ("Institut Agama Kristen Negeri Tarutung", "KRISTEN"),
        ("Institut Agama Kristen Negeri Toraja", "KRISTEN"),
        ("Institut Agama Kristen Negeri Manado", "KRISTEN"),
        ("Institut Agama Kristen Negeri Kupang", "KRISTEN"),
        ("Sekolah Tinggi Agama Kristen Negeri Sentani", "KRISTEN"),
        ("Sekolah Tinggi Agama Katolik Negeri Pontianak", "KATOLIK"),
        ("Universitas Hindu Negeri I Gusti Bagus Sugriwa Denpasar", "HINDU"),
        ("Sekolah Tinggi Agama Hindu Negeri Mpu Kuturan Singaraja", "HINDU"),
        ("Sekolah Tinggi Agama Hindu Negeri Gde Pudja Mataram", "HINDU"),
        ("Sekolah Tinggi Agama Buddha Negeri Sriwijaya Tangerang", "BUDDHA"),
        ("Sekolah Tinggi Agama Buddha Negeri Raden Wijaya Wonogiri", "BUDDHA"),
    )
)

BALAI: tuple[str, ...] = tuple(
    [f"Balai Pendidikan dan Pelatihan Keagamaan {kota}" for kota in (
        "Aceh", "Medan", "Padang", "Palembang", "Jakarta", "Bandung", "Semarang", "Surabaya",
        "Denpasar", "Banjarmasin", "Makassar", "Manado", "Ambon", "Papua",
    )]
    + [f"Balai Penelitian dan Pengembangan Agama {kota}"
       for kota in ("Jakarta", "Semarang", "Makassar")]
)  # fmt: skip

# Madrasah negeri kinds: (singkatan, nama panjang, weight at full scale).
JENIS_MADRASAH = (
    ("MIN", "Madrasah Ibtidaiyah Negeri", 43),
    ("MTsN", "Madrasah Tsanawiyah Negeri", 37),
    ("MAN", "Madrasah Aliyah Negeri", 20),
)
