"""The unit tree: Kementerian -> pusat, Kanwil -> Kankemenag -> madrasah and KUA, PTKN, balai.

Units are created parents first, so ids grow down the tree and every parent's
id (and, later, its leader's pegawai id) is smaller than its children's.
"""

import random
from dataclasses import dataclass, field

from ekinerja_graphql.domain.kepegawaian import Eselon
from ekinerja_graphql.domain.organisasi import JenisUnit, child_path
from ekinerja_graphql.seed.jabatan import PIMPINAN
from ekinerja_graphql.seed.names import NamePool
from ekinerja_graphql.seed.randomness import Weighted, hex_id
from ekinerja_graphql.seed.wilayah import (
    BALAI,
    ESELON_I,
    ESELON_II,
    JENIS_MADRASAH,
    KABUPATEN,
    PENANDA_ARAH,
    PROVINSI,
    PTKN,
)

PEGAWAI_PER_UNIT = 33
MIN_UNITS = 10
FULL_SCALE_UNITS = 10_500
SHARE_KOTA = 93 / 514  # kota among kab/kota, as in 2024


@dataclass(slots=True)
class UnitSpec:
    id: int
    parent: "UnitSpec | None"
    nama: str
    jenis: JenisUnit
    kind: str  # finer than jenis: drives staffing and RHK texts
    pimpinan_jabatan: str  # key of jabatan.PIMPINAN
    nama_jabatan_pimpinan: str
    pembina: str = ""  # eselon I key (ITJEN staff are auditors)
    path: str = ""
    depth: int = 0
    siasn_id: str = ""
    children: list["UnitSpec"] = field(default_factory=list)

    @property
    def eselon(self) -> Eselon:
        return PIMPINAN[self.pimpinan_jabatan][0]


@dataclass(frozen=True, slots=True)
class UnitCounts:
    eselon_i: int
    eselon_ii: int
    kanwil: int
    kankemenag: int
    ptkn: int
    balai: int
    madrasah: int
    kua: int


