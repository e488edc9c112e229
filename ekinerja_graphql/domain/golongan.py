"""Golongan: the PNS scale (ruang I/a … IV/e, SIASN ids 11 … 45, with pangkat) and the PPPK
scale (I … XVII); the two are never mixed (spec/domain.md §6). Also how a PNS career
moves up the PNS scale."""

from enum import StrEnum


class TingkatPendidikan(StrEnum):
    """Education level a pegawai was appointed with; it sets the first golongan."""

    SD = "SD"
    SMP = "SMP"
    SLTA = "SLTA"
    D1 = "D1"
    D2 = "D2"
    D3 = "D3"
    S1 = "S1"  # S1 or D-IV
    S2 = "S2"
    S3 = "S3"


class Golongan(StrEnum):
    """PNS golongan/ruang, valued by SIASN golonganId (ref/siasn_golongan_pns.csv)."""

    I_A = "11"
    I_B = "12"
    I_C = "13"
    I_D = "14"
    II_A = "21"
    II_B = "22"
    II_C = "23"
    II_D = "24"
    III_A = "31"
    III_B = "32"
    III_C = "33"
    III_D = "34"
    IV_A = "41"
    IV_B = "42"
    IV_C = "43"
    IV_D = "44"
    IV_E = "45"


GOLONGAN = tuple(Golongan)  # lowest first

PANGKAT = {
    Golongan.I_A: "Juru Muda",
    Golongan.I_B: "Juru Muda Tingkat I",
    Golongan.I_C: "Juru",
    Golongan.I_D: "Juru Tingkat I",
    Golongan.II_A: "Pengatur Muda",
    Golongan.II_B: "Pengatur Muda Tingkat I",
    Golongan.II_C: "Pengatur",
    Golongan.II_D: "Pengatur Tingkat I",
    Golongan.III_A: "Penata Muda",
    Golongan.III_B: "Penata Muda Tingkat I",
    Golongan.III_C: "Penata",
    Golongan.III_D: "Penata Tingkat I",
    Golongan.IV_A: "Pembina",
    Golongan.IV_B: "Pembina Tingkat I",
    Golongan.IV_C: "Pembina Utama Muda",
    Golongan.IV_D: "Pembina Utama Madya",
    Golongan.IV_E: "Pembina Utama",
}


def golongan_label(golongan: Golongan) -> str:
    """'III/a' style label of a golongan."""
    roman, ruang = golongan.name.split("_")
    return f"{roman}/{ruang.lower()}"


def urutan(golongan: Golongan) -> int:
    """0 for I/a … 16 for IV/e."""
    return GOLONGAN.index(golongan)


def naik(golongan: Golongan, langkah: int) -> Golongan:
    """The golongan `langkah` steps up (or down), held within I/a … IV/e."""
    return GOLONGAN[max(0, min(len(GOLONGAN) - 1, urutan(golongan) + langkah))]


# First golongan of a CPNS by education. Not in spec/domain.md (it gives the PPPK scale
# only): written from PP 99/2000 as remembered, unverified.
GOLONGAN_AWAL = {
    TingkatPendidikan.SD: Golongan.I_A,
    TingkatPendidikan.SMP: Golongan.I_C,
    TingkatPendidikan.SLTA: Golongan.II_A,
    TingkatPendidikan.D1: Golongan.II_A,
    TingkatPendidikan.D2: Golongan.II_B,
    TingkatPendidikan.D3: Golongan.II_C,
    TingkatPendidikan.S1: Golongan.III_A,
    TingkatPendidikan.S2: Golongan.III_B,
    TingkatPendidikan.S3: Golongan.III_C,
}

# Fewest years in a golongan before the next one: a regular promotion, and the fastest
# there is, a jabatan fungsional's promotion by angka kredit. Years from TMT CPNS count.
# Not in spec/domain.md: written from PP 99/2000 jo. PP 12/2002 as remembered, unverified.
MASA_MINIMAL_REGULER = 4
MASA_MINIMAL_FUNGSIONAL = 2


def golongan_tertinggi(awal: Golongan, masa_kerja_tahun: int, masa_minimal: int) -> Golongan:
    """The highest golongan reachable from `awal` after `masa_kerja_tahun` full years when
    every step takes at least `masa_minimal` years."""
    return naik(awal, max(0, masa_kerja_tahun) // masa_minimal)


class GolonganPppk(StrEnum):
    """PPPK golongan I–XVII (Perpres 98/2020; ref/pppk_golongan.csv)."""

    I = "I"  # noqa: E741 - the golongan's own name
    II = "II"
    III = "III"
    IV = "IV"
    V = "V"
    VI = "VI"
    VII = "VII"
    VIII = "VIII"
    IX = "IX"
    X = "X"
    XI = "XI"
    XII = "XII"
    XIII = "XIII"
    XIV = "XIV"
    XV = "XV"
    XVI = "XVI"
    XVII = "XVII"


# Golongan of a PPPK at appointment by education (PermenPANRB 72/2020, ref/pppk_golongan.csv).
GOLONGAN_PPPK_PENDIDIKAN = {
    TingkatPendidikan.SD: GolonganPppk.I,
    TingkatPendidikan.SMP: GolonganPppk.IV,
    TingkatPendidikan.SLTA: GolonganPppk.V,
    TingkatPendidikan.D1: GolonganPppk.V,
    TingkatPendidikan.D2: GolonganPppk.VI,
    TingkatPendidikan.D3: GolonganPppk.VII,
    TingkatPendidikan.S1: GolonganPppk.IX,
    TingkatPendidikan.S2: GolonganPppk.X,
    TingkatPendidikan.S3: GolonganPppk.XI,
}
