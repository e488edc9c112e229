"""The viewer's one statement reads what the ORM conditions it stands for select: the
pegawai's row, admin_assignments.active_on for each day, and the moved bawahan."""

from datetime import UTC, date, datetime, timedelta

import pytest
from tortoise.expressions import Q

from ekinerja_graphql.domain.akses import Peran
from ekinerja_graphql.models import AdminAssignment, Pegawai, Skp, UnitOrganisasi
from ekinerja_graphql.services.access.viewer_rows import viewer_rows
from ekinerja_graphql.services.admin_assignments import active_on

TODAY = date.today()
DAY = timedelta(days=1)


@pytest.fixture
async def appraiser(seeded_db):
    """A pegawai who rates SKPs, with admin assignments of every kind of validity."""
    administrators = await AdminAssignment.filter(pegawai_id__isnull=False) \
        .values_list("pegawai_id", flat=True)
    skp = await Skp.filter(pejabat_penilai_id__isnull=False,
                           pejabat_penilai_id__not_in=administrators).order_by("id").first()
    pegawai = await Pegawai.get(id=skp.pejabat_penilai_id)
    units = await UnitOrganisasi.all().order_by("id").limit(6)
    windows = [  # (valid_from, valid_until, revoked)
        (TODAY - 10 * DAY, None, False),
        (TODAY - 10 * DAY, TODAY - DAY, False),
        (TODAY - 10 * DAY, TODAY, False),
        (TODAY + DAY, None, False),
        (TODAY, TODAY + 5 * DAY, False),
        (TODAY - 10 * DAY, None, True),
    ]
    for unit, (valid_from, valid_until, revoked) in zip(units, windows, strict=True):
        await AdminAssignment.create(
            pegawai_id=pegawai.id, role=Peran.ADMIN_UNIT, unit_id=unit.id,
            valid_from=valid_from, valid_until=valid_until, granted_by="test",
            revoked_at=datetime.now(UTC) if revoked else None,
            revoked_by="test" if revoked else None)
    await AdminAssignment.create(pegawai_id=pegawai.id, role=Peran.ADMIN_PUSAT,
                                 valid_from=TODAY + 2 * DAY, granted_by="test")
    closed = await Skp.filter(Q(pejabat_penilai_id=pegawai.id)
                              | Q(atasan_pejabat_penilai_id=pegawai.id)).order_by("id")
    assert len(closed) >= 2
    originals = [(skp.id, skp.ditutup_pada, skp.tahun) for skp in closed]
    await Skp.filter(id=closed[0].id).update(ditutup_pada=TODAY)
    await Skp.filter(id=closed[-1].id).update(ditutup_pada=TODAY, tahun=TODAY.year - 2)
    yield pegawai
    await AdminAssignment.filter(pegawai_id=pegawai.id).delete()  # none were theirs before
    for skp_id, ditutup_pada, tahun in originals:
        await Skp.filter(id=skp_id).update(ditutup_pada=ditutup_pada, tahun=tahun)


async def test_admin_rows_are_those_active_on_each_day(appraiser):
    for day in (TODAY - 11 * DAY, TODAY - DAY, TODAY, TODAY + DAY, TODAY + 2 * DAY,
                TODAY + 6 * DAY):
        expected = await AdminAssignment.filter(active_on(day), pegawai_id=appraiser.id) \
            .values_list("role", "unit__path")
        got = (await viewer_rows(appraiser.nip, day)).admin
        assert sorted((row["role"], row["unit_path"]) for row in got) == \
            sorted((Peran(role), path) for role, path in expected), day
    assert len((await viewer_rows(appraiser.nip, TODAY)).admin) == 3


async def test_own_row_and_moved_bawahan(appraiser):
    rows = await viewer_rows(appraiser.nip, TODAY)
    atasan = await Pegawai.get_or_none(id=appraiser.pejabat_penilai_id) \
        if appraiser.pejabat_penilai_id else None
    assert rows.own == {
        "id": appraiser.id, "status": appraiser.status,
        "pejabat_penilai_id": appraiser.pejabat_penilai_id,
        "atasan_penilai_id": atasan.pejabat_penilai_id if atasan else None,
    }
    expected = await Skp.filter(
        Q(pejabat_penilai_id=appraiser.id) | Q(atasan_pejabat_penilai_id=appraiser.id),
        ditutup_pada__isnull=False, tahun__gte=TODAY.year - 1,
    ).values_list("pegawai_id", flat=True)
    assert rows.moved_bawahan == frozenset(expected) and len(expected) == 1


async def test_an_unknown_nip_has_no_row(seeded_db):
    rows = await viewer_rows("199001012015031999", TODAY)
    assert rows.own is None and rows.admin == [] and rows.moved_bawahan == frozenset()
