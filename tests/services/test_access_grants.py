"""The one access rule: for generated viewers and rows, each grant's SQL filter selects
exactly the rows its predicate allows (SQLite and PostgreSQL alike)."""

from datetime import date
from itertools import count

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ekinerja_graphql.models import Pegawai, UnitOrganisasi
from ekinerja_graphql.services.access import SCOPE_COLUMNS, Access
from ekinerja_graphql.services.access.grants import (
    BawahanOfBawahan,
    DirectBawahan,
    Everyone,
    Listed,
    Self,
    UnitSubtree,
    any_condition,
)
from ekinerja_graphql.services.access.viewer import Viewer

_nips = count(1)


@pytest.fixture
async def world(seeded_db):
    ids = await Pegawai.all().order_by("id").values_list("id", flat=True)
    units = await UnitOrganisasi.all().order_by("id").values_list("id", "path")
    return {"pegawai": list(ids), "units": list(units)}


def grants_for(draw, world):
    pegawai_id = draw(st.sampled_from(world["pegawai"]))
    paths = [path for _, path in world["units"]]
    chain = [Self(pegawai_id), DirectBawahan(pegawai_id), BawahanOfBawahan(pegawai_id)]
    admin = draw(st.lists(st.sampled_from(paths).map(UnitSubtree), max_size=3))
    if draw(st.booleans()) and draw(st.integers(0, 9)) == 0:
        admin.append(Everyone())
    listed = draw(st.frozensets(st.sampled_from(world["pegawai"]), max_size=3))
    extra = [Listed(listed)] if listed else []
    picked = draw(st.lists(st.sampled_from(chain + admin + extra), min_size=1, unique=True))
    return pegawai_id, tuple(picked)


async def add_rows(draw, world, near: int) -> list[int]:
    """New pegawai placed anywhere, rated by the viewer, its bawahan or anyone."""
    created = []
    for _ in range(draw(st.integers(0, 3))):
        bawahan = await Pegawai.filter(pejabat_penilai_id=near).values_list("id", flat=True)
        penilai = draw(st.sampled_from([None, near, *bawahan[:3], *world["pegawai"][:3]]))
        unit_id, _ = draw(st.sampled_from(world["units"]))
        nip = f"19900101201501{next(_nips) % 10_000:04d}"
        row = await Pegawai.create(
            nip=nip, nama=f"Uji {nip}", jenis_kelamin="LAKI_LAKI", tanggal_lahir=date(1990, 1, 1),
            jenis="PNS", status="AKTIF", unit_id=unit_id, pejabat_penilai_id=penilai,
        )
        created.append(row.id)
    return created


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
async def test_sql_filter_and_row_predicate_agree(world, data):
    pegawai_id, grants = grants_for(data.draw, world)
    created = await add_rows(data.draw, world, pegawai_id)
    try:
        rows = await Pegawai.all().values(**SCOPE_COLUMNS)
        condition = any_condition(grants)
        queryset = Pegawai.all() if condition is None else Pegawai.filter(condition)
        selected = set(await queryset.values_list("id", flat=True))
        allowed = {row["id"] for row in rows if any(g.allows(row) for g in grants)}
        assert selected == allowed, grants
    finally:
        await Pegawai.filter(id__in=created).delete()


async def test_the_viewer_answers_lists_and_rows_alike(world):
    """The same agreement through Viewer, for each access level of a real viewer shape."""
    pegawai_id = world["pegawai"][len(world["pegawai"]) // 2]
    _, path = world["units"][3]
    chain = (Self(pegawai_id), DirectBawahan(pegawai_id), BawahanOfBawahan(pegawai_id))
    admin = (UnitSubtree(path),)
    viewer = Viewer("test", pegawai_id, frozenset(), {
        Access.IDENTITY: chain + admin + (Listed(frozenset(world["pegawai"][:2])),),
        Access.RECORDS: chain + admin,
        Access.PERSONAL_DATA: chain[:1] + admin,
        Access.TUKIN: chain[:1] + admin,
        Access.ADMINISTRATION: admin,
    })
    rows = await Pegawai.all().values(**SCOPE_COLUMNS)
    for access in Access:
        selected = set(await Pegawai.filter(viewer.condition(access)).values_list("id", flat=True))
        assert selected == {row["id"] for row in rows if viewer.allows(access, row)}
        assert selected
