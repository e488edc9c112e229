"""How many pegawai each unit gets, and which rumpun jabatan its staff belong to."""

import random

from ekinerja_graphql.seed.organisasi import UnitSpec, split_proportionally
from ekinerja_graphql.seed.randomness import Weighted

# Relative staff size per unit kind, tuned so that 350,000 pegawai land on ~10,500 units
# with madrasah teachers the largest group, as at Kemenag.
STAFF_WEIGHT = {
    "ROOT": 60,
    "ESELON_I": 150,
    "ESELON_II": 120,
    "KANWIL": 250,
    "KANKEMENAG": 90,
    "BALAI": 60,
    "MAN": 60,
    "MTSN": 48,
    "MIN": 30,
    "KUA": 8,
}
STAFF_WEIGHT_PTKN = {"Universitas": 1500, "Institut": 600, "Sekolah": 200}

_PUSAT = (
    ("pelaksana", 38), ("analis_kebijakan", 14), ("perencana", 7), ("pranata_komputer", 6),
    ("analis_sdm", 6), ("arsiparis", 5), ("pranata_keuangan", 6), ("pranata_humas", 3),
    ("struktural_iii", 5), ("struktural_iv", 10),
)  # fmt: skip
_MADRASAH = (("guru", 86), ("pelaksana", 10), ("pustakawan", 2), ("pranata_komputer", 1),
             ("pranata_keuangan", 1))  # fmt: skip
KOMPOSISI: dict[str, tuple[tuple[str, int], ...]] = {
    "ROOT": _PUSAT,
    "ESELON_I": _PUSAT,
    "ESELON_II": _PUSAT,
    "ITJEN": (("auditor", 55), ("pelaksana", 25), ("analis_kebijakan", 5), ("arsiparis", 3),
              ("pranata_komputer", 2), ("struktural_iii", 3), ("struktural_iv", 7)),
    "KANWIL": (("pelaksana", 40), ("analis_kebijakan", 8), ("perencana", 5),
               ("pranata_komputer", 5), ("analis_sdm", 6), ("arsiparis", 4),
               ("pranata_keuangan", 6), ("pengawas", 6), ("penyuluh", 5), ("struktural_iii", 5),
               ("struktural_iv", 10)),
    "KANKEMENAG": (("pelaksana", 33), ("penyuluh", 22), ("pengawas", 14), ("penghulu", 4),
                   ("analis_sdm", 4), ("pranata_komputer", 3), ("arsiparis", 3),
                   ("pranata_keuangan", 5), ("analis_kebijakan", 4), ("struktural_iv", 8)),
    "PTKN": (("dosen", 66), ("pelaksana", 20), ("pustakawan", 3), ("pranata_komputer", 3),
             ("arsiparis", 2), ("analis_sdm", 2), ("perencana", 1), ("pranata_keuangan", 2),
             ("struktural_iii", 1)),
    "BALAI": (("widyaiswara", 35), ("pelaksana", 40), ("pranata_komputer", 5), ("pustakawan", 3),
              ("analis_kebijakan", 7), ("struktural_iv", 10)),
    "MIN": _MADRASAH,
    "MTSN": _MADRASAH,
    "MAN": _MADRASAH,
    "KUA": (("penghulu", 34), ("penyuluh", 34), ("pelaksana", 32)),
}  # fmt: skip

RUMPUN_PICKERS = {kind: Weighted(pairs) for kind, pairs in KOMPOSISI.items()}


SMALL_MINISTRY_UNITS = 300
SMALL_PTKN_WEIGHT = 150  # a campus must not swallow a tiny test ministry


def staff_weight(unit: UnitSpec, small: bool) -> float:
    if unit.kind == "PTKN":
        weight = STAFF_WEIGHT_PTKN[unit.nama.split(" ")[0]]
        return min(weight, SMALL_PTKN_WEIGHT) if small else weight
    return STAFF_WEIGHT[unit.kind]


def allocate_staff(units: list[UnitSpec], pegawai_count: int, rng: random.Random) -> list[int]:
    """Staff per unit (leader excluded), summing to pegawai_count minus one leader per unit."""
    small = len(units) < SMALL_MINISTRY_UNITS
    weights = [staff_weight(unit, small) * rng.uniform(0.7, 1.3) for unit in units]
    return split_proportionally(pegawai_count - len(units), weights)


def rumpun_picker(unit: UnitSpec) -> Weighted[str]:
    if unit.pembina == "ITJEN" and unit.kind in ("ESELON_I", "ESELON_II"):
        return RUMPUN_PICKERS["ITJEN"]
    return RUMPUN_PICKERS[unit.kind]
