"""Granting, revoking and listing admin roles (the admin_assignment table).

The same functions serve `ekinerja admin grant|revoke|list`, the demo and tests.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime

from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from ekinerja_graphql.domain.akses import ADMIN_ROLES, Peran
from ekinerja_graphql.models import AdminAssignment, Pegawai, UnitOrganisasi


class AssignmentRefused(ValueError):
    """The grant or revocation is not possible; the message says which part and why."""


@dataclass(frozen=True, slots=True)
class AdminGrant:
    subject: str  # a NIP or a service-account name
    role: Peran
    unit_id: int | None
    valid_from: date
    valid_until: date | None
    granted_by: str


def active_on(day: date) -> Q:
    return Q(revoked_at__isnull=True, valid_from__lte=day) & (
        Q(valid_until__isnull=True) | Q(valid_until__gte=day)
    )


async def grant_admin(grant: AdminGrant, service_accounts: frozenset[str]) -> AdminAssignment:
    _check_shape(grant)
    async with in_transaction():
        subject = await _subject_fields(grant.subject, service_accounts)
        if grant.unit_id is not None and not await UnitOrganisasi.exists(id=grant.unit_id):
            raise AssignmentRefused(f"unit: no unit organisasi with id {grant.unit_id}")
        overlapping = AdminAssignment.filter(
            **subject, role=grant.role, unit_id=grant.unit_id, revoked_at__isnull=True
        ).filter(Q(valid_until__isnull=True) | Q(valid_until__gte=grant.valid_from))
        if grant.valid_until is not None:
            overlapping = overlapping.filter(valid_from__lte=grant.valid_until)
        if await overlapping.exists():
            raise AssignmentRefused("an assignment of this role and unit already covers "
                                    "part of that period: revoke it first")
        return await AdminAssignment.create(
            **subject, role=grant.role, unit_id=grant.unit_id, valid_from=grant.valid_from,
            valid_until=grant.valid_until, granted_by=grant.granted_by,
        )


async def revoke_admin(assignment_id: int, revoked_by: str) -> AdminAssignment:
    async with in_transaction():
        assignment = await AdminAssignment.select_for_update().get_or_none(id=assignment_id)
        if assignment is None:
            raise AssignmentRefused(f"id: no admin assignment {assignment_id}")
        if assignment.revoked_at is not None:
            raise AssignmentRefused(f"id: assignment {assignment_id} is already revoked")
        assignment.revoked_at = datetime.now(UTC)
        assignment.revoked_by = revoked_by
        await assignment.save(update_fields=["revoked_at", "revoked_by"])
        return assignment


async def list_admin_assignments(day: date | None = None) -> list[dict]:
    """Every assignment (or those active on `day`), oldest first, with names and unit paths."""
    queryset = AdminAssignment.all() if day is None else AdminAssignment.filter(active_on(day))
    return await queryset.order_by("id").values(
        "id", "role", "service_account", "valid_from", "valid_until", "granted_by",
        "granted_at", "revoked_at", "revoked_by", "unit_id",
        nip="pegawai__nip", nama="pegawai__nama", unit_nama="unit__nama",
    )


def _check_shape(grant: AdminGrant) -> None:
    if grant.role not in ADMIN_ROLES:
        allowed = ", ".join(sorted(ADMIN_ROLES))
        raise AssignmentRefused(f"role: must be one of {allowed}; the other roles follow from "
                                "the pejabat-penilai chain")
    if grant.role is Peran.ADMIN_UNIT and grant.unit_id is None:
        raise AssignmentRefused("unit: ADMIN_UNIT needs the unit whose subtree it administers")
    if grant.role is Peran.ADMIN_PUSAT and grant.unit_id is not None:
        raise AssignmentRefused("unit: ADMIN_PUSAT administers everything and takes no unit")
    if grant.valid_until is not None and grant.valid_until < grant.valid_from:
        raise AssignmentRefused("valid_until: must not be before valid_from")
    if not grant.granted_by.strip():
        raise AssignmentRefused("granted_by: say who grants it")


async def _subject_fields(subject: str, service_accounts: frozenset[str]) -> dict:
    if subject in service_accounts:
        return {"service_account": subject}
    pegawai_id = await Pegawai.filter(nip=subject).first().values_list("id", flat=True)
    if pegawai_id is None:
        raise AssignmentRefused(f"subject: {subject[:40]!r} is neither a pegawai's NIP nor a "
                                "service account of EKINERJA_SERVICE_ACCOUNTS")
    return {"pegawai_id": pegawai_id}
