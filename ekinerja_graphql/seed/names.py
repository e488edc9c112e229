"""Name, address and gelar pools, drawn from Faker once per seed (Faker per row is too slow)."""

import random
from dataclasses import dataclass

from faker import Faker

from ekinerja_graphql.seed.wilayah import KABUPATEN

POOL_SIZE = 2_000
ADDRESS_POOL_SIZE = 3_000

# Degrees by rumpun jabatan; "" means no degree. Joined with ", " as SIASN shows them.
GELAR_BELAKANG: dict[str, tuple[str, ...]] = {
    "guru": ("S.Pd.", "S.Pd.I.", "S.Ag.", "S.Pd., M.Pd.", "S.Pd.I., M.Pd.I.", "S.Si.", "S.Kom."),
    "dosen": ("M.Ag.", "M.Pd.I.", "M.A.", "M.Si.", "M.H.I.", "M.Hum.", "Lc., M.A.", "M.Pd."),
    "penghulu": ("S.Ag.", "S.H.I.", "S.Sy.", "S.Ag., M.H.", "S.H.I., M.H.I."),
    "penyuluh": ("S.Ag.", "S.Sos.I.", "S.Th.I.", "S.Kom.I.", "S.Pd.I."),
    "widyaiswara": ("M.Pd.", "M.Si.", "M.Ag.", "M.M."),
    "pimpinan": ("S.Ag., M.Pd.I.", "S.Ag., M.Si.", "M.Ag.", "S.H., M.H.", "M.Pd.", "M.M."),
    "umum": ("S.E.", "S.H.", "S.Kom.", "S.Sos.", "S.Ag.", "S.AP.", "A.Md.", "M.Si.", "S.E., M.M.",
             "", "", ""),
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class NamePool:
    depan_laki: tuple[str, ...]
    depan_perempuan: tuple[str, ...]
    belakang_laki: tuple[str, ...]
    belakang_perempuan: tuple[str, ...]
    alamat: tuple[str, ...]
    kota: tuple[str, ...]
    kecamatan: tuple[str, ...]

    @classmethod
    def build(cls, random_seed: int) -> "NamePool":
        faker = Faker("id_ID")
        faker.seed_instance(random_seed)
        return cls(
            depan_laki=_distinct(faker.first_name_male, POOL_SIZE),
            depan_perempuan=_distinct(faker.first_name_female, POOL_SIZE),
            belakang_laki=_distinct(faker.last_name_male, POOL_SIZE),
            belakang_perempuan=_distinct(faker.last_name_female, POOL_SIZE),
            alamat=tuple(
                faker.address().replace("\n", ", ") for _ in range(ADDRESS_POOL_SIZE)
            ),
            kota=tuple(k for k in _distinct(faker.city, POOL_SIZE) if not k.startswith("Kota")),
            kecamatan=_kecamatan(faker),
        )

    def nama(self, rng: random.Random, perempuan: bool) -> str:
        """One to three words, like most Indonesian names."""
        depan = self.depan_perempuan if perempuan else self.depan_laki
        belakang = self.belakang_perempuan if perempuan else self.belakang_laki
        roll = rng.random()
        if roll < 0.15:
            return rng.choice(depan)
        if roll < 0.75:
            return f"{rng.choice(depan)} {rng.choice(belakang)}"
        return f"{rng.choice(depan)} {rng.choice(depan)} {rng.choice(belakang)}"


def _distinct(draw, attempts: int) -> tuple[str, ...]:
    """Distinct values in first-drawn order (deterministic, unlike a set's iteration)."""
    return tuple(dict.fromkeys(draw() for _ in range(attempts)))


def _kecamatan(faker: Faker) -> tuple[str, ...]:
    """Place-like names: Faker's street names without titles ("Jend.", "K.H.") and kabupaten."""
    streets = {street for street in _distinct(faker.street, POOL_SIZE) if "." not in street}
    return tuple(sorted(streets | set(KABUPATEN)))