def unit_counts(pegawai_count: int) -> UnitCounts:
    """About one unit per 33 pegawai; every level present even for tiny counts."""
    target = max(MIN_UNITS, round(pegawai_count / PEGAWAI_PER_UNIT))
    scale = target / FULL_SCALE_UNITS
    eselon_i = min(len(ESELON_I), max(2, target // 40))
    eselon_ii = min(sum(len(ESELON_II[key]) for *_, key in ESELON_I[:eselon_i]),
                    max(1, target // 150))  # fmt: skip
    kanwil = min(len(PROVINSI), max(1, target // 100))
    kankemenag = min(514, max(kanwil, round(514 * scale)))
    ptkn = min(len(PTKN), max(1, round(len(PTKN) * scale)))
    balai = min(len(BALAI), round(len(BALAI) * scale))
    fixed = 1 + eselon_i + eselon_ii + kanwil + kankemenag + ptkn + balai
    rest = max(2, target - fixed)
    kua = max(1, round(rest * 0.6))
    return UnitCounts(eselon_i, eselon_ii, kanwil, kankemenag, ptkn, balai, rest - kua, kua)


def split_proportionally(total: int, weights: list[float]) -> list[int]:
    """Integer shares of `total` proportional to weights (largest remainder, stable ties)."""
    weight_sum = sum(weights)
    exact = [total * weight / weight_sum for weight in weights]
    shares = [int(value) for value in exact]
    by_remainder = sorted(range(len(weights)), key=lambda i: (shares[i] - exact[i], i))
    for index in by_remainder[: total - sum(shares)]:
        shares[index] += 1
    return shares


class UnitTreeBuilder:
    def __init__(self, rng: random.Random, names: NamePool) -> None:
        self._rng = rng
        self._names = names
        self.units: list[UnitSpec] = []
        self._kabupaten = _kabupaten_names(rng)
        self._kota = iter(names.kota)

    def build(self, counts: UnitCounts) -> list[UnitSpec]:
        root = self._add(None, "Kementerian Agama", JenisUnit.KEMENTERIAN, "ROOT",
                         "Menteri Agama", "Menteri Agama")  # fmt: skip
        eselon_i = self._add_eselon_i(root, counts)
        self._add_eselon_ii(eselon_i, counts.eselon_ii)
        kanwil = self._add_kanwil(root, counts.kanwil)
        self._add_ptkn(root, eselon_i, counts.ptkn)
        self._add_balai(root, eselon_i, counts.balai)
        kankemenag = self._add_kankemenag(kanwil, counts.kankemenag)
        self._add_madrasah_and_kua(kankemenag, counts.madrasah, counts.kua)
        return self.units

    def _add(self, parent, nama, jenis, kind, jabatan, nama_jabatan, pembina="") -> UnitSpec:
        unit = UnitSpec(len(self.units) + 1, parent, nama, jenis, kind, jabatan, nama_jabatan,
                        pembina or (parent.pembina if parent else ""))  # fmt: skip
        unit.path = child_path(parent.path if parent else None, unit.id)
        unit.depth = parent.depth + 1 if parent else 0
        unit.siasn_id = hex_id(self._rng)
        if parent:
            parent.children.append(unit)
        self.units.append(unit)
        return unit

    def _add_eselon_i(self, root: UnitSpec, counts: UnitCounts) -> dict[str, UnitSpec]:
        added = {}
        for nama, pimpinan, key in ESELON_I[: counts.eselon_i]:
            jabatan = " ".join(pimpinan.split(" ")[:2])  # "Direktur Jenderal", "Kepala Badan"
            added[key] = self._add(root, nama, JenisUnit.UNIT_ESELON_I, "ESELON_I", jabatan,
                                   pimpinan, key)  # fmt: skip
        return added

    def _add_eselon_ii(self, eselon_i: dict[str, UnitSpec], count: int) -> None:
        queues = [(unit, list(ESELON_II[key])) for key, unit in eselon_i.items()]
        while count > 0:
            for parent, names in queues:
                if count > 0 and names:
                    nama = names.pop(0)
                    jabatan, title = _pimpinan_eselon_ii(nama)
                    self._add(parent, nama, JenisUnit.UNIT_ESELON_II, "ESELON_II", jabatan, title)
                    count -= 1

    def _add_kanwil(self, root: UnitSpec, count: int) -> list[tuple[UnitSpec, int]]:
        biggest_first = sorted(PROVINSI, key=lambda entry: -entry[1])[:count]
        chosen = [entry for entry in PROVINSI if entry in biggest_first]
        kanwil = []
        for provinsi, kabkota in chosen:
            nama = f"Kantor Wilayah Kementerian Agama Provinsi {provinsi}"
            unit = self._add(root, nama, JenisUnit.KANWIL, "KANWIL", "Kepala Kantor Wilayah",
                             f"Kepala {nama}")  # fmt: skip
            kanwil.append((unit, kabkota))
        return kanwil

    def _add_ptkn(self, root, eselon_i: dict[str, UnitSpec], count: int) -> None:
        for nama, title, pembina in PTKN[:count]:
            parent = eselon_i.get(pembina) or eselon_i.get("PENDIS") or root
            jabatan = {"Universitas": "Rektor Universitas Negeri",
                       "Institut": "Rektor Institut Negeri"}.get(nama.split(" ")[0],
                                                                 "Ketua Sekolah Tinggi Negeri")
            self._add(parent, nama, JenisUnit.PERGURUAN_TINGGI, "PTKN", jabatan,
                      f"{title} {nama}")  # fmt: skip

    def _add_balai(self, root, eselon_i: dict[str, UnitSpec], count: int) -> None:
        parent = eselon_i.get("BMBPSDM", root)
        for nama in BALAI[:count]:
            self._add(parent, nama, JenisUnit.BALAI, "BALAI", "Kepala Balai", f"Kepala {nama}")

    def _add_kankemenag(self, kanwil: list[tuple[UnitSpec, int]], count: int) -> list[UnitSpec]:
        shares = split_proportionally(count, [kabkota for _, kabkota in kanwil])
        added = []
        for (parent, _), share in zip(kanwil, shares, strict=True):
            for _ in range(share):
                nama = f"Kantor Kementerian Agama {self._next_kabkota()}"
                added.append(self._add(parent, nama, JenisUnit.KANKEMENAG, "KANKEMENAG",
                                       "Kepala Kantor Kementerian Agama Kabupaten/Kota",
                                       f"Kepala {nama}"))  # fmt: skip
        return added

    def _next_kabkota(self) -> str:
        if self._rng.random() < SHARE_KOTA:
            kota = next(self._kota, None)
            if kota:
                return f"Kota {kota}"
        return f"Kabupaten {next(self._kabupaten)}"

    def _add_madrasah_and_kua(self, kankemenag: list[UnitSpec], madrasah: int, kua: int) -> None:
        weights = [self._rng.uniform(0.5, 1.5) for _ in kankemenag]
        madrasah_shares = split_proportionally(madrasah, weights)
        kua_shares = split_proportionally(kua, weights)
        for parent, n_madrasah, n_kua in zip(kankemenag, madrasah_shares, kua_shares, strict=True):
            self._add_madrasah(parent, n_madrasah)
            self._add_kua(parent, n_kua)

    def _add_madrasah(self, parent: UnitSpec, count: int) -> None:
        wilayah = parent.nama.removeprefix("Kantor Kementerian Agama ")
        picker = Weighted([((singkatan, nama), weight) for singkatan, nama, weight in
                           JENIS_MADRASAH])  # fmt: skip
        nomor: dict[str, int] = {}
        for _ in range(count):
            singkatan, nama_panjang = picker.pick(self._rng)
            nomor[singkatan] = nomor.get(singkatan, 0) + 1
            nama = f"{singkatan} {nomor[singkatan]} {wilayah}"
            self._add(parent, nama, JenisUnit.MADRASAH, singkatan.upper(),
                      f"Kepala {nama_panjang}", f"Kepala {nama}")  # fmt: skip

    def _add_kua(self, parent: UnitSpec, count: int) -> None:
        pool = self._names.kecamatan
        kecamatan = self._rng.sample(pool, min(count, len(pool)))
        for index in range(count):
            nama = f"Kantor Urusan Agama Kecamatan {kecamatan[index % len(kecamatan)]}"
            self._add(parent, nama, JenisUnit.KUA, "KUA", "Kepala Kantor Urusan Agama Kecamatan",
                      f"Kepala {nama}")  # fmt: skip


def _pimpinan_eselon_ii(nama: str) -> tuple[str, str]:
    """(catalogue jabatan, leader title) from the unit's name."""
    first, _, rest = nama.partition(" ")
    if first == "Direktorat":
        return "Direktur", f"Direktur {rest}"
    if first == "Sekretariat":
        return "Sekretaris Unit Eselon I", f"Sekretaris {rest}"
    if first == "Inspektorat":
        return "Inspektur", f"Inspektur {rest}"
    return f"Kepala {first}", f"Kepala {nama}"  # Biro, Pusat


def _kabupaten_names(rng: random.Random):
    """Plain names first, then "X Utara"-style names: unique for all 514 kab/kota."""
    plain = list(KABUPATEN)
    rng.shuffle(plain)
    yield from plain
    for arah in PENANDA_ARAH:
        yield from (f"{nama} {arah}" for nama in plain)


def build_unit_tree(pegawai_count: int, rng: random.Random, names: NamePool) -> list[UnitSpec]:
    return UnitTreeBuilder(rng, names).build(unit_counts(pegawai_count))
