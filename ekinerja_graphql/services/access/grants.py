"""The one access rule: each grant of spec/domain.md §8 is written once, as a SQL filter on
`pegawai` for lists and as the same test on a loaded row, side by side.

A row checked here carries SCOPE_COLUMNS: the pegawai's id, pejabat penilai, the
pejabat penilai's own penilai (the atasan pejabat penilai) and the unit path.
tests/services/test_access_grants.py keeps filter and predicate in agreement.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Protocol

from tortoise.expressions import Q, Subquery

from ekinerja_graphql.domain.organisasi import is_within
from ekinerja_graphql.models import Pegawai, UnitOrganisasi
from ekinerja_graphql.models.unit_organisasi import in_subtree

# Columns (as Tortoise `.values()` names) every pegawai row needs for a check.
SCOPE_COLUMNS = {
    "id": "id",
    "pejabat_penilai_id": "pejabat_penilai_id",
    "atasan_penilai_id": "pejabat_penilai__pejabat_penilai_id",
    "unit_path": "unit__path",
}
OWNER = "owner__"  # prefix of the SCOPE_COLUMNS of a row's owner joined to the row


def owner_scope_columns(path: str) -> dict[str, str]:
    """The SCOPE_COLUMNS of the pegawai a row belongs to, reached through `path` (an RHK's
    owner: "skp__pegawai"), as `.values()` fields named `owner__<column>`."""
    return {OWNER + name: f"{path}__{source}" for name, source in SCOPE_COLUMNS.items()}


def owner_of(row: Mapping) -> dict:
    """The owner's scope row out of a row carrying owner_scope_columns."""
    return {name: row[OWNER + name] for name in SCOPE_COLUMNS}


class Access(Enum):
    """What of a pegawai a grant opens."""

    IDENTITY = "name, NIP, jabatan, unit"
    RECORDS = "SKP, RHK, realisasi and evaluations"
    PERSONAL_DATA = "NIK, address and contact details"
    TUKIN = "tunjangan kinerja amounts"
    ADMINISTRATION = "attendance, dated facts, tukin runs and reports"


class Grant(Protocol):
    def condition(self) -> Q:
        """The pegawai rows this grant opens, as a filter on Pegawai."""

    def allows(self, row: Mapping) -> bool:
        """The same test on one row carrying SCOPE_COLUMNS."""


@dataclass(frozen=True, slots=True)
class Self:
    pegawai_id: int

    def condition(self) -> Q:
        return Q(id=self.pegawai_id)

    def allows(self, row: Mapping) -> bool:
        return row["id"] == self.pegawai_id


@dataclass(frozen=True, slots=True)
class DirectBawahan:
    """Those whose pejabat penilai is the viewer (the viewer is their PENILAI)."""

    penilai_id: int

    def condition(self) -> Q:
        return Q(pejabat_penilai_id=self.penilai_id)

    def allows(self, row: Mapping) -> bool:
        return row["pejabat_penilai_id"] == self.penilai_id


@dataclass(frozen=True, slots=True)
class BawahanOfBawahan:
    """Those whose pejabat penilai is rated by the viewer (the viewer is ATASAN_PENILAI)."""

    atasan_id: int

    def condition(self) -> Q:
        direct = Pegawai.filter(pejabat_penilai_id=self.atasan_id).values("id")
        return Q(pejabat_penilai_id__in=Subquery(direct))

    def allows(self, row: Mapping) -> bool:
        return row["atasan_penilai_id"] == self.atasan_id


@dataclass(frozen=True, slots=True)
class UnitSubtree:
    """Everyone placed in a unit or below it (ADMIN_UNIT)."""

    unit_path: str

    def condition(self) -> Q:
        units = UnitOrganisasi.filter(in_subtree(self.unit_path, "path")).values("id")
        return Q(unit_id__in=Subquery(units))

    def allows(self, row: Mapping) -> bool:
        return is_within(row["unit_path"], self.unit_path)


@dataclass(frozen=True, slots=True)
class Everyone:
    """ADMIN_PUSAT."""

    def condition(self) -> Q:
        return Q()

    def allows(self, row: Mapping) -> bool:
        return True


@dataclass(frozen=True, slots=True)
class Listed:
    """Named pegawai: the viewer's own pejabat penilai and atasan (identity only)."""

    pegawai_ids: frozenset[int]

    def condition(self) -> Q:
        return Q(id__in=sorted(self.pegawai_ids))

    def allows(self, row: Mapping) -> bool:
        return row["id"] in self.pegawai_ids


def any_condition(grants: tuple[Grant, ...]) -> Q | None:
    """OR of the grants' filters; None when one of them opens everything."""
    if any(isinstance(grant, Everyone) for grant in grants):
        return None
    condition = Q(id__in=[])
    for grant in grants:
        condition |= grant.condition()
    return condition
