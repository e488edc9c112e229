"""Real places: the 34 provinces that Kemenag's Kanwil follow and their 514 kabupaten/kota
(ref/wilayah_kabkota.csv, Kemendagri codes, 2021 vintage)."""

from dataclasses import dataclass
from functools import cache

from ekinerja_graphql import ref

UPPER_WORDS = frozenset({"DKI"})


@dataclass(frozen=True, slots=True)
class KabKota:
    kode: str  # Kemendagri, 4 digits (never a BPS code)
    nama: str  # "Kabupaten Aceh Selatan", "Kota Administrasi Jakarta Pusat"
    kota: bool


@dataclass(frozen=True, slots=True)
class Provinsi:
    kode: str
    nama: str  # "Aceh", "DKI Jakarta", "Daerah Istimewa Yogyakarta"
    kabkota: tuple[KabKota, ...]


def title_case(text: str) -> str:
    """'KABUPATEN ACEH SELATAN' -> 'Kabupaten Aceh Selatan'; 'DKI JAKARTA' keeps 'DKI'."""
    return " ".join(word if word in UPPER_WORDS else word.title() for word in text.split())


@cache
def provinsi_all() -> tuple[Provinsi, ...]:
    """In Kemendagri code order, each with its kab/kota in code order."""
    grouped: dict[tuple[str, str], list[KabKota]] = {}
    for row in ref.table("wilayah_kabkota"):
        kabkota = KabKota(row["kode_kabkota"], title_case(row["nama_kabkota"]),
                          row["jenis"] == "KOTA")  # fmt: skip
        grouped.setdefault((row["kode_provinsi"], row["nama_provinsi"]), []).append(kabkota)
    return tuple(
        Provinsi(kode, title_case(nama), tuple(sorted(places, key=lambda k: k.kode)))
        for (kode, nama), places in sorted(grouped.items())
    )


# Kecamatan names are not in the reference data: KUA get synthetic ones, built the way many
# real kecamatan are named (a place word and a hopeful or descriptive one).
AWALAN_TEMPAT = ("Suka", "Sumber", "Karang", "Tanjung", "Batu", "Padang", "Muara", "Sungai",
                 "Teluk", "Bukit", "Gunung", "Rawa", "Mekar", "Tegal", "Pasir", "Air", "Kota",
                 "Pulau", "Lubuk", "Talang", "Kampung", "Marga")
AKHIRAN_TEMPAT = ("Jaya", "Makmur", "Sari", "Mulya", "Baru", "Rejo", "Agung", "Indah",
                  "Harapan", "Raya", "Asri", "Mukti", "Tengah", "Lama", "Tinggi", "Permai",
                  "Sejahtera", "Damai", "Manunggal", "Wangi")
MELEKAT = frozenset({"Suka", "Sumber", "Karang", "Mekar", "Tegal", "Marga"})


def kecamatan_names(rng, count: int) -> list[str]:
    """`count` distinct kecamatan names, e.g. 'Sukamakmur', 'Tanjung Harapan'."""
    names = [f"{a}{b.lower()}" if a in MELEKAT else f"{a} {b}"
             for a in AWALAN_TEMPAT for b in AKHIRAN_TEMPAT]  # fmt: skip
    chosen = rng.sample(names, min(count, len(names)))
    return chosen + [f"{chosen[i % len(chosen)]} {i // len(chosen) + 1}"
                     for i in range(count - len(chosen))]  # fmt: skip


def provinsi_of(kabkota: KabKota) -> Provinsi:
    return _by_kode()[kabkota.kode[:2]]


@cache
def _by_kode() -> dict[str, Provinsi]:
    return {provinsi.kode: provinsi for provinsi in provinsi_all()}
