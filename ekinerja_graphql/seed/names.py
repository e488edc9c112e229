"""Indonesian names from curated pools: first and last names with their frequencies
(ref/nama_depan.csv, ref/nama_belakang.csv), by gender, religion and region.

The frequency files come from one region (DKI Jakarta), so the regional parts are curated
here: Batak marga in Sumatera Utara, Balinese names in Bali, Christian given names.
"""

import random
from dataclasses import dataclass
from functools import cache

from faker import Faker

from ekinerja_graphql import ref
from ekinerja_graphql.seed.agama import Agama
from ekinerja_graphql.seed.randomness import Weighted

# Christian given names: taken out of the general pool, used for Kristen and Katolik staff.
NAMA_KRISTIANI = frozenset({
    "Maria", "Daniel", "Samuel", "Elisabeth", "Robert", "Debora", "Ester", "Esther", "Martha",
    "Michael", "Yohanes", "Hendrik", "Jessica", "Christian", "Margaretha", "Petrus", "Theresia",
    "David", "Yosef", "Yusuf", "Paulus", "Stefanus", "Agustinus", "Fransiskus", "Antonius",
    "Markus", "Yakobus", "Yulius", "Imanuel", "Yosua", "Natalia", "Yuliana", "Agustina",
    "Magdalena", "Fransiska", "Veronika", "Katarina", "Yohana", "Lidia", "Rut", "Ruth",
    "Kristina", "Christina", "Benediktus", "Andreas", "Timotius", "Yohanis", "Welem",
    "Yermias", "Stefani", "Grace", "Sarah", "Priskila", "Elisa", "Matius", "Lukas",
    "Johanes", "Johannes", "Johan", "Johana", "Joseph", "Franciscus", "Fransisca", "Frans",
    "Ignatius", "Agnes", "Christine", "Elizabeth", "Lydia", "Alexander", "Albert", "Anthony",
    "Edward", "James", "Steven", "Joel", "Edison",
})
# Not in the pools at all: Chinese family names the Jakarta list carries as given names.
NAMA_DIKECUALIKAN = frozenset({"Lie", "Tan", "Liem", "Lim", "Oey", "Kwee", "The", "Ong", "Go"})
# Given names for Christian staff missing from the frequency list (weight 3, its floor).
KRISTIANI_TAMBAHAN_LAKI = ("Yohanis", "Agustinus", "Fransiskus", "Antonius", "Stefanus",
                           "Paulus", "Markus", "Yakobus", "Yosua", "Timotius", "Yermias")
KRISTIANI_TAMBAHAN_PEREMPUAN = ("Yuliana", "Agustina", "Magdalena", "Fransiska", "Veronika",
                                "Katarina", "Yohana", "Priskila", "Natalia", "Kristina")
# Arabic-derived names that mark a Muslim; others draw from the general pool without them.
NAMA_ISLAMI = frozenset({
    "Muhammad", "Muhamad", "Mohamad", "Mohammad", "Moh", "Ahmad", "Achmad", "Abdul", "Abdullah",
    "Siti", "Nur", "Nurul", "Nurhayati", "Ali", "Rahmat", "Hasan", "Husein", "Umar", "Fatimah",
    "Aisyah", "Zainal", "Syamsul", "Abdurrahman", "Rahman", "Fauzi", "Arifin", "Anwar",
})
# Batak marga: Mandailing (mostly Muslim), Toba, Karo and Simalungun (mostly Christian).
MARGA_MANDAILING = ("Nasution", "Lubis", "Harahap", "Siregar", "Hasibuan", "Daulay",
                    "Rangkuti", "Batubara", "Ritonga", "Dalimunthe", "Tanjung")
MARGA_TOBA_KARO = ("Simanjuntak", "Sinaga", "Manurung", "Pasaribu", "Siahaan", "Hutabarat",
                   "Sitorus", "Tambunan", "Nainggolan", "Panjaitan", "Pardede", "Gultom",
                   "Hutapea", "Sihombing", "Situmorang", "Napitupulu", "Sianturi", "Manalu",
                   "Sibarani", "Simamora", "Simbolon", "Sitompul", "Samosir", "Silalahi",
                   "Simatupang", "Marpaung", "Hutagalung", "Sihotang", "Siagian", "Ginting",
                   "Tarigan", "Sembiring", "Purba", "Saragih", "Damanik", "Tampubolon",
                   "Pakpahan", "Silitonga", "Manik", "Sitanggang", "Hutasoit", "Sidabutar",
                   "Simangunsong", "Sinambela", "Sipahutar", "Sitepu", "Butar-Butar",
                   "Hutahaean", "Hutajulu", "Pangaribuan", "Sianipar", "Sihaloho", "Tobing",
                   "Munthe", "Nadeak", "Rajagukguk", "Siburian", "Sigalingging", "Butar")
SHARE_MARGA_SUMUT = 0.55
# Balinese names: birth-order name, then a given name.
URUTAN_BALI_LAKI = ("Wayan", "Putu", "Gede", "Made", "Kadek", "Nyoman", "Komang", "Ketut")
URUTAN_BALI_PEREMPUAN = ("Wayan", "Putu", "Luh", "Made", "Kadek", "Nyoman", "Komang", "Ketut")
NAMA_BALI_LAKI = ("Sudarma", "Suardana", "Sukadana", "Astawa", "Mahendra", "Arsana",
                  "Suarjana", "Wirawan", "Widiana", "Budiarta", "Sukarta", "Adnyana",
                  "Ariawan", "Sutama", "Wiguna", "Suparta", "Suyasa", "Darmawan", "Kariasa",
                  "Sudiarta", "Suweca", "Yasa", "Artha", "Mertayasa")
