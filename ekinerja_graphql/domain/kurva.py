"""The distribution curve: which shares of employee predikat fit a unit's own predikat
(SE MenPANRB 3/2023 as spec/domain.md §4 gives it [S])."""

import math
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from ekinerja_graphql.domain.predikat import Predikat


class PredikatOrganisasi(StrEnum):
    """The capaian of a unit, set by the leader one level up."""

    ISTIMEWA = "ISTIMEWA"
    BAIK = "BAIK"
    BUTUH_PERBAIKAN = "BUTUH_PERBAIKAN"
    KURANG = "KURANG"
    SANGAT_KURANG = "SANGAT_KURANG"


class Pembulatan(StrEnum):
    """How a share of a small unit becomes a whole number of people [CFG]."""

    CEIL = "CEIL"
    FLOOR = "FLOOR"
    ROUND = "ROUND"  # half up (0.5 -> 1), not Python's round-half-even


# [CFG] defaults of spec §4: a unit of 3 may have ceil(2.1) = 3 BAIK and needs floor(1.8) = 1
# BUTUH_PERBAIKAN, i.e. small units get the benefit of the doubt both ways.
PEMBULATAN_MAKSIMUM = Pembulatan.CEIL
PEMBULATAN_MINIMUM = Pembulatan.FLOOR


class KodePelanggaran(StrEnum):
    KOSONG = "KOSONG"  # nobody rated: no share can be checked
    TERBESAR = "TERBESAR"  # the unit's predikat must be the largest group
    MAKSIMUM = "MAKSIMUM"  # group ≤ p%
    MINIMUM = "MINIMUM"  # group ≥ p% (a group of several predikat counts their sum)
    ADA_SATU = "ADA_SATU"  # at least one person in the group
    TIDAK_BOLEH_ADA = "TIDAK_BOLEH_ADA"  # nobody in the group


@dataclass(frozen=True, slots=True)
class Aturan:
    kode: KodePelanggaran
    predikat: tuple[Predikat, ...]
    persen: int | None = None  # of the unit's rated headcount; MAKSIMUM and MINIMUM only


_SB, _B, _BP, _K, _SK = Predikat
_TERBESAR, _MAKSIMUM, _MINIMUM = (KodePelanggaran.TERBESAR, KodePelanggaran.MAKSIMUM,
                                  KodePelanggaran.MINIMUM)

ATURAN_KURVA: dict[PredikatOrganisasi, tuple[Aturan, ...]] = {
    PredikatOrganisasi.ISTIMEWA: (
        Aturan(_TERBESAR, (_SB,)),
        Aturan(_MAKSIMUM, (_SB,), 70),
    ),
    PredikatOrganisasi.BAIK: (
        Aturan(_TERBESAR, (_B,)),
        Aturan(_MAKSIMUM, (_B,), 70),
        Aturan(KodePelanggaran.ADA_SATU, (_BP, _K)),
    ),
    PredikatOrganisasi.BUTUH_PERBAIKAN: (
        Aturan(_MINIMUM, (_BP,), 60),
        Aturan(_MAKSIMUM, (_SB,), 10),
    ),
    PredikatOrganisasi.KURANG: (
        Aturan(_MINIMUM, (_K,), 60),
        Aturan(_MINIMUM, (_BP,), 10),
        Aturan(_MAKSIMUM, (_SB,), 10),
    ),
    PredikatOrganisasi.SANGAT_KURANG: (
        Aturan(_MINIMUM, (_SK,), 60),
        # "KURANG dan/atau BUTUH_PERBAIKAN": either may be absent, so the sum counts.
        Aturan(_MINIMUM, (_BP, _K), 10),
        Aturan(KodePelanggaran.TIDAK_BOLEH_ADA, (_SB,)),
    ),
}

NAMA_PREDIKAT = {
    _SB: "Sangat Baik",
    _B: "Baik",
    _BP: "Butuh Perbaikan",
    _K: "Kurang",
    _SK: "Sangat Kurang",
}
NAMA_PREDIKAT_ORGANISASI = {
    PredikatOrganisasi.ISTIMEWA: "Istimewa",
    PredikatOrganisasi.BAIK: "Baik",
    PredikatOrganisasi.BUTUH_PERBAIKAN: "Butuh Perbaikan",
    PredikatOrganisasi.KURANG: "Kurang",
    PredikatOrganisasi.SANGAT_KURANG: "Sangat Kurang",
}
_CARA_PEMBULATAN = {
    Pembulatan.CEIL: "dibulatkan ke atas",
    Pembulatan.FLOOR: "dibulatkan ke bawah",
    Pembulatan.ROUND: "dibulatkan ke bilangan terdekat",
}


