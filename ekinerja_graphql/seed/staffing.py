"""How many pegawai each satker gets, which rumpun jabatan they belong to, and in which
unit of the satker (the satker itself or one of its sub-units) each one works."""

import random
from collections import defaultdict

from ekinerja_graphql.seed.organisasi import UnitSpec, UnitTreeBuilder, split_proportionally
from ekinerja_graphql.seed.randomness import Weighted
from ekinerja_graphql.seed.subunit import LANGSUNG

# Relative staff size per satker kind, tuned so that 350,000 pegawai land on ~10,500 satker
# with madrasah teachers the largest group, as at Kemenag. The root holds the staf ahli.
STAFF_WEIGHT = {
    "ROOT": 0,
    "ESELON_I": 8,
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
STAF_AHLI_MENTERI = 5
STAF_AHLI = "staf_ahli"

_PUSAT = (
    ("pelaksana", 38), ("analis_kebijakan", 14), ("perencana", 6), ("pranata_komputer", 6),
    ("analis_sdm", 5), ("pranata_sdm", 2), ("arsiparis", 4), ("pranata_keuangan", 4),
    ("analis_keuangan", 3), ("pranata_humas", 3), ("pengelola_pbj", 2), ("analis_hukum", 3),
)  # fmt: skip
_MADRASAH = (("guru", 86), ("pelaksana", 10), ("pustakawan", 2), ("pranata_lab", 1),
             ("pranata_komputer", 0.5), ("pranata_keuangan", 0.5))  # fmt: skip
KOMPOSISI: dict[str, tuple[tuple[str, float], ...]] = {
    "ESELON_I": (("pelaksana", 60), ("analis_kebijakan", 30), ("pranata_humas", 10)),
    "ESELON_II": _PUSAT,
    "ITJEN": (("auditor", 60), ("pelaksana", 25), ("analis_kebijakan", 5), ("arsiparis", 3),
              ("pranata_komputer", 3), ("perencana", 2), ("pranata_keuangan", 2)),
    "KANWIL": (("pelaksana", 40), ("analis_kebijakan", 8), ("perencana", 5),
               ("pranata_komputer", 5), ("analis_sdm", 5), ("pranata_sdm", 2), ("arsiparis", 4),
               ("pranata_keuangan", 5), ("analis_keuangan", 2), ("pengawas", 6),
               ("penyuluh", 4), ("pranata_humas", 2), ("pengelola_pbj", 2),
               ("analis_hukum", 2)),
    "KANKEMENAG": (("pelaksana", 35), ("penyuluh", 22), ("pengawas", 14), ("penghulu", 4),
                   ("analis_sdm", 3), ("pranata_sdm", 2), ("pranata_komputer", 3),
                   ("arsiparis", 3), ("pranata_keuangan", 5), ("analis_kebijakan", 4),
                   ("pengelola_pbj", 1)),
    "PTKN": (("dosen", 66), ("pelaksana", 18), ("pustakawan", 3), ("pranata_komputer", 3),
             ("arsiparis", 2), ("analis_sdm", 2), ("perencana", 1), ("pranata_keuangan", 2),
             ("pranata_lab", 2), ("pengembang_tekpem", 1)),
    "BALAI": (("widyaiswara", 35), ("pelaksana", 40), ("pranata_komputer", 5),
              ("pustakawan", 3), ("analis_kebijakan", 7), ("pengembang_tekpem", 5),
              ("pranata_keuangan", 5)),
    "MIN": _MADRASAH,
    "MTSN": _MADRASAH,
    "MAN": _MADRASAH,
    "KUA": (("penghulu", 30), ("penyuluh", 35), ("pelaksana", 35)),
}  # fmt: skip
RUMPUN_PICKERS = {kind: Weighted(pairs) for kind, pairs in KOMPOSISI.items()}

SMALL_MINISTRY_UNITS = 300
SMALL_PTKN_WEIGHT = 150  # a campus must not swallow a tiny test ministry


def staff_weight(unit: UnitSpec, small: bool) -> float:
    if unit.kind == "PTKN":
        weight = STAFF_WEIGHT_PTKN[unit.nama.split(" ")[0]]
        return min(weight, SMALL_PTKN_WEIGHT) if small else weight
    return STAFF_WEIGHT[unit.kind]


def allocate_staff(satker: list[UnitSpec], pegawai_count: int, rng: random.Random) -> list[int]:
    """Pegawai per satker besides its head (sub-unit heads included), summing to
    pegawai_count minus one head per satker (the root's head is no pegawai)."""
    small = len(satker) < SMALL_MINISTRY_UNITS
    staf_ahli = min(STAF_AHLI_MENTERI, max(1, len(satker) // 2_000))
    weights = [staff_weight(unit, small) * rng.uniform(0.7, 1.3) for unit in satker]
    heads = len(satker) - 1
    shares = split_proportionally(pegawai_count - heads - staf_ahli, weights)
    shares[0] += staf_ahli  # the root unit
    return shares


def staff_by_unit(
    builder: UnitTreeBuilder, satker: list[UnitSpec], staff: list[int], rng: random.Random
) -> dict[int, list[str]]:
    """Opens each satker's sub-units, then places its staff: unit id -> rumpun of each."""
    placed: dict[int, list[str]] = defaultdict(list)
    for unit, count in zip(satker, staff, strict=True):
        if unit.kind == "ROOT":
            placed[unit.id] = [STAF_AHLI] * count
            continue
        before = len(builder.units)
        builder.add_subunits(unit, count)
        subunits = builder.units[before:]
        _place(unit, subunits, count - len(subunits), rng, placed)
    return placed


def _place(satker, subunits, count, rng, placed) -> None:
    picker = rumpun_picker(satker)
    direct = LANGSUNG.get("ESELON_II_ITJEN" if _itjen(satker) else satker.kind, frozenset())
    homes: dict[str, list[UnitSpec]] = {}
    for _ in range(count):
        rumpun = picker.pick(rng)
        if rumpun not in homes:
            takers = [] if rumpun in direct else [u for u in subunits if rumpun in u.menerima]
            homes[rumpun] = takers or [satker]
        placed[rng.choice(homes[rumpun]).id].append(rumpun)


def _itjen(unit: UnitSpec) -> bool:
    return unit.pembina == "ITJEN" and unit.kind in ("ESELON_I", "ESELON_II")


def rumpun_picker(unit: UnitSpec) -> Weighted[str]:
    if _itjen(unit):
        return RUMPUN_PICKERS["ITJEN"]
    return RUMPUN_PICKERS[unit.kind]
