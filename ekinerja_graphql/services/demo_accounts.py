"""Real seeded pegawai to sign in as, one per role, for the demo and the docs.

ADMIN_PUSAT leads the first eselon I unit (the Sekretariat Jenderal: the ministry itself
is led by the Menteri, a pejabat negara and no pegawai) and ADMIN_UNIT leads a Kanwil;
both hold their
role through the admin assignment table (`grant_demo_admins`). PEGAWAI is a
pegawai without bawahan whose pejabat penilai (the PENILAI) has a pejabat
penilai too (the ATASAN_PENILAI): so every role's queries have real data.
"""

from dataclasses import dataclass
from datetime import date

from tortoise.expressions import Subquery

from ekinerja_graphql.domain.akses import ADMIN_ROLES, Peran
from ekinerja_graphql.domain.organisasi import JenisUnit
from ekinerja_graphql.models import AdminAssignment, Pegawai, UnitOrganisasi
from ekinerja_graphql.services.admin_assignments import AdminGrant, active_on, grant_admin

DEMO_GRANTOR = "demo"


@dataclass(frozen=True, slots=True)
class DemoAccount:
    role: Peran
    nip: str
    nama: str
    # The unit an ADMIN_UNIT administers.
    unit_id: int | None = None


class NoDemoAccount(LookupError):
    """The database has no pegawai fit for a role (is it seeded?)."""


def _account(role: Peran, pegawai: Pegawai | None, unit_id: int | None = None) -> DemoAccount:
    if pegawai is None:
        raise NoDemoAccount(f"no pegawai can act as {role}: seed the database first")
    return DemoAccount(role=role, nip=pegawai.nip, nama=pegawai.nama, unit_id=unit_id)


async def _leader_of(units) -> tuple[Pegawai | None, int | None]:
    unit = await units.filter(pemimpin_id__isnull=False).order_by("id").first()
    if unit is None:
        return None, None
    return await Pegawai.get_or_none(id=unit.pemimpin_id), unit.id


async def _pegawai_with_two_appraisers(admin_ids: list[int]) -> Pegawai | None:
    """A pegawai without bawahan whose pejabat penilai has a pejabat penilai.

    Preferably neither appraiser is one of the admins, so that every role is a
    different person seeing only what the role gives; a small ministry may only
    have short chains.
    """
    appraiser_ids = Pegawai.filter(pejabat_penilai_id__isnull=False).values("pejabat_penilai_id")
    candidates = (
        Pegawai.filter(pejabat_penilai__pejabat_penilai_id__isnull=False)
        .exclude(id__in=Subquery(appraiser_ids))
        .exclude(pejabat_penilai_id__in=admin_ids)
        .select_related("pejabat_penilai__pejabat_penilai")
        .order_by("id")
    )
    below_the_admin = candidates.exclude(pejabat_penilai__pejabat_penilai_id__in=admin_ids)
    return await below_the_admin.first() or await candidates.first()


async def find_demo_accounts() -> list[DemoAccount]:
    """One account per role, ordered from the widest access to the narrowest."""
    sekjen, _ = await _leader_of(UnitOrganisasi.filter(jenis=JenisUnit.UNIT_ESELON_I))
    kanwil_leader, kanwil_id = await _leader_of(UnitOrganisasi.filter(jenis=JenisUnit.KANWIL))
    admins = [admin.id for admin in (sekjen, kanwil_leader) if admin]
    pegawai = await _pegawai_with_two_appraisers(admins)
    penilai = pegawai.pejabat_penilai if pegawai else None
    atasan = penilai.pejabat_penilai if penilai else None
    return [
        _account(Peran.ADMIN_PUSAT, sekjen),
        _account(Peran.ADMIN_UNIT, kanwil_leader, kanwil_id),
        _account(Peran.ATASAN_PENILAI, atasan),
        _account(Peran.PENILAI, penilai),
        _account(Peran.PEGAWAI, pegawai),
    ]


async def grant_demo_admins(accounts: list[DemoAccount], today: date | None = None) -> None:
    """Gives the demo's admin accounts their role in the assignment table, once."""
    today = today or date.today()
    for account in accounts:
        if account.role not in ADMIN_ROLES:
            continue
        held = AdminAssignment.filter(
            active_on(today), pegawai__nip=account.nip, role=account.role, unit_id=account.unit_id
        )
        if not await held.exists():
            grant = AdminGrant(account.nip, account.role, account.unit_id, today, None,
                               DEMO_GRANTOR)
            await grant_admin(grant, frozenset())