@dataclass(frozen=True, slots=True)
class Pelanggaran:
    """One rule of the curve that the unit's distribution breaks."""

    kode: KodePelanggaran
    predikat: tuple[Predikat, ...]  # the rule's group; for TERBESAR also the larger groups
    # The most people allowed (MAKSIMUM, TIDAK_BOLEH_ADA) or the fewest needed (the others).
    batas: int
    jumlah: int  # people actually in the group
    pesan: str


def bulatkan(nilai: Fraction, pembulatan: Pembulatan) -> int:
    """A share of a headcount as a whole number of people."""
    if pembulatan is Pembulatan.CEIL:
        return math.ceil(nilai)
    if pembulatan is Pembulatan.FLOOR:
        return math.floor(nilai)
    return math.floor(nilai + Fraction(1, 2))


def periksa_kurva(
    predikat_organisasi: PredikatOrganisasi,
    jumlah: Mapping[Predikat, int],
    pembulatan_maksimum: Pembulatan = PEMBULATAN_MAKSIMUM,
    pembulatan_minimum: Pembulatan = PEMBULATAN_MINIMUM,
) -> list[Pelanggaran]:
    """The rules of the curve that `jumlah` (people per predikat; a missing predikat is 0)
    breaks for a unit of `predikat_organisasi`, in the order of ATURAN_KURVA; [] if it fits."""
    predikat_organisasi = PredikatOrganisasi(predikat_organisasi)
    pembulatan_maksimum = Pembulatan(pembulatan_maksimum)
    pembulatan_minimum = Pembulatan(pembulatan_minimum)
    counts = _lengkapi(jumlah)
    total = sum(counts.values())
    nama_unit = NAMA_PREDIKAT_ORGANISASI[predikat_organisasi]
    if total == 0:
        pesan = (f"Belum ada pegawai yang dinilai di unit ini (0 pegawai); kurva unit berpredikat "
                 f"{nama_unit} butuh paling sedikit 1 pegawai yang dinilai.")
        return [Pelanggaran(KodePelanggaran.KOSONG, (), 1, 0, pesan)]
    pelanggaran = []
    for aturan in ATURAN_KURVA[predikat_organisasi]:
        if aturan.kode is KodePelanggaran.MAKSIMUM:
            hasil = _periksa_maksimum(aturan, counts, total, pembulatan_maksimum, nama_unit)
        elif aturan.kode is KodePelanggaran.MINIMUM:
            hasil = _periksa_minimum(aturan, counts, total, pembulatan_minimum, nama_unit)
        elif aturan.kode is KodePelanggaran.TERBESAR:
            hasil = _periksa_terbesar(aturan, counts, total, nama_unit)
        elif aturan.kode is KodePelanggaran.ADA_SATU:
            hasil = _periksa_ada_satu(aturan, counts, total, nama_unit)
        else:
            hasil = _periksa_tidak_boleh_ada(aturan, counts, total, nama_unit)
        if hasil is not None:
            pelanggaran.append(hasil)
    return pelanggaran


def _lengkapi(jumlah: Mapping[Predikat, int]) -> dict[Predikat, int]:
    """Every predikat with its count, in Predikat order whatever the order of `jumlah`."""
    counts = dict.fromkeys(Predikat, 0)
    for predikat, count in jumlah.items():
        if isinstance(count, bool) or not isinstance(count, int):
            raise TypeError(f"count of {predikat} must be an int, not {count!r}")
        if count < 0:
            raise ValueError(f"count of {predikat} must not be negative: {count}")
        counts[Predikat(predikat)] = count
    return counts


def _periksa_maksimum(aturan: Aturan, counts: dict[Predikat, int], total: int,
                      pembulatan: Pembulatan, nama_unit: str) -> Pelanggaran | None:
    (predikat,) = aturan.predikat
    batas = bulatkan(Fraction(aturan.persen * total, 100), pembulatan)
    if counts[predikat] <= batas:
        return None
    pesan = (f"{_kelompok(counts, total, aturan.predikat)}; paling banyak {batas} pegawai "
             f"({_batas_persen(aturan.persen, total, pembulatan)}) untuk unit berpredikat "
             f"{nama_unit}.")
    return Pelanggaran(aturan.kode, aturan.predikat, batas, counts[predikat], pesan)


