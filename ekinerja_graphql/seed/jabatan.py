"""The jabatan catalogue: struktural by eselon, fungsional as SIASN lists them for Kemenag
(ref/jabatan_fungsional_kemenag.csv: names, jenjang, SIASN ids), pelaksana by kelas."""

import random
from dataclasses import dataclass

from ekinerja_graphql import ref
from ekinerja_graphql.domain.golongan import Golongan
from ekinerja_graphql.domain.jabatan import (
    BUP_ADMINISTRASI,
    BUP_JPT,
    GOLONGAN_ESELON,
    GOLONGAN_JENJANG,
    JENJANG_BY_KODE,
    JPT,
    Eselon,
    JenisJabatan,
    Jenjang,
)
from ekinerja_graphql.seed.randomness import Weighted, hex_id

# Kelas jabatan: no source gives Kemenag's per position (ref/README.md), so these are the
# seed's assumptions; tukin takes kelas from data, never from here.
KELAS_ESELON = {
    Eselon.I_A_JPT_MADYA: 17, Eselon.I_B_JPT_MADYA: 16, Eselon.II_A: 15, Eselon.II_B: 14,
    Eselon.III_A: 12, Eselon.III_B: 11, Eselon.IV_A: 9, Eselon.IV_B: 8,
}  # fmt: skip
KELAS_JENJANG = {
    Jenjang.AHLI_PERTAMA: 8, Jenjang.AHLI_MUDA: 9, Jenjang.AHLI_MADYA: 11, Jenjang.AHLI_UTAMA: 13,
    Jenjang.PEMULA: 5, Jenjang.TERAMPIL: 6, Jenjang.MAHIR: 7, Jenjang.PENYELIA: 8,
}  # fmt: skip

# Struktural positions: unit heads and staf ahli, by name.
STRUKTURAL: dict[str, Eselon] = {
    "Staf Ahli Menteri": Eselon.I_B_JPT_MADYA,
    "Sekretaris Jenderal": Eselon.I_A_JPT_MADYA,
    "Direktur Jenderal": Eselon.I_A_JPT_MADYA,
    "Inspektur Jenderal": Eselon.I_A_JPT_MADYA,
    "Kepala Badan": Eselon.I_A_JPT_MADYA,
    "Direktur": Eselon.II_A,
    "Kepala Biro": Eselon.II_A,
    "Kepala Pusat": Eselon.II_A,
    "Sekretaris Unit Eselon I": Eselon.II_A,
    "Inspektur": Eselon.II_A,
    "Kepala Kantor Wilayah": Eselon.II_A,
    "Kepala Biro Perguruan Tinggi": Eselon.II_B,
    "Kepala Kantor Kementerian Agama Kabupaten/Kota": Eselon.III_A,
    "Kepala Balai": Eselon.III_A,
    "Kepala Bagian": Eselon.III_A,
    "Kepala Bidang": Eselon.III_A,
    "Kepala Subdirektorat": Eselon.III_A,
    "Pembimbing Masyarakat": Eselon.III_A,
    "Kepala Bagian Tata Usaha Fakultas": Eselon.III_B,
    "Kepala Subbagian": Eselon.IV_A,
    "Kepala Seksi": Eselon.IV_A,
    "Penyelenggara": Eselon.IV_A,
}

# rumpun -> SIASN jabatan fungsional family (kelompok_jabatan of the reference table)
FUNGSIONAL = {
    "guru": "Guru",
    "dosen": "Dosen",
    "penghulu": "Penghulu",
    "penyuluh": "Penyuluh Agama",
    "pengawas": "Pengawas Sekolah",
    "analis_kebijakan": "Analis Kebijakan",
    "pranata_komputer": "Pranata Komputer",
    "arsiparis": "Arsiparis",
    "analis_sdm": "Analis Sumber Daya Manusia Aparatur",
    "pranata_sdm": "Pranata Sumber Daya Manusia Aparatur",
    "perencana": "Perencana",
    "auditor": "Auditor",
    "pustakawan": "Pustakawan",
    "widyaiswara": "Widyaiswara",
    "pranata_humas": "Pranata Hubungan Masyarakat",
    "pranata_keuangan": "Pranata Keuangan APBN",
    "analis_keuangan": "Analis Pengelolaan Keuangan APBN",
    "pengelola_pbj": "Pengelola Pengadaan Barang/Jasa",
    "analis_hukum": "Analis Hukum",
    "pranata_lab": "Pranata Laboratorium Pendidikan",
    "pengembang_tekpem": "Pengembang Teknologi Pembelajaran",
    "pengembang_tafsir": "Pengembang Tafsir Al Quran",
}

# How the holders of a family spread over its jenjang (relative; missing jenjang ignored).
JENJANG_WEIGHTS = {
    Jenjang.AHLI_PERTAMA: 34, Jenjang.AHLI_MUDA: 36, Jenjang.AHLI_MADYA: 27, Jenjang.AHLI_UTAMA: 2,
    Jenjang.PEMULA: 5, Jenjang.TERAMPIL: 35, Jenjang.MAHIR: 40, Jenjang.PENYELIA: 20,
}  # fmt: skip
KEAHLIAN = (Jenjang.AHLI_PERTAMA, Jenjang.AHLI_MUDA, Jenjang.AHLI_MADYA, Jenjang.AHLI_UTAMA)
KETERAMPILAN = (Jenjang.PEMULA, Jenjang.TERAMPIL, Jenjang.MAHIR, Jenjang.PENYELIA)
SHARE_KEAHLIAN_AWAL = 0.75  # appointed with a degree rather than a diploma

