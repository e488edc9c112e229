"""SKP vocabulary (spec/domain.md §2)."""

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
    return jenis_rhk is JenisRhk.UTAMA and jenis_jabatan is not JenisJabatanSkp.JPT


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
