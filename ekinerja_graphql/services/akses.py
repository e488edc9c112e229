"""Who may see which pegawai (spec/domain.md §8), enforced in queries and on every node.

Lists filter in SQL with `pegawai_filter()`; single rows loaded in batches are
checked with `can_see(row)`, where a row carries id, pejabat_penilai_id and
unit_path.
"""

from dataclasses import dataclass, field

from tortoise.expressions import Q, Subquery

from ekinerja_graphql.auth import Principal
from ekinerja_graphql.domain.akses import Peran
from ekinerja_graphql.domain.organisasi import subtree_bounds
from ekinerja_graphql.models import Pegawai, UnitOrganisasi


@dataclass(frozen=True, slots=True)
class Viewer:
    """The signed-in person and the slices of the pegawai table their roles open."""

    nip: str
    roles: frozenset[Peran]
    pegawai_id: int | None
    # Ids of the viewer's own pejabat penilai and atasan: named on the viewer's SKP.
    own_appraiser_ids: frozenset[int] = frozenset()
    admin_unit_path: str | None = None
    direct_bawahan_ids: frozenset[int] = field(default_factory=frozenset)

    @property
    def sees_everything(self) -> bool:
        return Peran.ADMIN_PUSAT in self.roles

    def pegawai_filter(self) -> Q | None:
        """A filter on Pegawai selecting what this viewer may list; None means no limit."""
        if self.sees_everything:
            return None
        visible = Q(id__in=[self.pegawai_id or 0, *self.own_appraiser_ids])
        if self.pegawai_id is not None and self.roles & {Peran.PENILAI, Peran.ATASAN_PENILAI}:
            visible |= Q(pejabat_penilai_id=self.pegawai_id)
        if Peran.ATASAN_PENILAI in self.roles and self.direct_bawahan_ids:
            visible |= Q(pejabat_penilai_id__in=sorted(self.direct_bawahan_ids))
        if self.admin_unit_path is not None:
            low, high = subtree_bounds(self.admin_unit_path)
            units = UnitOrganisasi.filter(path__gte=low, path__lt=high).values("id")
            visible |= Q(unit_id__in=Subquery(units))
        return visible

    def can_see(self, row: dict) -> bool:
        """The pegawai's identity (name, jabatan, unit): records in scope plus own appraisers."""
        return row["id"] in self.own_appraiser_ids or self.can_see_records(row)

    def can_see_records(self, row: dict) -> bool:
        """The pegawai's SKP, RHK, realisasi and evaluasi: own record and role scope only."""
        if self.sees_everything or row["id"] == self.pegawai_id:
            return True
        penilai_id = row["pejabat_penilai_id"]
        if self.pegawai_id is not None and penilai_id == self.pegawai_id:
            return bool(self.roles & {Peran.PENILAI, Peran.ATASAN_PENILAI})
        if Peran.ATASAN_PENILAI in self.roles and penilai_id in self.direct_bawahan_ids:
            return True
        return self.in_admin_unit(row["unit_path"])

    def can_see_personal_data(self, row: dict) -> bool:
        """NIK, address and contact details: the pegawai themself and admins only."""
        if self.sees_everything or row["id"] == self.pegawai_id:
            return True
        return self.in_admin_unit(row["unit_path"])

    def in_admin_unit(self, unit_path: str) -> bool:
        if self.admin_unit_path is None:
            return False
        low, high = subtree_bounds(self.admin_unit_path)
        return low <= unit_path < high


async def load_viewer(principal: Principal) -> Viewer:
    """One query for the viewer's own row, one more for an ATASAN_PENILAI's bawahan."""
    row = await Pegawai.filter(nip=principal.nip).values(
        "id", "unit_id", "unit__path", "pejabat_penilai_id",
        "pejabat_penilai__pejabat_penilai_id",
    )
    own = row[0] if row else None
    appraiser_ids = (
        (own["pejabat_penilai_id"], own["pejabat_penilai__pejabat_penilai_id"]) if own else ()
    )
    appraisers = frozenset(pid for pid in appraiser_ids if pid is not None)
    admin_unit_path = None
    if Peran.ADMIN_UNIT in principal.roles:
        admin_unit_path = await _admin_unit_path(principal, own)
    direct = frozenset()
    if own and Peran.ATASAN_PENILAI in principal.roles:
        direct = frozenset(
            await Pegawai.filter(pejabat_penilai_id=own["id"]).values_list("id", flat=True)
        )
    return Viewer(
        nip=principal.nip,
        roles=principal.roles,
        pegawai_id=own["id"] if own else None,
        own_appraiser_ids=appraisers,
        admin_unit_path=admin_unit_path,
        direct_bawahan_ids=direct,
    )


async def _admin_unit_path(principal: Principal, own: dict | None) -> str | None:
    if principal.unit_id is not None:
        return await UnitOrganisasi.filter(id=principal.unit_id).first().values_list(
            "path", flat=True
        )
    return own["unit__path"] if own else None