NAMA_BALI_PEREMPUAN = ("Sukerti", "Ariani", "Astuti", "Suryani", "Sumiati", "Wahyuni",
                       "Yuliantari", "Suartini", "Darmayanti", "Puspitasari", "Widiastuti",
                       "Sriani", "Sukarini", "Suarni", "Adnyani", "Sudarmini", "Ekayanti",
                       "Wirastuti", "Arini", "Mariani")
SHARE_BANGSAWAN_BALI = 0.08  # Ida Bagus / Ida Ayu, I Gusti / Gusti Ayu

STREET_POOL_SIZE = 2_000


@dataclass(frozen=True, slots=True)
class Pools:
    depan: Weighted[str]
    belakang: Weighted[str]


class NamePool:
    """Names and street addresses for the seed; built once, then every draw is O(log n)."""

    def __init__(self, random_seed: int) -> None:
        umum_laki, umum_perempuan = _first_names(lambda nama: nama not in NAMA_KRISTIANI)
        self._islam = {False: Pools(umum_laki, _last_names("L")),
                       True: Pools(umum_perempuan, _last_names("P"))}  # fmt: skip
        netral = lambda nama: nama not in NAMA_KRISTIANI and nama not in NAMA_ISLAMI  # noqa: E731
        netral_laki, netral_perempuan = _first_names(netral)
        self._netral = {False: Pools(netral_laki, _last_names("L", NAMA_ISLAMI)),
                        True: Pools(netral_perempuan, _last_names("P", NAMA_ISLAMI))}  # fmt: skip
        kristen_laki, kristen_perempuan = _first_names(lambda nama: nama in NAMA_KRISTIANI)
        self._kristen = {
            False: _with_extra(kristen_laki, KRISTIANI_TAMBAHAN_LAKI),
            True: _with_extra(kristen_perempuan, KRISTIANI_TAMBAHAN_PEREMPUAN),
        }
        faker = Faker("id_ID")
        faker.seed_instance(random_seed)
        self.jalan = tuple(dict.fromkeys(faker.street_address() for _ in range(STREET_POOL_SIZE)))

    def nama(self, rng: random.Random, perempuan: bool, agama: Agama, provinsi: str | None) -> str:
        if agama is Agama.HINDU and provinsi == "Bali":
            return _nama_bali(rng, perempuan)
        pools = self._islam[perempuan] if agama is Agama.ISLAM else self._netral[perempuan]
        depan = pools.depan
        if agama in (Agama.KRISTEN, Agama.KATOLIK):
            depan = self._kristen[perempuan]
        given = self._given(rng, depan, pools.depan)
        if provinsi == "Sumatera Utara" and rng.random() < SHARE_MARGA_SUMUT:
            marga = MARGA_MANDAILING if agama is Agama.ISLAM else MARGA_TOBA_KARO
            return f"{given} {rng.choice(marga)}"
        if rng.random() < 0.25:
            return given
        return f"{given} {pools.belakang.pick(rng)}"

    @staticmethod
    def _given(rng: random.Random, first: Weighted[str], middle: Weighted[str]) -> str:
        """One given name, sometimes two ("Muhammad Rizki", "Maria Dewi")."""
        name = first.pick(rng)
        if rng.random() < 0.3:
            second = middle.pick(rng)
            if second != name:
                return f"{name} {second}"
        return name


def _nama_bali(rng: random.Random, perempuan: bool) -> str:
    if rng.random() < SHARE_BANGSAWAN_BALI:
        gelar = rng.choice(("Ida Ayu", "Gusti Ayu") if perempuan else ("Ida Bagus", "I Gusti"))
        given = rng.choice(NAMA_BALI_PEREMPUAN if perempuan else NAMA_BALI_LAKI)
        return f"{gelar} {given}"
    if perempuan:
        return f"Ni {rng.choice(URUTAN_BALI_PEREMPUAN)} {rng.choice(NAMA_BALI_PEREMPUAN)}"
    return f"I {rng.choice(URUTAN_BALI_LAKI)} {rng.choice(NAMA_BALI_LAKI)}"


@cache
def _rows(table: str) -> tuple[dict[str, str], ...]:
    return tuple(row for row in ref.table(table) if row["nama"] not in NAMA_DIKECUALIKAN)


def _first_names(keep) -> tuple[Weighted[str], Weighted[str]]:
    """(male, female) pools of first names passing `keep`; U (either) names go to both."""
    rows = [row for row in _rows("nama_depan") if keep(row["nama"])]
    return _by_gender(rows, "L"), _by_gender(rows, "P")


def _last_names(gender: str, excluded: frozenset[str] = frozenset()) -> Weighted[str]:
    """Last-name tokens that are no Batak marga (those are regional) and no Christian names."""
    marga = set(MARGA_MANDAILING) | set(MARGA_TOBA_KARO)
    rows = [row for row in _rows("nama_belakang")
            if row["nama"] not in marga and row["nama"] not in NAMA_KRISTIANI
            and row["nama"] not in excluded]  # fmt: skip
    return _by_gender(rows, gender)


def _by_gender(rows: list[dict[str, str]], gender: str) -> Weighted[str]:
    return Weighted([(row["nama"], int(row["frekuensi"])) for row in rows
                     if row["gender"] in (gender, "U")])  # fmt: skip


def _with_extra(pool: Weighted[str], extra: tuple[str, ...]) -> Weighted[str]:
    pairs = list(zip(pool.items, pool.weights, strict=True))
    known = set(pool.items)
    return Weighted(pairs + [(nama, 3) for nama in extra if nama not in known])
