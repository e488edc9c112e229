"""Positions: jenis jabatan, eselon, jenjang of a jabatan fungsional, tugas tambahan, kelas,
and which golongan fit each (spec/domain.md §6; ekinerja_graphql/ref)."""

from enum import StrEnum

from ekinerja_graphql.domain.golongan import (
    GOLONGAN_PPPK_PENDIDIKAN,
    Golongan,
    GolonganPppk,
    TingkatPendidikan,
)

KELAS_JABATAN_TERENDAH = 1
KELAS_JABATAN_TERTINGGI = 17


class JenisJabatan(StrEnum):
    """SIASN jenisJabatan: 1 Struktural, 2 JF Tertentu, 3 Rangkap, 4 JF Umum (pelaksana)."""

    STRUKTURAL = "STRUKTURAL"
    FUNGSIONAL_TERTENTU = "FUNGSIONAL_TERTENTU"
    RANGKAP = "RANGKAP"
    FUNGSIONAL_UMUM = "FUNGSIONAL_UMUM"


SIASN_JENIS_JABATAN = {
    JenisJabatan.STRUKTURAL: "1",
    JenisJabatan.FUNGSIONAL_TERTENTU: "2",
    JenisJabatan.RANGKAP: "3",
    JenisJabatan.FUNGSIONAL_UMUM: "4",
}


class Eselon(StrEnum):
    """Valued by SIASN eselonId (ref/siasn_eselon.csv). Two ids are I.a: 10 JPT Utama and
    11 JPT Madya; there is no I.c. At Kemenag the Sekjen, Dirjen, Irjen and Kepala Badan
    are 11."""

    I_A_JPT_UTAMA = "10"
    I_A_JPT_MADYA = "11"
    I_B_JPT_MADYA = "12"
    II_A = "21"
    II_B = "22"
    III_A = "31"
    III_B = "32"
    IV_A = "41"
    IV_B = "42"
    V_A = "51"
    V_B = "52"
    NON_ESELON = "99"


# Pimpinan tinggi (JPT): their SKP is of jenis JPT, with perspektif.
JPT = frozenset({
    Eselon.I_A_JPT_UTAMA, Eselon.I_A_JPT_MADYA, Eselon.I_B_JPT_MADYA, Eselon.II_A, Eselon.II_B,
})

# Lowest and highest golongan of a struktural position. Not in spec/domain.md: written
# from PP 100/2000 as remembered, unverified.
GOLONGAN_ESELON = {
    Eselon.I_A_JPT_UTAMA: (Golongan.IV_D, Golongan.IV_E),
    Eselon.I_A_JPT_MADYA: (Golongan.IV_D, Golongan.IV_E),
    Eselon.I_B_JPT_MADYA: (Golongan.IV_C, Golongan.IV_E),
    Eselon.II_A: (Golongan.IV_C, Golongan.IV_D),
    Eselon.II_B: (Golongan.IV_B, Golongan.IV_C),
    Eselon.III_A: (Golongan.IV_A, Golongan.IV_B),
    Eselon.III_B: (Golongan.III_D, Golongan.IV_A),
    Eselon.IV_A: (Golongan.III_C, Golongan.III_D),
    Eselon.IV_B: (Golongan.III_B, Golongan.III_C),
    Eselon.V_A: (Golongan.III_A, Golongan.III_B),
    Eselon.V_B: (Golongan.II_D, Golongan.III_A),
}


class JenjangJabatanFungsional(StrEnum):
    AHLI_PERTAMA = "AHLI_PERTAMA"
    AHLI_MUDA = "AHLI_MUDA"
    AHLI_MADYA = "AHLI_MADYA"
    AHLI_UTAMA = "AHLI_UTAMA"
    PEMULA = "PEMULA"
    TERAMPIL = "TERAMPIL"
    MAHIR = "MAHIR"
    PENYELIA = "PENYELIA"


Jenjang = JenjangJabatanFungsional

# SIASN jenjang codes (ref/siasn_koefisien.csv, ref/jabatan_fungsional_kemenag.csv) and the
# koefisienId of kinerja periodik.
KODE_JENJANG = {
    Jenjang.AHLI_PERTAMA: "PT",
    Jenjang.AHLI_MUDA: "MU",
    Jenjang.AHLI_MADYA: "MA",
    Jenjang.AHLI_UTAMA: "UT",
    Jenjang.PEMULA: "PM",
    Jenjang.TERAMPIL: "TR",
    Jenjang.MAHIR: "MH",
    Jenjang.PENYELIA: "PY",
}
JENJANG_BY_KODE = {kode: jenjang for jenjang, kode in KODE_JENJANG.items()}
SIASN_KOEFISIEN_ID = {
    Jenjang.AHLI_PERTAMA: "12",
    Jenjang.AHLI_MUDA: "22",
    Jenjang.AHLI_MADYA: "32",
    Jenjang.AHLI_UTAMA: "42",
    Jenjang.PEMULA: "52",
    Jenjang.TERAMPIL: "62",
    Jenjang.MAHIR: "72",
    Jenjang.PENYELIA: "82",
}

