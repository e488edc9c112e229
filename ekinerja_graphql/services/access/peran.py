"""The roles of spec/domain.md §8 a caller holds towards one record, read from the data:
the record's own chain (its pegawai, pejabat penilai and atasan pejabat penilai, as the
SKP recorded them) and the caller's admin grants over the pegawai's unit — the same
grants that filter what they may read (services/access/grants.py)."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from ekinerja_graphql.domain.akses import Peran
from ekinerja_graphql.domain.workflow import BOLEH, Aksi, boleh
from ekinerja_graphql.errors import Forbidden
from ekinerja_graphql.services.access.grants import Access, Everyone, UnitSubtree
from ekinerja_graphql.services.access.viewer import Viewer


@dataclass(frozen=True, slots=True)
class Actor:
    """Who takes a step, with the clock and request id the step is recorded with."""

    viewer: Viewer
    today: date
    request_id: str | None = None

    @property
    def subject(self) -> str:
        return self.viewer.subject

    @property
    def pegawai_id(self) -> int | None:
        return self.viewer.pegawai_id


@dataclass(frozen=True, slots=True)
class Rantai:
    """A record's chain: whose it is and who appraise them (ASN ids, or a pejabat negara),
    plus the owner's unit path for the admin grants."""

    pegawai_id: int
    unit_path: str
    penilai_id: int | None = None
    penilai_negara: bool = False
    atasan_id: int | None = None
    atasan_negara: bool = False


def peran(actor: Actor, rantai: Rantai) -> frozenset[Peran]:
    held = set()
    me = actor.pegawai_id
    if me is not None:
        if me == rantai.pegawai_id:
            held.add(Peran.PEGAWAI)
        if me == rantai.penilai_id:
            held.add(Peran.PENILAI)
        if me == rantai.atasan_id:
            held.add(Peran.ATASAN_PENILAI)
    for grant in actor.viewer.grants[Access.RECORDS]:
        if isinstance(grant, Everyone):
            held.add(Peran.ADMIN_PUSAT)
        elif isinstance(grant, UnitSubtree) and grant.allows({"unit_path": rantai.unit_path}):
            held.add(Peran.ADMIN_UNIT)
    return frozenset(held)


def negara(rantai: Rantai) -> frozenset[Peran]:
    """The roles towards the record a pejabat negara holds (ADMIN_PUSAT acts for them)."""
    held = set()
    if rantai.penilai_negara:
        held.add(Peran.PENILAI)
    if rantai.atasan_negara:
        held.add(Peran.ATASAN_PENILAI)
    return frozenset(held)


def atas_nama_negara(actor: Actor) -> bool:
    """Whether the caller takes the steps of the pejabat negara in a chain (ADMIN_PUSAT)."""
    return any(isinstance(grant, Everyone) for grant in actor.viewer.grants[Access.RECORDS])


def pastikan_boleh(actor: Actor, aksi: Aksi, rantai: Rantai, what: str) -> frozenset[Peran]:
    """The caller's roles towards the record; FORBIDDEN unless one of them may take `aksi`."""
    held = peran(actor, rantai)
    if not boleh(aksi, held, negara(rantai)):
        roles = ", ".join(sorted(_needed(aksi, rantai)))
        raise Forbidden(f"{aksi} on {what} is for {roles}; you are "
                        f"{', '.join(sorted(held)) or 'none of them'}")  # fmt: skip
    return held


def _needed(aksi: Aksi, rantai: Rantai) -> set[str]:
    needed = set(BOLEH[aksi])
    if not BOLEH[aksi].isdisjoint(negara(rantai)):
        needed.add(Peran.ADMIN_PUSAT)
    return needed


def rantai_skp(row: Mapping) -> Rantai:
    """From an skp row with `unit_path` of its pegawai."""
    return Rantai(
        pegawai_id=row["pegawai_id"],
        unit_path=row["pegawai_unit_path"],
        penilai_id=row["pejabat_penilai_id"],
        penilai_negara=row["pejabat_penilai_negara_id"] is not None,
        atasan_id=row["atasan_pejabat_penilai_id"],
        atasan_negara=row["atasan_pejabat_penilai_negara_id"] is not None,
    )
