"""Row-level scoping per role (spec/domain.md §8): each sees what it should and no more."""

import pytest
from strawberry.relay import to_base64

from ekinerja_graphql.domain.akses import Peran
from ekinerja_graphql.models import Evaluasi, Pegawai, Skp, UnitOrganisasi
from ekinerja_graphql.services.demo_accounts import find_demo_accounts
from tests.support.graphql import data_of, principal, run

LIST_PAGE = """query($after: String) { pegawaiList(first: 100, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } nodes { nip } } }"""


@pytest.fixture
async def accounts(seeded_db):
    return {account.role: account for account in await find_demo_accounts()}


def as_role(accounts, role: Peran):
    account = accounts[role]
    return principal(account.nip, role, unit_id=account.unit_id)


async def listed_nips(who, settings) -> set[str]:
    """Every NIP pegawaiList shows this principal, walking all pages."""
    nips, after = [], None
    while True:
        page = (await data_of(LIST_PAGE, who, settings, {"after": after}))["pegawaiList"]
        nips += [node["nip"] for node in page["nodes"]]
        if not page["pageInfo"]["hasNextPage"]:
            assert page["totalCount"] == len(nips) == len(set(nips))
            return set(nips)
        after = page["pageInfo"]["endCursor"]


async def appraisers_of(pegawai: Pegawai) -> set[str]:
    nips = set()
    penilai = await Pegawai.get_or_none(id=pegawai.pejabat_penilai_id or 0)
    if penilai:
        nips.add(penilai.nip)
        atasan = await Pegawai.get_or_none(id=penilai.pejabat_penilai_id or 0)
        if atasan:
            nips.add(atasan.nip)
    return nips


async def test_pegawai_sees_self_and_own_appraisers_only(accounts, test_settings):
    me = await Pegawai.get(nip=accounts[Peran.PEGAWAI].nip)
    who = as_role(accounts, Peran.PEGAWAI)
    assert await listed_nips(who, test_settings) == {me.nip} | await appraisers_of(me)


async def test_penilai_adds_direct_bawahan(accounts, test_settings):
    me = await Pegawai.get(nip=accounts[Peran.PENILAI].nip)
    bawahan = set(await Pegawai.filter(pejabat_penilai_id=me.id).values_list("nip", flat=True))
    assert bawahan
    expected = {me.nip} | await appraisers_of(me) | bawahan
    assert await listed_nips(as_role(accounts, Peran.PENILAI), test_settings) == expected


async def test_atasan_penilai_adds_bawahan_of_bawahan(accounts, test_settings):
    me = await Pegawai.get(nip=accounts[Peran.ATASAN_PENILAI].nip)
    direct = await Pegawai.filter(pejabat_penilai_id=me.id).values_list("id", "nip")
    second = await Pegawai.filter(pejabat_penilai_id__in=[i for i, _ in direct]).values_list(
        "nip", flat=True
    )
    assert second
    expected = {me.nip} | await appraisers_of(me) | {n for _, n in direct} | set(second)
    assert await listed_nips(as_role(accounts, Peran.ATASAN_PENILAI), test_settings) == expected


async def test_admin_unit_sees_its_subtree_with_personal_data(accounts, test_settings):
    account = accounts[Peran.ADMIN_UNIT]
    who = as_role(accounts, Peran.ADMIN_UNIT)
    unit = await UnitOrganisasi.get(id=account.unit_id)
    high = str(int(unit.path) + 1).zfill(len(unit.path))
    subtree = set(
        await Pegawai.filter(unit__path__gte=unit.path, unit__path__lt=high).values_list(
            "nip", flat=True
        )
    )
    me = await Pegawai.get(nip=account.nip)
    # The subtree plus the admin's own appraisers (named on the admin's own SKP).
    assert await listed_nips(who, test_settings) == subtree | await appraisers_of(me)
    query = """query($unit: ID!) { pegawaiList(first: 100, filter: {unitId: $unit}) {
        nodes { nip nik alamat } } }"""
    variables = {"unit": to_base64("UnitOrganisasi", unit.id)}
    nodes = (await data_of(query, who, test_settings, variables))["pegawaiList"]["nodes"]
    assert nodes and all(node["nik"] and node["alamat"] for node in nodes)


async def test_admin_pusat_sees_everyone(accounts, test_settings):
    query = """{ pegawaiList(first: 1) { totalCount } }"""
    data = await data_of(query, as_role(accounts, Peran.ADMIN_PUSAT), test_settings)
    assert data["pegawaiList"]["totalCount"] == await Pegawai.all().count()


async def test_outside_scope_reads_are_forbidden_never_data(accounts, test_settings):
    who = as_role(accounts, Peran.PENILAI)
    visible = await listed_nips(who, test_settings)
    stranger = await Pegawai.exclude(nip__in=visible).order_by("id").first()
    stranger_skp = await Skp.filter(pegawai_id=stranger.id).first()
    queries = [
        ("query($nip: String!) { pegawai(nip: $nip) { nip nama } }", {"nip": stranger.nip}),
        ("query($id: ID!) { node(id: $id) { ... on Pegawai { nama } } }",
         {"id": to_base64("Pegawai", stranger.id)}),
        ("query($id: ID!) { node(id: $id) { ... on Skp { tahun } } }",
         {"id": to_base64("Skp", stranger_skp.id)}),
    ]
    for query, variables in queries:
        result = await run(query, who, test_settings, variables)
        assert result.errors[0].extensions["code"] == "FORBIDDEN"
        assert stranger.nama not in str(result.data)


async def test_personal_data_only_for_self_and_admins(accounts, test_settings):
    who = as_role(accounts, Peran.PENILAI)
    query = """{ me { nik bawahan { nip nik } } }"""
    result = await run(query, who, test_settings)
    assert result.data["me"]["nik"]
    codes = {error.extensions["code"] for error in result.errors}
    assert codes == {"FORBIDDEN"}
    assert all(b["nik"] is None for b in result.data["me"]["bawahan"] or [])


async def test_anonymous_requests_are_unauthenticated(seeded_db, test_settings):
    result = await run("{ pegawaiList { nodes { nip } } }", None, test_settings)
    assert result.errors[0].extensions["code"] == "UNAUTHENTICATED"
    assert result.data is None


async def test_own_appraisers_identity_is_visible_but_not_their_records(accounts, test_settings):
    who = as_role(accounts, Peran.PEGAWAI)
    me = await Pegawai.get(nip=accounts[Peran.PEGAWAI].nip)
    atasan_evaluasi = await Evaluasi.filter(
        pegawai_id=(await Pegawai.get(id=me.pejabat_penilai_id)).pejabat_penilai_id
    ).first()
    query = """{ me { pejabatPenilai { namaLengkap evaluasi { predikat }
        pejabatPenilai { namaLengkap skpList { tahun } } } } }"""
    result = await run(query, who, test_settings)
    # evaluasi is non-null, so the FORBIDDEN error nulls the whole appraiser object.
    assert result.data["me"]["pejabatPenilai"] is None
    assert {e.extensions["code"] for e in result.errors} == {"FORBIDDEN"}
    identity = await data_of("{ me { pejabatPenilai { namaLengkap } } }", who, test_settings)
    assert identity["me"]["pejabatPenilai"]["namaLengkap"]
    node = await run("query($id: ID!) { node(id: $id) { ... on Evaluasi { predikat } } }", who,
                     test_settings, {"id": to_base64("Evaluasi", atasan_evaluasi.id)})
    assert node.errors[0].extensions["code"] == "FORBIDDEN"
    assert node.data is None or node.data["node"] is None
