"""The per-request DataLoaders. Each batch is one SELECT, whatever the number of rows."""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from strawberry.dataloader import DataLoader
from tortoise.expressions import Q

from ekinerja_graphql.api.dataloaders.keyset import count_per_parent, fetch_ids_per_parent
from ekinerja_graphql.api.dataloaders.rows import columns, rows_by_id, rows_grouped
from ekinerja_graphql.api.pagination import PageRequest
from ekinerja_graphql.domain.organisasi import subtree_bounds
from ekinerja_graphql.models import (
    Evaluasi,
    IndikatorKinerja,
    Jabatan,
    Pegawai,
    PerilakuKerja,
    Realisasi,
    RencanaHasilKerja,
    Skp,
    UnitOrganisasi,
)
from ekinerja_graphql.services.akses import Viewer


@dataclass(frozen=True, slots=True)
class UnitPegawaiKey:
    unit_id: int
    include_descendants: bool
    page: PageRequest


def _by_id(model, **joined):
    async def load(keys: Sequence[int]) -> list[dict | None]:
        return await rows_by_id(model.all(), keys, columns(model, **joined))

    return DataLoader(load)


def _grouped(model, key_field: str, order_by: Sequence[str] = ("id",), **joined):
    async def load(keys: Sequence) -> list[list[dict]]:
        return await rows_grouped(model.all(), key_field, keys, columns(model, **joined), order_by)

    return DataLoader(load)


class Loaders:
    def __init__(self, viewer: Viewer) -> None:
        self.viewer = viewer
        self.unit = _by_id(UnitOrganisasi)
        self.unit_children = _grouped(UnitOrganisasi, "parent_id", ("nama", "id"))
        self.jabatan = _by_id(Jabatan)
        self.pegawai = _by_id(Pegawai, unit_path="unit__path")
        self.pegawai_by_nip = DataLoader(self._pegawai_by_nip)
        self.bawahan = _grouped(
            Pegawai, "pejabat_penilai_id", ("nama", "id"), unit_path="unit__path"
        )
        self.unit_pegawai_page = DataLoader(self._unit_pegawai_pages)
        self.jumlah_pegawai = DataLoader(self._jumlah_pegawai)
        self.visible_pegawai_count = DataLoader(self._visible_pegawai_counts)
        self.skp = _by_id(Skp)
        self.skp_by_pegawai = _grouped(Skp, "pegawai_id", ("-tahun", "-periode_awal", "id"))
        self.rhk = _by_id(RencanaHasilKerja, pegawai_id="skp__pegawai_id")
        self.rhk_by_skp = _grouped(
            RencanaHasilKerja, "skp_id", ("jenis", "urutan", "id"), pegawai_id="skp__pegawai_id"
        )
        self.rhk_turunan = _grouped(
            RencanaHasilKerja, "rhk_atasan_id", ("id",), pegawai_id="skp__pegawai_id"
        )
        self.indikator = _by_id(IndikatorKinerja, pegawai_id="rhk__skp__pegawai_id")
        self.indikator_by_rhk = _grouped(IndikatorKinerja, "rhk_id", ("urutan", "id"))
        self.perilaku_by_skp = _grouped(PerilakuKerja, "skp_id", ("id",))
        self.realisasi = _by_id(Realisasi, pegawai_id="indikator__rhk__skp__pegawai_id")
        self.realisasi_by_indikator = _grouped(
            Realisasi, "indikator_id", ("jenis_periode", "nomor_periode", "id")
        )
        self.evaluasi = _by_id(Evaluasi)
        self.evaluasi_by_skp = _grouped(
            Evaluasi, "skp_id", ("periode_akhir", "-periode_awal", "id")
        )
        self.evaluasi_by_pegawai = _grouped(
            Evaluasi, "pegawai_id", ("-periode_awal", "jenis_periode", "id")
        )

    async def _pegawai_by_nip(self, nips: Sequence[str]) -> list[dict | None]:
        rows = await Pegawai.filter(nip__in=set(nips)).values(
            **columns(Pegawai, unit_path="unit__path")
        )
        by_nip = {row["nip"]: row for row in rows}
        for row in rows:
            self.pegawai.prime(row["id"], row)
        return [by_nip.get(nip) for nip in nips]

    async def _unit_pegawai_pages(
        self, keys: Sequence[UnitPegawaiKey]
    ) -> list[tuple[list[dict], bool]]:
        """First page of each unit's visible pegawai; one statement per distinct page shape."""
        shapes: dict[tuple[bool, PageRequest], list[int]] = defaultdict(list)
        for key in keys:
            shapes[(key.include_descendants, key.page)].append(key.unit_id)
        pages: dict[UnitPegawaiKey, tuple[list[int], bool]] = {}
        for (descendants, page), unit_ids in shapes.items():
            queryset = await self._in_units(self.visible_pegawai(), unit_ids, descendants)
            found = await fetch_ids_per_parent(
                queryset, "nama", page, "unit_id", unit_ids, descendants
            )
            for unit_id in unit_ids:
                pages[UnitPegawaiKey(unit_id, descendants, page)] = found.get(unit_id, ([], False))
        wanted = sorted({i for ids, _ in pages.values() for i in ids})
        rows = {row["id"]: row for row in await self.pegawai.load_many(wanted) if row}
        return [([rows[i] for i in pages[key][0]], pages[key][1]) for key in keys]

    async def _jumlah_pegawai(self, keys: Sequence[tuple[int, bool]]) -> list[int]:
        return await self._counts(Pegawai.all(), keys)

    async def _visible_pegawai_counts(self, keys: Sequence[tuple[int, bool]]) -> list[int]:
        return await self._counts(self.visible_pegawai(), keys)

    async def _counts(self, queryset, keys: Sequence[tuple[int, bool]]) -> list[int]:
        counts: dict[tuple[int, bool], int] = {}
        for descendants in (False, True):
            unit_ids = [unit_id for unit_id, wanted in keys if wanted is descendants]
            if unit_ids:
                scoped = await self._in_units(queryset, unit_ids, descendants)
                found = await count_per_parent(scoped, "unit_id", unit_ids, descendants)
                counts.update({(u, descendants): found.get(u, 0) for u in unit_ids})
        return [counts[key] for key in keys]

    async def _in_units(self, queryset, unit_ids: Sequence[int], descendants: bool):
        if not descendants:
            return queryset.filter(unit_id__in=unit_ids)
        units = await self.unit.load_many(unit_ids)
        return queryset.filter(_subtrees([unit["path"] for unit in units if unit]))

    def visible_pegawai(self):
        scope = self.viewer.pegawai_filter()
        return Pegawai.filter(scope) if scope is not None else Pegawai.all()


def _subtrees(paths: Sequence[str]) -> Q:
    condition = Q(id__in=[])
    for path in paths:
        low, high = subtree_bounds(path)
        condition |= Q(unit__path__gte=low, unit__path__lt=high)
    return condition