# Pelaksana (jabatan fungsional umum) after the 2022 simplification: (nama, kelas 5-8) and
# the golongan range a PNS in it has (the seed's assumption).
PELAKSANA = (
    ("Operator Layanan Operasional", 5),
    ("Pengadministrasi Perkantoran", 6),
    ("Pengolah Data dan Informasi", 7),
    ("Pengelola Layanan Operasional", 7),
    ("Penata Layanan Operasional", 8),
    ("Penelaah Teknis Kebijakan", 8),
)
GOLONGAN_PELAKSANA = {
    5: (Golongan.II_A, Golongan.III_B), 6: (Golongan.II_A, Golongan.III_C),
    7: (Golongan.II_C, Golongan.III_D), 8: (Golongan.III_A, Golongan.III_D),
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class JabatanSpec:
    id: int
    nama: str
    jenis: JenisJabatan
    kelas: int
    eselon: Eselon | None
    jenjang: Jenjang | None
    rumpun: str  # fungsional family key, "pelaksana" or "struktural"
    siasn_id: str
    bup: int  # batas usia pensiun

    @property
    def golongan_range(self) -> tuple[Golongan, Golongan]:
        """Lowest and highest golongan of a PNS in this position."""
        if self.eselon is not None:
            return GOLONGAN_ESELON[self.eselon]
        if self.jenjang is not None:
            return GOLONGAN_JENJANG[self.jenjang]
        return GOLONGAN_PELAKSANA[self.kelas]


class KatalogJabatan:
    """Every jabatan of the seed, with ids assigned in catalogue order."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self.all: list[JabatanSpec] = []
        self.struktural = {
            nama: self._add(nama, JenisJabatan.STRUKTURAL, KELAS_ESELON[eselon], eselon, None,
                            "struktural", hex_id(rng), _bup_struktural(eselon))  # fmt: skip
            for nama, eselon in STRUKTURAL.items()
        }
        self.fungsional: dict[tuple[str, Jenjang], JabatanSpec] = {}
        for row in ref.table("jabatan_fungsional_kemenag"):
            rumpun = _RUMPUN_OF_FAMILY.get(row["kelompok_jabatan"])
            if rumpun is None or row["status_siasn"] != "N":
                continue
            jenjang = JENJANG_BY_KODE[row["jenjang_kode"]]
            self.fungsional[(rumpun, jenjang)] = self._add(
                row["nama_jabatan"], JenisJabatan.FUNGSIONAL_TERTENTU, KELAS_JENJANG[jenjang],
                None, jenjang, rumpun, row["siasn_jabatan_fungsional_id"], int(row["usia_bup"]),
            )  # fmt: skip
        self.pelaksana = [
            self._add(nama, JenisJabatan.FUNGSIONAL_UMUM, kelas, None, None, "pelaksana",
                      hex_id(rng), BUP_ADMINISTRASI)  # fmt: skip
            for nama, kelas in PELAKSANA
        ]
        self.jenjang = {rumpun: [j for r, j in self.fungsional if r == rumpun]
                        for rumpun in FUNGSIONAL}  # fmt: skip
        self._jenjang_pickers = {
            rumpun: Weighted([(j, JENJANG_WEIGHTS[j]) for j in jenjangs])
            for rumpun, jenjangs in self.jenjang.items()
        }

    def _add(self, nama, jenis, kelas, eselon, jenjang, rumpun, siasn_id, bup) -> JabatanSpec:
        spec = JabatanSpec(len(self.all) + 1, nama, jenis, kelas, eselon, jenjang, rumpun,
                           siasn_id, bup)  # fmt: skip
        self.all.append(spec)
        return spec

    def fungsional_acak(self, rumpun: str) -> JabatanSpec:
        return self.fungsional[(rumpun, self._jenjang_pickers[rumpun].pick(self._rng))]

    def fungsional_awal(self, rumpun: str) -> JabatanSpec:
        """The lowest jenjang of the family in SIASN, keahlian or keterampilan as appointed
        (Penyuluh Agama starts at Terampil or Ahli Pertama, Pengawas Sekolah at Ahli Muda):
        where CPNS and most PPPK start."""
        jenjangs = self.jenjang[rumpun]
        keahlian = [j for j in KEAHLIAN if j in jenjangs]
        keterampilan = [j for j in KETERAMPILAN if j in jenjangs]
        if not keterampilan or (keahlian and self._rng.random() < SHARE_KEAHLIAN_AWAL):
            return self.fungsional[(rumpun, keahlian[0])]
        return self.fungsional[(rumpun, keterampilan[0])]

    def has_entry_jenjang(self, rumpun: str) -> bool:
        """Whether a CPNS or PPPK can be appointed into the family (Pengawas Sekolah starts
        at Ahli Muda: pengawas are guru promoted, never newly appointed)."""
        entries = (Jenjang.AHLI_PERTAMA, Jenjang.PEMULA, Jenjang.TERAMPIL)
        return rumpun == "pelaksana" or any(j in self.jenjang[rumpun] for j in entries)

    def fungsional_setidaknya(self, rumpun: str, minimum: tuple[Jenjang, ...]) -> JabatanSpec:
        """A jenjang among `minimum` the family has, drawn: for heads with a tugas tambahan."""
        choices = [j for j in minimum if j in self.jenjang[rumpun]]
        return self.fungsional[(rumpun, self._rng.choice(choices))]


def _bup_struktural(eselon: Eselon) -> int:
    return BUP_JPT if eselon in JPT else BUP_ADMINISTRASI


_RUMPUN_OF_FAMILY = {family: rumpun for rumpun, family in FUNGSIONAL.items()}
