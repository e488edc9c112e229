"""The signed-in caller and the grants the data gives them.

The token only names the subject: a pegawai's NIP or a service account of the
settings. Everything else is read here: whether the pegawai may sign in, whom
they rate (the pejabat-penilai chain) and what they administer (admin_assignment).
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from tortoise.expressions import Q

from ekinerja_graphql.domain.akses import STATUS_BOLEH_MASUK, Peran
from ekinerja_graphql.domain.nip import NIP_LENGTH
from ekinerja_graphql.models import AdminAssignment
from ekinerja_graphql.services.access.grants import (
    Access,
    BawahanOfBawahan,
    DirectBawahan,
    Everyone,
    Grant,
    Listed,
    Self,
    UnitSubtree,
    any_condition,
)
from ekinerja_graphql.services.access.viewer_rows import viewer_rows
from ekinerja_graphql.services.admin_assignments import active_on


class SignInRefused(Exception):
    """The subject is not a pegawai who may sign in, nor a configured service account."""


@dataclass(frozen=True, slots=True)
class Viewer:
    subject: str
    pegawai_id: int | None
    admin_roles: frozenset[Peran]
    grants: Mapping[Access, tuple[Grant, ...]]

    @property
    def admin_unit_paths(self) -> tuple[str, ...]:
        """Paths of the unit subtrees this viewer administers as ADMIN_UNIT."""
        return tuple(g.unit_path for g in self.grants[Access.RECORDS] if isinstance(g, UnitSubtree))

    @property
    def administers(self) -> bool:
        return bool(self.grants[Access.ADMINISTRATION])

    @property
    def sees_everyone(self) -> bool:
        return any(isinstance(grant, Everyone) for grant in self.grants[Access.IDENTITY])

    def condition(self, access: Access) -> Q | None:
        """The pegawai rows open to this viewer for `access`; None: all of them."""
        return any_condition(self.grants[access])

    def allows(self, access: Access, row: Mapping) -> bool:
        """The same answer for one pegawai row carrying SCOPE_COLUMNS."""
        return any(grant.allows(row) for grant in self.grants[access])


async def load_viewer(subject: str, service_accounts: frozenset[str], today: date) -> Viewer:
    """One query: a pegawai's row, active assignments and moved bawahan (viewer_rows.py),
    or a service account's active assignments."""
    if subject in service_accounts:
        pegawai_id, appraisers, moved = None, frozenset(), frozenset()
        active = await AdminAssignment.filter(active_on(today), service_account=subject) \
            .values("role", unit_path="unit__path")
    else:
        if not (subject.isascii() and subject.isdigit() and len(subject) == NIP_LENGTH):
            raise SignInRefused("the token's subject is neither a NIP nor a service account")
        rows = await viewer_rows(subject, today)
        own = rows.own
        if own is None:
            raise SignInRefused("the token's subject is neither a known NIP nor a service account")
        if own["status"] not in STATUS_BOLEH_MASUK:
            raise SignInRefused(f"pegawai with status {own['status']} may not sign in")
        pegawai_id, active, moved = own["id"], rows.admin, rows.moved_bawahan
        appraisers = frozenset(
            i for i in (own["pejabat_penilai_id"], own["atasan_penilai_id"]) if i is not None
        )
    chain: tuple[Grant, ...] = ()
    if pegawai_id is not None:
        chain = (Self(pegawai_id), DirectBawahan(pegawai_id), BawahanOfBawahan(pegawai_id))
        if moved:
            chain += (Listed(moved),)
    admin = tuple(_admin_grant(row) for row in active)
    records = admin + chain  # ADMIN_PUSAT's Everyone first: a row check stops at it
    return Viewer(
        subject=subject,
        pegawai_id=pegawai_id,
        admin_roles=frozenset(Peran(row["role"]) for row in active),
        grants={
            Access.IDENTITY: records + ((Listed(appraisers),) if appraisers else ()),
            Access.RECORDS: records,
            Access.PERSONAL_DATA: admin + chain[:1],
            Access.TUKIN: admin + chain[:1],
            Access.ADMINISTRATION: admin,
        },
    )


def _admin_grant(row: dict) -> Grant:
    if row["role"] == Peran.ADMIN_PUSAT:
        return Everyone()
    return UnitSubtree(row["unit_path"])


def operator_viewer(subject: str) -> Viewer:
    """The shell operator of `ekinerja` commands (tukin runs, imports): trusted like
    `ekinerja admin grant`, so ADMIN_PUSAT's reach, recorded under their own name."""
    everyone = (Everyone(),)
    return Viewer(subject=subject, pegawai_id=None, admin_roles=frozenset({Peran.ADMIN_PUSAT}),
                  grants={access: everyone for access in Access})  # fmt: skip
