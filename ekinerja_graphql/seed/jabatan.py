"""The jabatan catalogue: struktural by eselon, fungsional by jenjang, pelaksana by kelas."""

import random
from dataclasses import dataclass

from ekinerja_graphql.domain.kepegawaian import Eselon, JenisJabatan, JenjangJabatanFungsional
from ekinerja_graphql.seed.randomness import Weighted, hex_id

Jenjang = JenjangJabatanFungsional

# Unit leaders: nama -> (eselon, kelas jabatan).
PIMPINAN: dict[str, tuple[Eselon, int]] = {
    "Menteri Agama": (Eselon.I_A, 17),
    "Sekretaris Jenderal": (Eselon.I_A, 17),
    "Direktur Jenderal": (Eselon.I_A, 17),
    "Inspektur Jenderal": (Eselon.I_A, 17),
    "Kepala Badan": (Eselon.I_A, 17),
    "Rektor Universitas Negeri": (Eselon.I_B, 16),
    "Direktur": (Eselon.II_A, 15),
    "Kepala Biro": (Eselon.II_A, 15),
    "Kepala Pusat": (Eselon.II_A, 15),
    "Sekretaris Unit Eselon I": (Eselon.II_A, 15),
    "Inspektur": (Eselon.II_A, 15),
    "Kepala Kantor Wilayah": (Eselon.II_A, 15),
    "Rektor Institut Negeri": (Eselon.II_A, 15),
    "Ketua Sekolah Tinggi Negeri": (Eselon.II_B, 14),
    "Kepala Kantor Kementerian Agama Kabupaten/Kota": (Eselon.III_A, 12),
    "Kepala Balai": (Eselon.III_A, 12),
    "Kepala Madrasah Aliyah Negeri": (Eselon.IV_A, 9),
    "Kepala Madrasah Tsanawiyah Negeri": (Eselon.IV_A, 9),
    "Kepala Madrasah Ibtidaiyah Negeri": (Eselon.IV_B, 8),
    "Kepala Kantor Urusan Agama Kecamatan": (Eselon.IV_B, 8),
}

# Struktural positions held by staff (administrator and pengawas), by rumpun.
STRUKTURAL_STAF: dict[str, tuple[tuple[str, Eselon, int], ...]] = {
    "struktural_iii": (
        ("Kepala Bagian Tata Usaha", Eselon.III_A, 11),
        ("Kepala Bidang", Eselon.III_A, 11),
    ),
    "struktural_iv": (
        ("Kepala Subbagian", Eselon.IV_A, 9),
        ("Kepala Seksi", Eselon.IV_A, 9),
    ),
}

AHLI = (Jenjang.AHLI_PERTAMA, Jenjang.AHLI_MUDA, Jenjang.AHLI_MADYA, Jenjang.AHLI_UTAMA)
TERAMPIL = (Jenjang.PEMULA, Jenjang.TERAMPIL, Jenjang.MAHIR, Jenjang.PENYELIA)

# rumpun -> (nama jabatan fungsional, jenjang available)
FUNGSIONAL: dict[str, tuple[str, tuple[Jenjang, ...]]] = {
    "guru": ("Guru", AHLI),
    "dosen": ("Dosen", AHLI),
    "penghulu": ("Penghulu", AHLI),
    "penyuluh": ("Penyuluh Agama Islam", AHLI + TERAMPIL),
    "pengawas": ("Pengawas Sekolah", AHLI),
    "analis_kebijakan": ("Analis Kebijakan", AHLI),
    "pranata_komputer": ("Pranata Komputer", AHLI + TERAMPIL),
    "arsiparis": ("Arsiparis", AHLI + TERAMPIL),
    "analis_sdm": ("Analis Sumber Daya Manusia Aparatur", AHLI),
    "perencana": ("Perencana", AHLI),
    "auditor": ("Auditor", AHLI + TERAMPIL),
    "pustakawan": ("Pustakawan", AHLI + TERAMPIL),
    "widyaiswara": ("Widyaiswara", AHLI),
    "pranata_humas": ("Pranata Hubungan Masyarakat", AHLI + TERAMPIL),
    "pranata_keuangan": ("Pranata Keuangan APBN", TERAMPIL),
}

