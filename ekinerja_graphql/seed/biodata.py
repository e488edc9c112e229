"""Personal data that must agree with itself: age, TMT CPNS, NIP, NIK, gelar."""

import random
from datetime import date

from ekinerja_graphql.domain.kepegawaian import Golongan, JenisKelamin
from ekinerja_graphql.domain.nip import format_nip
from ekinerja_graphql.seed.names import GELAR_BELAKANG

GOLONGAN = list(Golongan)
KODE_PROVINSI_NIK = (11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53,
                     61, 62, 63, 64, 65, 71, 72, 73, 74, 75, 76, 81, 82, 91, 92)  # fmt: skip
PREFIX_HP = ("11", "12", "13", "21", "22", "23", "52", "53", "55", "56", "57", "58", "77", "78",
             "81", "82", "83", "95", "96", "97", "98", "99")  # fmt: skip
DOMAIN_EMAIL = ("gmail.com", "gmail.com", "gmail.com", "yahoo.co.id", "kemenag.go.id")
MAX_NOMOR_URUT = 999


class NipRegister:
    """Hands out NIPs; the 3-digit sequence keeps NIPs with the same prefix apart."""

    def __init__(self) -> None:
        self._last: dict[str, int] = {}

    def allocate(self, tanggal_lahir: date, tmt_cpns: date, jenis_kelamin: JenisKelamin) -> str:
        prefix = format_nip(tanggal_lahir, tmt_cpns, jenis_kelamin, 0)[:-3]
        urut = self._last.get(prefix, 0) + 1
        if urut > MAX_NOMOR_URUT:
            raise OverflowError(f"more than {MAX_NOMOR_URUT} NIPs share the prefix {prefix}")
        self._last[prefix] = urut
        return f"{prefix}{urut:03d}"


def random_day(rng: random.Random, year: int) -> date:
    return date.fromordinal(date(year, 1, 1).toordinal() + rng.randrange(365))


def month_start(day: date, months_back: int) -> date:
    index = day.year * 12 + day.month - 1 - months_back
    return date(index // 12, index % 12 + 1, 1)


def nik(rng: random.Random, tanggal_lahir: date, perempuan: bool) -> str:
    """16 digits: wilayah (6), birth date with day + 40 for women (6), sequence (4)."""
    hari = tanggal_lahir.day + (40 if perempuan else 0)
    wilayah = f"{rng.choice(KODE_PROVINSI_NIK)}{rng.randrange(1, 30):02d}{rng.randrange(1, 25):02d}"
    lahir = f"{hari:02d}{tanggal_lahir.month:02d}{tanggal_lahir.year % 100:02d}"
    return f"{wilayah}{lahir}{rng.randrange(1, 10_000):04d}"


def nomor_hp(rng: random.Random) -> str:
    return f"08{rng.choice(PREFIX_HP)}{rng.randrange(10_000_000, 100_000_000)}"


def email(rng: random.Random, nama: str) -> str:
    slug = nama.lower().replace(" ", ".").replace("'", "")
    return f"{slug}{rng.randrange(100)}@{rng.choice(DOMAIN_EMAIL)}"


def gelar(
    rng: random.Random, rumpun: str, perempuan: bool, age: int, guru_besar: bool
) -> tuple[str | None, str | None]:
    """(gelar_depan, gelar_belakang) plausible for the rumpun jabatan and age."""
    depan = []
    if guru_besar:
        depan.append("Prof. Dr.")
    elif rumpun in ("dosen", "pimpinan", "widyaiswara") and rng.random() < 0.3:
        depan.append("Dr.")
    elif age >= 55 and rng.random() < 0.3:
        depan.append("Dra." if perempuan else "Drs.")
    if rng.random() < (0.3 if rumpun in ("pimpinan", "penghulu") else 0.1):
        depan.append("Hj." if perempuan else "H.")
    belakang = "" if depan and depan[0] in ("Drs.", "Dra.") else rng.choice(
        GELAR_BELAKANG.get(rumpun, GELAR_BELAKANG["umum"]))  # fmt: skip
    return (" ".join(depan) or None), (belakang or None)


def nama_lengkap(nama: str, gelar_depan: str | None, gelar_belakang: str | None) -> str:
    text = f"{gelar_depan} {nama}" if gelar_depan else nama
    return f"{text}, {gelar_belakang}" if gelar_belakang else text
