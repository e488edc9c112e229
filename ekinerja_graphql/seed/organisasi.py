"""The unit tree: Kementerian -> pusat, Kanwil -> Kankemenag -> madrasah and KUA, PTKN,
balai (the satker), then the sub-units inside each satker (seed/subunit.py).

Units are created parents first, so ids grow down the tree and every parent's id (and,
later, its leader's pegawai id) is smaller than its children's.
"""

import random
from dataclasses import dataclass, field

from ekinerja_graphql.domain.jabatan import Eselon, Jenjang, TugasTambahan
from ekinerja_graphql.domain.organisasi import JenisUnit, child_path
from ekinerja_graphql.seed import subunit
from ekinerja_graphql.seed.agama import NON_ISLAM_PROVINSI, PEMBINA_AGAMA, Agama
from ekinerja_graphql.seed.jabatan import STRUKTURAL
from ekinerja_graphql.seed.randomness import Weighted, hex_id
from ekinerja_graphql.seed.satker import BALAI, ESELON_I, ESELON_II, JENIS_MADRASAH, PTKN
from ekinerja_graphql.seed.subunit import Kepala, SubUnit
from ekinerja_graphql.seed.wilayah import KabKota, Provinsi, kecamatan_names, provinsi_all

PEGAWAI_PER_SATKER = 33
MIN_UNITS = 10
FULL_SCALE_SATKER = 10_500
STAF_PER_SUBUNIT = 12  # a satker opens one more sub-unit per this many staff
MENTERI = "Menteri Agama"
SHARE_PEMBIMAS = 2  # % of a religion in a province's Kemenag staff that opens a Pembimas

REKTOR = Kepala(tugas_tambahan=TugasTambahan.REKTOR, rumpun="dosen",
                jenjang=(Jenjang.AHLI_MADYA, Jenjang.AHLI_UTAMA))  # fmt: skip
KETUA = Kepala(tugas_tambahan=TugasTambahan.KETUA_SEKOLAH_TINGGI, rumpun="dosen",
               jenjang=(Jenjang.AHLI_MUDA, Jenjang.AHLI_MADYA))  # fmt: skip
KEPALA_MADRASAH = Kepala(tugas_tambahan=TugasTambahan.KEPALA_MADRASAH, rumpun="guru",
                         jenjang=(Jenjang.AHLI_MUDA, Jenjang.AHLI_MADYA))  # fmt: skip
KEPALA_KUA = Kepala(
    tugas_tambahan=TugasTambahan.KEPALA_KUA, rumpun="penghulu",
    jenjang=(Jenjang.AHLI_PERTAMA, Jenjang.AHLI_MUDA, Jenjang.AHLI_MADYA),
)  # fmt: skip