LABEL_JENJANG = {
    Jenjang.AHLI_PERTAMA: "Ahli Pertama",
    Jenjang.AHLI_MUDA: "Ahli Muda",
    Jenjang.AHLI_MADYA: "Ahli Madya",
    Jenjang.AHLI_UTAMA: "Ahli Utama",
    Jenjang.PEMULA: "Pemula",
    Jenjang.TERAMPIL: "Terampil",
    Jenjang.MAHIR: "Mahir",
    Jenjang.PENYELIA: "Penyelia",
}
# Dosen keep their academic ranks as jenjang names.
LABEL_DOSEN = {
    Jenjang.AHLI_PERTAMA: "Asisten Ahli",
    Jenjang.AHLI_MUDA: "Lektor",
    Jenjang.AHLI_MADYA: "Lektor Kepala",
    Jenjang.AHLI_UTAMA: "Profesor",
}
KELAS_JENJANG = {
    Jenjang.AHLI_PERTAMA: 8,
    Jenjang.AHLI_MUDA: 9,
    Jenjang.AHLI_MADYA: 11,
    Jenjang.AHLI_UTAMA: 13,
    Jenjang.PEMULA: 5,
    Jenjang.TERAMPIL: 6,
    Jenjang.MAHIR: 7,
    Jenjang.PENYELIA: 8,
}
JENJANG_WEIGHTS = {
    Jenjang.AHLI_PERTAMA: 34,
    Jenjang.AHLI_MUDA: 36,
    Jenjang.AHLI_MADYA: 27,
    Jenjang.AHLI_UTAMA: 3,
    Jenjang.PEMULA: 5,
    Jenjang.TERAMPIL: 35,
    Jenjang.MAHIR: 40,
    Jenjang.PENYELIA: 20,
}

# Pelaksana (jabatan fungsional umum) after the 2022 simplification: (nama, kelas 5-8).
PELAKSANA = (
    ("Operator Layanan Operasional", 5),
    ("Pengadministrasi Perkantoran", 6),
    ("Pengolah Data dan Informasi", 7),
    ("Pengelola Layanan Operasional", 7),
    ("Penata Layanan Operasional", 8),
    ("Penelaah Teknis Kebijakan", 8),
)


@dataclass(frozen=True, slots=True)
class JabatanSpec:
    id: int
    nama: str
    jenis: JenisJabatan
    kelas: int
    eselon: Eselon | None
    jenjang: Jenjang | None
    rumpun: str
    siasn_id: str


class KatalogJabatan:
    """Every jabatan of the seed, with ids assigned in catalogue order."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self.all: list[JabatanSpec] = []
        self.pimpinan = {
            nama: self._struktural(nama, eselon, kelas, "pimpinan")
            for nama, (eselon, kelas) in PIMPINAN.items()
        }
        self.struktural_staf = {
            rumpun: [self._struktural(nama, eselon, kelas, rumpun) for nama, eselon, kelas in rows]
            for rumpun, rows in STRUKTURAL_STAF.items()
        }
        self.fungsional = {
            (rumpun, jenjang): self._fungsional(rumpun, nama, jenjang)
            for rumpun, (nama, jenjangs) in FUNGSIONAL.items()
            for jenjang in jenjangs
        }
        self.pelaksana = [
            self._add(nama, JenisJabatan.FUNGSIONAL_UMUM, kelas, None, None, "pelaksana")
            for nama, kelas in PELAKSANA
        ]
        self.jenjang_pickers = {
            rumpun: Weighted([(jenjang, JENJANG_WEIGHTS[jenjang]) for jenjang in jenjangs])
            for rumpun, (_, jenjangs) in FUNGSIONAL.items()
        }

    def _struktural(self, nama: str, eselon: Eselon, kelas: int, rumpun: str) -> JabatanSpec:
        return self._add(nama, JenisJabatan.STRUKTURAL, kelas, eselon, None, rumpun)

    def _fungsional(self, rumpun: str, nama: str, jenjang: Jenjang) -> JabatanSpec:
        labels = LABEL_DOSEN if rumpun == "dosen" else LABEL_JENJANG
        return self._add(f"{nama} {labels[jenjang]}", JenisJabatan.FUNGSIONAL_TERTENTU,
                         KELAS_JENJANG[jenjang], None, jenjang, rumpun)  # fmt: skip

    def _add(self, nama, jenis, kelas, eselon, jenjang, rumpun) -> JabatanSpec:
        spec = JabatanSpec(len(self.all) + 1, nama, jenis, kelas, eselon, jenjang, rumpun,
                           hex_id(self._rng))
        self.all.append(spec)
        return spec

    def lowest_fungsional(self, rumpun: str) -> JabatanSpec:
        """The entry jenjang, where CPNS and most PPPK start."""
        jenjangs = FUNGSIONAL[rumpun][1]
        start = Jenjang.AHLI_PERTAMA if Jenjang.AHLI_PERTAMA in jenjangs else Jenjang.TERAMPIL
        return self.fungsional[(rumpun, start)]

