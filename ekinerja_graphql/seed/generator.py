"""Generates the whole ministry as Batches, unit by unit, from one random.Random.

Everything is drawn in a fixed order from one seeded generator, so the same
(pegawai_count, random_seed, tahun, as_of) always yields the same rows.
"""

import random
from collections.abc import Iterator

from ekinerja_graphql.domain.kepegawaian import StatusPegawai
from ekinerja_graphql.seed.context import SeedContext
from ekinerja_graphql.seed.evaluasi import EvaluasiFactory
from ekinerja_graphql.seed.jabatan import KatalogJabatan
from ekinerja_graphql.seed.names import NamePool
from ekinerja_graphql.seed.organisasi import build_unit_tree
from ekinerja_graphql.seed.pegawai import PegawaiFactory, PegawaiSeed
from ekinerja_graphql.seed.skp import SkpFactory
from ekinerja_graphql.seed.staffing import allocate_staff
from ekinerja_graphql.seed.tables import Batch

AKTIF = StatusPegawai.AKTIF.value
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
        names = NamePool.build(random_seed)
        self.pegawai_count = pegawai_count
        self.context = context
        self.katalog = KatalogJabatan(rng)
        self.units = build_unit_tree(pegawai_count, rng, names)
        self.staff_counts = allocate_staff(self.units, pegawai_count, rng)
        self._pegawai = PegawaiFactory(rng, names, self.katalog, context)
        self._skp = SkpFactory(rng, context)
        self._evaluasi = EvaluasiFactory(rng, context, realisasi_all_quarters)
        self.leaders: dict[int, PegawaiSeed] = {}  # unit id -> its leader

    def master_batch(self) -> Batch:
        """Units (leaders set later: pegawai do not exist yet) and the jabatan catalogue."""
        at = self.context.master_at
        batch = Batch()
        batch.jabatan = [
            (at, at, j.id, j.siasn_id, j.nama, j.jenis.value, j.kelas,
             j.eselon.value if j.eselon else None, j.jenjang.value if j.jenjang else None)
            for j in self.katalog.all
        ]  # fmt: skip
        batch.unit = [
            (at, at, u.id, u.siasn_id, u.parent.id if u.parent else None, u.path, u.depth, u.nama,
             u.nama_jabatan_pimpinan, u.jenis.value, u.eselon.value, None, True)
            for u in self.units
        ]  # fmt: skip
        return batch

    def chunks(self, chunk_pegawai: int = DEFAULT_CHUNK_PEGAWAI) -> Iterator[Batch]:
        """Pegawai with their SKP and evaluations, about chunk_pegawai pegawai per Batch."""
        batch = Batch()
        for unit, staff_count in zip(self.units, self.staff_counts, strict=True):
            penilai = self.leaders.get(unit.parent.id) if unit.parent else None
            leader = self._add(self._pegawai.pimpinan(unit, penilai), batch)
            self.leaders[unit.id] = leader
            for _ in range(staff_count):
                self._add(self._pegawai.staf(unit, leader), batch)
            if len(batch.pegawai) >= chunk_pegawai:
                yield batch
                batch = Batch()
        if batch.pegawai:
            yield batch

    def pemimpin(self) -> list[tuple[int, int]]:
        """(unit id, leader pegawai id) for every unit, once chunks() has run."""
        return [(unit_id, leader.id) for unit_id, leader in self.leaders.items()]

    def _add(self, generated: tuple[PegawaiSeed, tuple], batch: Batch) -> PegawaiSeed:
        pegawai, row = generated
        batch.pegawai.append(row)
        if pegawai.status == AKTIF:  # no SKP on CLTN, suspension, MPP, tugas belajar, pensiun
            skp = self._skp.make(pegawai, batch)
            if skp.disetujui:
                self._evaluasi.make(pegawai, skp, batch)
        return pegawai