@dataclass(slots=True, eq=False)
class UnitSpec:
    id: int
    parent: "UnitSpec | None"
    nama: str
    jenis: JenisUnit
    kind: str  # the satker kind (ROOT, KANWIL, MIN, ...) or SUB: drives staffing and texts
    kepala: Kepala
    nama_jabatan_pimpinan: str
    pembina: str = ""  # eselon I key (ITJEN staff are auditors, KRISTEN units Christian)
    provinsi: Provinsi | None = None
    kabkota: KabKota | None = None
    agama: Agama | None = None  # staff mostly of this religion
    menerima: frozenset[str] = frozenset()  # rumpun placed here (sub-units)
    satker: "UnitSpec | None" = None  # the satker a sub-unit belongs to; itself for a satker
    path: str = ""
    depth: int = 0
    siasn_id: str = ""
    children: list["UnitSpec"] = field(default_factory=list)

    @property
    def eselon(self) -> Eselon | None:
        return STRUKTURAL[self.kepala.struktural] if self.kepala.struktural else None


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
    """About one satker per 33 pegawai; every level present even for tiny counts."""
    target = max(MIN_UNITS, round(pegawai_count / PEGAWAI_PER_SATKER))
    scale = target / FULL_SCALE_SATKER
    eselon_i = min(len(ESELON_I), max(2, target // 40))
    eselon_ii = min(sum(len(ESELON_II[key]) for *_, key in ESELON_I[:eselon_i]),
                    max(1, target // 150))  # fmt: skip
    kanwil = min(len(provinsi_all()), max(1, target // 100))
    kabkota = sum(len(p.kabkota) for p in provinsi_all())
    kankemenag = min(kabkota, max(kanwil, round(kabkota * scale)))
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
    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self.units: list[UnitSpec] = []

    def build_satker(self, counts: UnitCounts) -> list[UnitSpec]:
        root = self._add(None, "Kementerian Agama", JenisUnit.KEMENTERIAN, "ROOT",
                         Kepala(pejabat_negara=True), MENTERI, provinsi=_seat())  # fmt: skip
        eselon_i = self._add_eselon_i(root, counts)
        self._add_eselon_ii(eselon_i, counts.eselon_ii)
        kanwil = self._add_kanwil(root, counts.kanwil)
        self._add_ptkn(root, eselon_i, counts.ptkn)
        self._add_balai(root, eselon_i, counts.balai)
        kankemenag = self._add_kankemenag(kanwil, counts.kankemenag)
        self._add_madrasah_and_kua(kankemenag, counts.madrasah, counts.kua)
        return list(self.units)

    def add_subunits(self, satker: UnitSpec, staff_count: int) -> None:
        """The satker's sub-units, as many of its templates as its staff warrant."""
        templates = _templates(satker)
        wanted = min(len(templates), staff_count // STAF_PER_SUBUNIT)
        for template in templates[:wanted]:
            self._add_subunit(satker, satker, template, staff_count / wanted)

    def _add_subunit(self, parent, satker, template: SubUnit, staff_share: float) -> None:
        unit = self._add(parent, template.nama, template.jenis, "SUB", template.kepala,
                         template.nama_jabatan, menerima=template.menerima,
                         agama=template.agama or satker.agama)  # fmt: skip
        unit.satker = satker
        children = template.children
        wanted = min(len(children), int(staff_share // STAF_PER_SUBUNIT))
        for child in children[:wanted]:
            self._add_subunit(unit, satker, child, staff_share / wanted)

    def _add(self, parent, nama, jenis, kind, kepala, nama_jabatan, **extra) -> UnitSpec:
        inherited = {}
        if parent:
            inherited = {"pembina": parent.pembina, "provinsi": parent.provinsi,
                         "kabkota": parent.kabkota, "agama": parent.agama}  # fmt: skip
        unit = UnitSpec(len(self.units) + 1, parent, nama, jenis, kind, kepala, nama_jabatan,
                        **(inherited | extra))  # fmt: skip
        unit.path = child_path(parent.path if parent else None, unit.id)
        unit.depth = parent.depth + 1 if parent else 0
        unit.siasn_id = hex_id(self._rng)
        unit.satker = unit
        if parent:
            parent.children.append(unit)
        self.units.append(unit)
        return unit

    def _add_eselon_i(self, root: UnitSpec, counts: UnitCounts) -> dict[str, UnitSpec]:
        added = {}
        for nama, pimpinan, key in ESELON_I[: counts.eselon_i]:
            jabatan = " ".join(pimpinan.split(" ")[:2])  # "Direktur Jenderal", "Kepala Badan"
            added[key] = self._add(root, nama, JenisUnit.UNIT_ESELON_I, "ESELON_I",
                                   Kepala(jabatan), pimpinan, pembina=key,
                                   agama=PEMBINA_AGAMA.get(key))  # fmt: skip
        return added

    def _add_eselon_ii(self, eselon_i: dict[str, UnitSpec], count: int) -> None:
        queues = [(unit, list(ESELON_II[key])) for key, unit in eselon_i.items()]
        while count > 0:
            for parent, names in queues:
                if count > 0 and names:
                    nama = names.pop(0)
                    jabatan, title = _pimpinan_eselon_ii(nama)
                    self._add(parent, nama, JenisUnit.UNIT_ESELON_II, "ESELON_II",
                              Kepala(jabatan), title)  # fmt: skip
                    count -= 1

    def _add_kanwil(self, root: UnitSpec, count: int) -> list[tuple[UnitSpec, Provinsi]]:
        """The provinces with the most kab/kota first, kept in code order."""
        provinces = provinsi_all()
        biggest = set(sorted(provinces, key=lambda p: (-len(p.kabkota), p.kode))[:count])
        kanwil = []
        for provinsi in (p for p in provinces if p in biggest):
            nama = f"Kantor Wilayah Kementerian Agama Provinsi {provinsi.nama}"
            unit = self._add(root, nama, JenisUnit.KANWIL, "KANWIL",
                             Kepala("Kepala Kantor Wilayah"), f"Kepala {nama}",
                             provinsi=provinsi)  # fmt: skip
            kanwil.append((unit, provinsi))
        return kanwil

    def _add_ptkn(self, root, eselon_i: dict[str, UnitSpec], count: int) -> None:
        for nama, title, pembina in PTKN[:count]:
            parent = eselon_i.get(pembina) or eselon_i.get("PENDIS") or root
            kepala = KETUA if nama.startswith("Sekolah") else REKTOR
            self._add(parent, nama, JenisUnit.PERGURUAN_TINGGI, "PTKN", kepala,
                      f"{title} {nama}", pembina=pembina, agama=PEMBINA_AGAMA.get(pembina),
                      provinsi=_provinsi_in_name(nama) or parent.provinsi)  # fmt: skip

    def _add_balai(self, root, eselon_i: dict[str, UnitSpec], count: int) -> None:
        parent = eselon_i.get("BMBPSDM", root)
        for nama in BALAI[:count]:
            provinsi = _provinsi_in_name(nama) or parent.provinsi
            self._add(parent, nama, JenisUnit.BALAI, "BALAI", Kepala("Kepala Balai"),
                      f"Kepala {nama}", provinsi=provinsi)  # fmt: skip

    def _add_kankemenag(self, kanwil: list[tuple[UnitSpec, Provinsi]], count: int):
        """Real kab/kota of each Kanwil's province, as many as the scale asks."""
        shares = split_proportionally(count, [len(p.kabkota) for _, p in kanwil])
        added = []
        for (parent, provinsi), share in zip(kanwil, shares, strict=True):
            chosen = sorted(self._rng.sample(provinsi.kabkota, min(share, len(provinsi.kabkota))),
                            key=lambda k: k.kode)  # fmt: skip
            for kabkota in chosen:
                nama = f"Kantor Kementerian Agama {kabkota.nama}"
                added.append(self._add(parent, nama, JenisUnit.KANKEMENAG, "KANKEMENAG",
                                       Kepala("Kepala Kantor Kementerian Agama Kabupaten/Kota"),
                                       f"Kepala {nama}", kabkota=kabkota))  # fmt: skip
        return added

    def _add_madrasah_and_kua(self, kankemenag: list[UnitSpec], madrasah: int, kua: int) -> None:
        weights = [self._rng.uniform(0.5, 1.5) for _ in kankemenag]
        madrasah_shares = split_proportionally(madrasah, weights)
        kua_shares = split_proportionally(kua, weights)
        for parent, n_madrasah, n_kua in zip(kankemenag, madrasah_shares, kua_shares, strict=True):
            self._add_madrasah(parent, n_madrasah)
            self._add_kua(parent, n_kua)

    def _add_madrasah(self, parent: UnitSpec, count: int) -> None:
        kabkota = parent.kabkota
        wilayah = kabkota.nama.removeprefix("Kabupaten ") if kabkota else parent.nama
        picker = Weighted([((singkatan, nama), weight) for singkatan, nama, weight in
                           JENIS_MADRASAH])  # fmt: skip
        nomor: dict[str, int] = {}
        for _ in range(count):
            singkatan, nama_panjang = picker.pick(self._rng)
            nomor[singkatan] = nomor.get(singkatan, 0) + 1
            nama = f"{singkatan} {nomor[singkatan]} {wilayah}"
            self._add(parent, nama, JenisUnit.MADRASAH, singkatan.upper(), KEPALA_MADRASAH,
                      f"Kepala {nama}", agama=Agama.ISLAM)  # fmt: skip

    def _add_kua(self, parent: UnitSpec, count: int) -> None:
        for kecamatan in kecamatan_names(self._rng, count):
            nama = f"Kantor Urusan Agama Kecamatan {kecamatan}"
            self._add(parent, nama, JenisUnit.KUA, "KUA", KEPALA_KUA, f"Kepala {nama}",
                      agama=Agama.ISLAM)  # fmt: skip


def _templates(satker: UnitSpec) -> tuple[SubUnit, ...]:
    if satker.kind == "KANWIL":
        shares = NON_ISLAM_PROVINSI.get(satker.provinsi.nama, {}) if satker.provinsi else {}
        pembimas = [subunit.pembimas(agama) for agama, share in shares.items()
                    if share >= SHARE_PEMBIMAS]  # fmt: skip
        return (subunit.KANWIL_TATA_USAHA, *subunit.KANWIL_BIDANG, *pembimas)
    if satker.kind == "KANKEMENAG":
        provinsi = satker.parent.provinsi if satker.parent else None
        shares = NON_ISLAM_PROVINSI.get(provinsi.nama, {}) if provinsi else {}
        penyelenggara = [subunit.penyelenggara(agama) for agama, share in shares.items()
                         if share >= 10]  # fmt: skip
        return (*subunit.KANKEMENAG_SEKSI, *penyelenggara)
    if satker.kind == "ESELON_II":
        return subunit.pusat(satker.nama)
    if satker.kind == "PTKN":
        return subunit.ptkn(satker.nama, satker.agama)
    if satker.kind == "BALAI":
        return subunit.BALAI
    return ()


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


def _seat() -> Provinsi:
    """The ministry sits in Jakarta."""
    return next(p for p in provinsi_all() if p.nama == "DKI Jakarta")


def _provinsi_in_name(nama: str) -> Provinsi | None:
    """The province a PTKN or balai sits in, from the place its name ends with: a
    province, else a kota, else a kabupaten of that name (None if none is found)."""
    words = nama.split(" ")
    for length in (3, 2, 1):
        place = " ".join(words[-length:])
        for kota in (True, False):
            for provinsi in provinsi_all():
                if provinsi.nama == place or any(
                    k.kota == kota and f" {place} " in f"{k.nama} " for k in provinsi.kabkota
                ):
                    return provinsi
    return None


def build_satker_tree(pegawai_count: int, rng: random.Random) -> UnitTreeBuilder:
    builder = UnitTreeBuilder(rng)
    builder.build_satker(unit_counts(pegawai_count))
    return builder
