"""Generates the whole ministry as Batches, unit by unit, from one random.Random.

Everything is drawn in a fixed order from one seeded generator, so the same
(pegawai_count, random_seed, tahun, as_of) always yields the same rows.
"""

import random
from collections.abc import Iterator
from datetime import date

from ekinerja_graphql.domain.kepegawaian import StatusPegawai
from ekinerja_graphql.seed.agama import Agama
from ekinerja_graphql.seed.context import SeedContext
from ekinerja_graphql.seed.evaluasi import EvaluasiFactory
from ekinerja_graphql.seed.jabatan import KatalogJabatan
from ekinerja_graphql.seed.names import NamePool
from ekinerja_graphql.seed.organisasi import MENTERI, UnitSpec, build_satker_tree
from ekinerja_graphql.seed.pegawai import PegawaiFactory, PegawaiSeed, PejabatNegaraSeed
from ekinerja_graphql.seed.skp import SkpFactory
from ekinerja_graphql.seed.staffing import allocate_staff, staff_by_unit
from ekinerja_graphql.seed.tables import Batch

DEFAULT_CHUNK_PEGAWAI = 5_000


class SeedGenerator:
    def __init__(
        self,
        pegawai_count: int,
        random_seed: int,
        context: SeedContext,
        realisasi_all_quarters: bool = True,
    ) -> None:
        rng = random.Random(random_seed)
        self._rng = rng
        self._names = NamePool(random_seed)
        self.pegawai_count = pegawai_count
        self.context = context
        self.katalog = KatalogJabatan(rng)
        builder = build_satker_tree(pegawai_count, rng)
        satker = list(builder.units)
        self.staff = staff_by_unit(builder, satker, allocate_staff(satker, pegawai_count, rng),
                                   rng)  # fmt: skip
        self.units: list[UnitSpec] = builder.units
        self.menteri = PejabatNegaraSeed(1, "")
        self._pegawai = PegawaiFactory(rng, self._names, self.katalog, context)
        self._skp = SkpFactory(rng, context)
        self._evaluasi = EvaluasiFactory(rng, context, realisasi_all_quarters)
        self.leaders: dict[int, PegawaiSeed] = {}  # unit id -> its head (an ASN)

    def master_batch(self) -> Batch:
        """Units (heads set later: pegawai do not exist yet), the Menteri, the catalogue."""
        at = self.context.master_at
        batch = Batch()
        batch.jabatan = [
            (at, at, j.id, j.siasn_id, j.nama, j.jenis.value, j.kelas,
             j.eselon.value if j.eselon else None, j.jenjang.value if j.jenjang else None)
            for j in self.katalog.all
        ]  # fmt: skip
        batch.unit = [
            (at, at, u.id, u.siasn_id, u.parent.id if u.parent else None, u.path, u.depth, u.nama,
             u.nama_jabatan_pimpinan, u.jenis.value, u.eselon.value if u.eselon else None, None,
             True)
            for u in self.units
        ]  # fmt: skip
        batch.pejabat_negara = [self._menteri_row()]
        return batch

    def _menteri_row(self) -> tuple:
        """The Menteri: a pejabat negara heading the root, with a generated name."""
        nama = self._names.nama(self._rng, False, Agama.ISLAM, None)
        gelar_depan, gelar_belakang = "Prof. Dr. H.", "M.A."
        self.menteri = PejabatNegaraSeed(1, f"{gelar_depan} {nama}, {gelar_belakang}")
        at = self.context.master_at
        mulai = date(self.context.tahun - 2, 10, 21)  # a plausible start of the term
        root = self.units[0]
        return (at, at, 1, nama, gelar_depan, gelar_belakang, MENTERI, mulai, None, root.id)

    def chunks(self, chunk_pegawai: int = DEFAULT_CHUNK_PEGAWAI) -> Iterator[Batch]:
        """Pegawai with their SKP and evaluations, about chunk_pegawai pegawai per Batch."""
        batch = Batch()
        for unit in self.units:
            leader = self._head(unit, batch)
            negara = self.menteri if leader is None else None
            for rumpun in self.staff.get(unit.id, ()):
                self._add(self._pegawai.staf(unit, rumpun, leader, negara), batch)
            if len(batch.pegawai) >= chunk_pegawai:
                yield batch
                batch = Batch()
        if batch.pegawai:
            yield batch

    def _head(self, unit: UnitSpec, batch: Batch) -> PegawaiSeed | None:
        """The unit's head, rated by the parent's head (the Menteri for the eselon I heads);
        None for the root, whose head is the Menteri."""
        if unit.kepala.pejabat_negara:
            return None
        penilai = self.leaders.get(unit.parent.id) if unit.parent else None
        negara = self.menteri if penilai is None else None
        leader = self._add(self._pegawai.pimpinan(unit, penilai, negara), batch)
        self.leaders[unit.id] = leader
        return leader

    def pemimpin(self) -> list[tuple[int, int]]:
        """(unit id, head pegawai id) for every unit an ASN heads, once chunks() has run."""
        return [(unit_id, leader.id) for unit_id, leader in self.leaders.items()]

    def _add(self, generated: tuple[PegawaiSeed, tuple], batch: Batch) -> PegawaiSeed:
        pegawai, row = generated
        batch.pegawai.append(row)
        if pegawai.status is StatusPegawai.AKTIF:  # no SKP on CLTN, suspension, MPP, ...
            skp = self._skp.make(pegawai, batch)
            if skp.disetujui:
                self._evaluasi.make(pegawai, skp, batch)
        return pegawai