def _periksa_minimum(aturan: Aturan, counts: dict[Predikat, int], total: int,
                     pembulatan: Pembulatan, nama_unit: str) -> Pelanggaran | None:
    batas = bulatkan(Fraction(aturan.persen * total, 100), pembulatan)
    jumlah = sum(counts[predikat] for predikat in aturan.predikat)
    if jumlah >= batas:
        return None
    pesan = (f"{_kelompok(counts, total, aturan.predikat)}; paling sedikit {batas} pegawai "
             f"({_batas_persen(aturan.persen, total, pembulatan)}) untuk unit berpredikat "
             f"{nama_unit}.")
    return Pelanggaran(aturan.kode, aturan.predikat, batas, jumlah, pesan)


def _periksa_terbesar(aturan: Aturan, counts: dict[Predikat, int], total: int,
                      nama_unit: str) -> Pelanggaran | None:
    # [D] "X is the largest group" holds when no other predikat has more people than X: a tie
    # for first place passes, since the source does not say it must be strictly the largest.
    (predikat,) = aturan.predikat
    lebih_banyak = tuple(p for p in Predikat if counts[p] > counts[predikat])
    if not lebih_banyak:
        return None
    batas = max(counts[p] for p in lebih_banyak)
    daftar = " dan ".join(f"{NAMA_PREDIKAT[p]} ({counts[p]})" for p in lebih_banyak)
    nama = NAMA_PREDIKAT[predikat]
    pesan = (f"{_kelompok(counts, total, aturan.predikat)}, lebih sedikit dari {daftar}; "
             f"unit berpredikat {nama_unit} harus punya {nama} sebagai kelompok terbesar, "
             f"jadi paling sedikit {batas} pegawai {nama}.")
    return Pelanggaran(aturan.kode, (predikat, *lebih_banyak), batas, counts[predikat], pesan)


def _periksa_ada_satu(aturan: Aturan, counts: dict[Predikat, int], total: int,
                      nama_unit: str) -> Pelanggaran | None:
    jumlah = sum(counts[predikat] for predikat in aturan.predikat)
    if jumlah >= 1:
        return None
    pilihan = " atau ".join(NAMA_PREDIKAT[p] for p in aturan.predikat)
    pesan = (f"Tidak ada pegawai {pilihan} (0 dari {total} pegawai); unit berpredikat "
             f"{nama_unit} harus punya paling sedikit 1 pegawai {pilihan}.")
    return Pelanggaran(aturan.kode, aturan.predikat, 1, jumlah, pesan)


def _periksa_tidak_boleh_ada(aturan: Aturan, counts: dict[Predikat, int], total: int,
                             nama_unit: str) -> Pelanggaran | None:
    jumlah = sum(counts[predikat] for predikat in aturan.predikat)
    if jumlah == 0:
        return None
    larangan = " atau ".join(NAMA_PREDIKAT[p] for p in aturan.predikat)
    pesan = (f"{_kelompok(counts, total, aturan.predikat)}; unit berpredikat {nama_unit} "
             f"tidak boleh punya pegawai {larangan} (paling banyak 0).")
    return Pelanggaran(aturan.kode, aturan.predikat, 0, jumlah, pesan)


def _kelompok(counts: dict[Predikat, int], total: int, predikat: tuple[Predikat, ...]) -> str:
    """E.g. "Baik 8 dari 10 pegawai (80%)"; a group of several is counted together."""
    jumlah = sum(counts[p] for p in predikat)
    nama = " dan ".join(NAMA_PREDIKAT[p] for p in predikat)
    if len(predikat) > 1:
        nama += " bersama"
    return f"{nama} {jumlah} dari {total} pegawai ({_persen(Fraction(100 * jumlah, total))})"


def _batas_persen(persen: int, total: int, pembulatan: Pembulatan) -> str:
    """E.g. "70%", or "70% dari 3 = 2,1, dibulatkan ke atas" when the share is not whole."""
    nilai = Fraction(persen * total, 100)
    if nilai.denominator == 1:
        return f"{persen}%"
    return f"{persen}% dari {total} = {_desimal(nilai, 2)}, {_CARA_PEMBULATAN[pembulatan]}"


def _persen(nilai: Fraction) -> str:
    return f"{_desimal(nilai, 1)}%"


def _desimal(nilai: Fraction, tempat: int) -> str:
    """A non-negative number with at most `tempat` decimals (half up), written the Indonesian
    way: decimal comma, no trailing zeros ("33,3", "2,1", "80")."""
    skala = 10**tempat
    satuan = math.floor(nilai * skala + Fraction(1, 2))
    bulat, pecahan = divmod(satuan, skala)
    if pecahan == 0:
        return str(bulat)
    return f"{bulat},{str(pecahan).zfill(tempat).rstrip('0')}"
