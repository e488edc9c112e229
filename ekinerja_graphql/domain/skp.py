"""SKP vocabulary and the rules of its content (spec/domain.md §2)."""

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum


class Pendekatan(StrEnum):
    KUANTITATIF = "KUANTITATIF"
    KUALITATIF = "KUALITATIF"


class JenisJabatanSkp(StrEnum):
    JPT = "JPT"
    JA = "JA"
    JF = "JF"


class StatusSkp(StrEnum):
    DRAFT = "DRAFT"
    DIAJUKAN = "DIAJUKAN"
    DISETUJUI = "DISETUJUI"


class JenisRhk(StrEnum):
    UTAMA = "UTAMA"
    TAMBAHAN = "TAMBAHAN"


# An SKP lists its UTAMA RHK first, then the TAMBAHAN ones: an order of meaning, not of text.
URUTAN_JENIS_RHK = {JenisRhk.UTAMA: 0, JenisRhk.TAMBAHAN: 1}


def rhk_atasan_wajib(jenis_jabatan: JenisJabatanSkp, jenis_rhk: JenisRhk) -> bool:
    """Whether an RHK must name the superior's RHK it intervenes (spec §2 [C]): every UTAMA
    RHK of a JA or JF; a JPT's RHK carry perspektif instead, TAMBAHAN ones stand alone."""
    return jenis_rhk == JenisRhk.UTAMA and jenis_jabatan != JenisJabatanSkp.JPT


class PerspektifJpt(StrEnum):
    PENERIMA_LAYANAN = "PENERIMA_LAYANAN"
    PROSES_BISNIS = "PROSES_BISNIS"
    PENGUATAN_INTERNAL = "PENGUATAN_INTERNAL"
    ANGGARAN = "ANGGARAN"


class AspekIndikator(StrEnum):
    KUANTITAS = "KUANTITAS"
    KUALITAS = "KUALITAS"
    WAKTU = "WAKTU"
    BIAYA = "BIAYA"


class NilaiBerakhlak(StrEnum):
    """The seven BerAKHLAK core values, in their official order (§3)."""

    BERORIENTASI_PELAYANAN = "BERORIENTASI_PELAYANAN"
    AKUNTABEL = "AKUNTABEL"
    KOMPETEN = "KOMPETEN"
    HARMONIS = "HARMONIS"
    LOYAL = "LOYAL"
    ADAPTIF = "ADAPTIF"
    KOLABORATIF = "KOLABORATIF"


NAMA_BERAKHLAK = {
    NilaiBerakhlak.BERORIENTASI_PELAYANAN: "Berorientasi Pelayanan",
    NilaiBerakhlak.AKUNTABEL: "Akuntabel",
    NilaiBerakhlak.KOMPETEN: "Kompeten",
    NilaiBerakhlak.HARMONIS: "Harmonis",
    NilaiBerakhlak.LOYAL: "Loyal",
    NilaiBerakhlak.ADAPTIF: "Adaptif",
    NilaiBerakhlak.KOLABORATIF: "Kolaboratif",
}


# Bounds of what one SKP holds (the read side prices lists by them: api/skp/types.py).
MAKS_RHK = 10
MAKS_INDIKATOR = len(AspekIndikator)  # one indicator per aspek
MAKS_LAMPIRAN = 20  # items of each lampiran list
MAKS_UMPAN_BALIK = 50  # per RHK and year: about one a week
PANJANG_URAIAN = 2000
PANJANG_SATUAN = 60
PANJANG_LAMPIRAN = 500
ANGKA_MAKS = Decimal(10) ** 12  # targets and realisasi are numeric(14, 2)
ANGKA_BOLEH = "a number from 0 to below 1000000000000 with at most 2 decimals"


def angka_sah(value: Decimal) -> bool:
    """A target or realisasi value fits: finite, not negative, below ANGKA_MAKS, cents."""
    return value.is_finite() and 0 <= value < ANGKA_MAKS and value.as_tuple().exponent >= -2


def jenis_jabatan_skp(jpt: bool, fungsional: bool) -> JenisJabatanSkp:
    """JPT for pimpinan tinggi; JF for a jabatan fungsional (a head with a tugas tambahan
    too); JA for administrasi and pelaksana."""
    if jpt:
        return JenisJabatanSkp.JPT
    return JenisJabatanSkp.JF if fungsional else JenisJabatanSkp.JA


@dataclass(frozen=True, slots=True)
class IndikatorRencana:
    aspek: AspekIndikator
    target_nilai: object | None  # a Decimal when measured
    target_satuan: str | None
    target_deskripsi: str | None


@dataclass(frozen=True, slots=True)
class RhkRencana:
    jenis: JenisRhk
    uraian: str
    rhk_atasan: bool
    perspektif: bool
    indikator: tuple[IndikatorRencana, ...]


def masalah_pengajuan(
    pendekatan: Pendekatan, jenis_jabatan: JenisJabatanSkp, rhk: tuple[RhkRencana, ...]
) -> list[str]:
    """What keeps a draft from being submitted, in plain words (empty: it may be)."""
    problems = []
    if not any(item.jenis == JenisRhk.UTAMA for item in rhk):
        problems.append("an SKP needs at least one UTAMA RHK")
    for n, item in enumerate(rhk, start=1):
        name = f"RHK {n} ({item.uraian[:40]})"
        if rhk_atasan_wajib(jenis_jabatan, item.jenis) and not item.rhk_atasan:
            problems.append(f"{name}: an UTAMA RHK of a {jenis_jabatan} must name the RHK of "
                            "the pejabat penilai it intervenes (rhkAtasanId)")  # fmt: skip
        if jenis_jabatan == JenisJabatanSkp.JPT and item.jenis == JenisRhk.UTAMA \
                and not item.perspektif:  # fmt: skip
            problems.append(f"{name}: an UTAMA RHK of a JPT needs its perspektif")
        if not item.indikator:
            problems.append(f"{name}: needs at least one indikator")
        problems += [f"{name}: {p}" for p in _masalah_indikator(pendekatan, item)]
    return problems


def _masalah_indikator(pendekatan: Pendekatan, rhk: RhkRencana) -> list[str]:
    if pendekatan == Pendekatan.KUALITATIF:
        return [f"indikator {i.aspek} of a KUALITATIF SKP needs a target description"
                for i in rhk.indikator if not i.target_deskripsi]  # fmt: skip
    kuantitas = [i for i in rhk.indikator if i.aspek == AspekIndikator.KUANTITAS]
    problems = []
    if not kuantitas:
        problems.append("a KUANTITATIF RHK needs a KUANTITAS indikator (spec §2)")
    problems += [f"indikator {i.aspek} needs a target value and satuan" for i in rhk.indikator
                 if i.target_nilai is None or not i.target_satuan]  # fmt: skip
    return problems