# Golongan range of each jenjang for a PNS. Not in spec/domain.md: written from the
# PermenPANRB on jabatan fungsional as remembered, unverified.
GOLONGAN_JENJANG = {
    Jenjang.PEMULA: (Golongan.II_A, Golongan.II_A),
    Jenjang.TERAMPIL: (Golongan.II_B, Golongan.II_D),
    Jenjang.MAHIR: (Golongan.III_A, Golongan.III_B),
    Jenjang.PENYELIA: (Golongan.III_C, Golongan.III_D),
    Jenjang.AHLI_PERTAMA: (Golongan.III_A, Golongan.III_B),
    Jenjang.AHLI_MUDA: (Golongan.III_C, Golongan.III_D),
    Jenjang.AHLI_MADYA: (Golongan.IV_A, Golongan.IV_C),
    Jenjang.AHLI_UTAMA: (Golongan.IV_D, Golongan.IV_E),
}

# The usual PPPK golongan of a jenjang (ref/pppk_golongan.csv, one secondary source:
# typical, not a rule; spec §6: Ahli Pertama IX, Ahli Muda XI, Ahli Madya XIII, Terampil VII).
GOLONGAN_PPPK_JENJANG = {
    Jenjang.PEMULA: GolonganPppk.V,
    Jenjang.TERAMPIL: GolonganPppk.VII,
    Jenjang.MAHIR: GolonganPppk.IX,
    Jenjang.PENYELIA: GolonganPppk.XI,
    Jenjang.AHLI_PERTAMA: GolonganPppk.IX,
    Jenjang.AHLI_MUDA: GolonganPppk.XI,
    Jenjang.AHLI_MADYA: GolonganPppk.XIII,
    Jenjang.AHLI_UTAMA: GolonganPppk.XVI,
}
# Dosen are appointed with a master's degree: Asisten Ahli and Lektor sit at X-XII
# (ref/pppk_golongan.csv), above the Ahli Pertama IX of the other families.
GOLONGAN_PPPK_DOSEN = {Jenjang.AHLI_PERTAMA: GolonganPppk.X, Jenjang.AHLI_MUDA: GolonganPppk.XI}


def golongan_pppk(jenjang: Jenjang | None, pendidikan: TingkatPendidikan, dosen: bool = False
                  ) -> GolonganPppk:  # fmt: skip
    """The golongan of a PPPK: the usual one of their jenjang, else (a pelaksana, spec §6:
    V with SLTA) the one of the education they were appointed with."""
    if jenjang is None:
        return GOLONGAN_PPPK_PENDIDIKAN[pendidikan]
    if dosen and jenjang in GOLONGAN_PPPK_DOSEN:
        return GOLONGAN_PPPK_DOSEN[jenjang]
    return GOLONGAN_PPPK_JENJANG[jenjang]


# Retirement age (BUP) of struktural positions; a jabatan fungsional's is in
# ref/jabatan_fungsional_kemenag.csv. Not in spec/domain.md: written from UU ASN as
# remembered, unverified.
BUP_JPT = 60
BUP_ADMINISTRASI = 58


def golongan_sesuai(golongan: Golongan, eselon: Eselon | None, jenjang: Jenjang | None) -> bool:
    """Whether a PNS of this golongan fits a struktural (eselon) or fungsional (jenjang)
    position; positions with neither (pelaksana) take any golongan."""
    bounds = GOLONGAN_ESELON.get(eselon) if eselon else None
    if bounds is None and jenjang is not None:
        bounds = GOLONGAN_JENJANG[jenjang]
    if bounds is None:
        return True
    low, high = bounds
    return low <= golongan <= high  # ids order like the scale: "11" < … < "45"


class TugasTambahan(StrEnum):
    """A leadership task held beside a jabatan fungsional, not a structural eselon (§6):
    the kepala KUA is a penghulu, the kepala madrasah a guru; the rektor (universitas,
    institut), the ketua of a sekolah tinggi, dekan and ketua jurusan are dosen."""

    KEPALA_KUA = "KEPALA_KUA"
    KEPALA_MADRASAH = "KEPALA_MADRASAH"
    REKTOR = "REKTOR"
    KETUA_SEKOLAH_TINGGI = "KETUA_SEKOLAH_TINGGI"
    DEKAN = "DEKAN"
    KETUA_JURUSAN = "KETUA_JURUSAN"
