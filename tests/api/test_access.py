"""Who sees what (spec/domain.md §8), with authority from data only.

Each expected set is computed here straight from the tables (the penilai chain and
admin_assignment), independently of services/access.
"""

import pytest
from strawberry.relay import to_base64

from ekinerja_graphql.domain.akses import Peran
from ekinerja_graphql.models import AdminAssignment, Evaluasi, Pegawai, Skp, UnitOrganisasi
from ekinerja_graphql.services.demo_accounts import find_demo_accounts
from tests.support.graphql import data_of, principal, run

LIST_PAGE = """query($after: String) { pegawaiList(first: 100, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } nodes { nip } } }"""


@pytest.fixture
async def accounts(seeded_db):
    return {account.role: account for account in await find_demo_accounts()}


def as_role(accounts, role: Peran):
    return principal(accounts[role].nip)


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


async def chain_nips(me: Pegawai) -> set[str]:
    """Self, direct bawahan and their bawahan: what the penilai chain opens."""
    direct = await Pegawai.filter(pejabat_penilai_id=me.id).values_list("id", "nip")
    second = await Pegawai.filter(pejabat_penilai_id__in=[i for i, _ in direct]).values_list(
        "nip", flat=True
    )
    return {me.nip} | {nip for _, nip in direct} | set(second)


async def subtree_nips(unit_id: int) -> set[str]:
    unit = await UnitOrganisasi.get(id=unit_id)
    nips = await Pegawai.filter(unit__path__startswith=unit.path).values_list("nip", flat=True)
    return set(nips)


async def test_pegawai_lists_only_self(accounts, test_settings):
    me = await Pegawai.get(nip=accounts[Peran.PEGAWAI].nip)
    assert not await Pegawai.exists(pejabat_penilai_id=me.id)
    assert await listed_nips(as_role(accounts, Peran.PEGAWAI), test_settings) == {me.nip}


@pytest.mark.parametrize("role", [Peran.PENILAI, Peran.ATASAN_PENILAI])
async def test_penilai_chain_opens_bawahan_and_their_bawahan(accounts, test_settings, role):
    me = await Pegawai.get(nip=accounts[role].nip)
    expected = await chain_nips(me)
    assert len(expected) > 1
    assert await listed_nips(as_role(accounts, role), test_settings) == expected


async def test_admin_unit_sees_subtree_and_chain_the_same_way_everywhere(accounts, test_settings):
    """The ADMIN_UNIT demo account is also a pejabat penilai: list, pegawai(nip), node and
    me { bawahan } agree (they disagreed on 184 of 1,471 pegawai before)."""
    account = accounts[Peran.ADMIN_UNIT]
    who = as_role(accounts, Peran.ADMIN_UNIT)
    me = await Pegawai.get(nip=account.nip)
    expected = await subtree_nips(account.unit_id) | await chain_nips(me)
    listed = await listed_nips(who, test_settings)
    assert listed == expected
    query = """query($nip: String!, $id: ID!) { pegawai(nip: $nip) { nip nik }
        node(id: $id) { ... on Pegawai { nip } } }"""
    for pegawai in await Pegawai.filter(nip__in=sorted(listed)).order_by("id"):
        variables = {"nip": pegawai.nip, "id": to_base64("Pegawai", pegawai.id)}
        result = await run(query, who, test_settings, variables)
        assert result.data["pegawai"]["nip"] == result.data["node"]["nip"] == pegawai.nip
    bawahan = await data_of("{ me { bawahan { nip } } }", who, test_settings)
    expected_bawahan = await Pegawai.filter(pejabat_penilai_id=me.id).values_list("nip", flat=True)
    assert expected_bawahan
    assert {b["nip"] for b in bawahan["me"]["bawahan"]} == set(expected_bawahan)


async def test_admin_pusat_sees_everyone(accounts, test_settings):
    query = """{ pegawaiList(first: 1) { totalCount } }"""
    data = await data_of(query, as_role(accounts, Peran.ADMIN_PUSAT), test_settings)
    assert data["pegawaiList"]["totalCount"] == await Pegawai.all().count()


async def test_token_claims_widen_nothing(accounts, test_settings):
    """Roles come from admin_assignment: the PEGAWAI account holds none, so it sees itself."""
    me = await Pegawai.get(nip=accounts[Peran.PEGAWAI].nip)
    assert not await AdminAssignment.exists(pegawai_id=me.id)
    assert await listed_nips(principal(me.nip), test_settings) == {me.nip}


async def test_expired_and_revoked_assignments_grant_nothing(accounts, test_settings):
    account = accounts[Peran.ADMIN_UNIT]
    assignment = await AdminAssignment.get(pegawai__nip=account.nip, role=Peran.ADMIN_UNIT)
    me = await Pegawai.get(nip=account.nip)
    try:
        assignment.revoked_by = "test"
        assignment.revoked_at = assignment.granted_at
        await assignment.save()
        assert await listed_nips(principal(account.nip), test_settings) == await chain_nips(me)
    finally:
        assignment.revoked_at = assignment.revoked_by = None
        await assignment.save()


async def test_outside_scope_reads_are_forbidden_never_data(accounts, test_settings):
    who = as_role(accounts, Peran.PENILAI)
    me = await Pegawai.get(nip=accounts[Peran.PENILAI].nip).select_related("pejabat_penilai")
    appraisers = {me.pejabat_penilai_id, me.pejabat_penilai.pejabat_penilai_id}
    visible = await listed_nips(who, test_settings)
    stranger = await Pegawai.exclude(nip__in=visible).exclude(id__in=appraisers).order_by(
        "id").first()
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


async def test_a_forbidden_root_field_nulls_only_itself(accounts, test_settings):
    who = as_role(accounts, Peran.PEGAWAI)
    stranger = await Pegawai.exclude(nip=accounts[Peran.PEGAWAI].nip).order_by("-id").first()
    query = "query($nip: String!) { pegawai(nip: $nip) { nip } me { nip } }"
    result = await run(query, who, test_settings, {"nip": stranger.nip})
    assert result.data == {"pegawai": None, "me": {"nip": accounts[Peran.PEGAWAI].nip}}
    assert [e.path for e in result.errors] == [["pegawai"]]


async def test_personal_data_only_for_self_and_admins(accounts, test_settings):
    who = as_role(accounts, Peran.PENILAI)
    result = await run("{ me { nik bawahan { nip nik } } }", who, test_settings)
    assert result.data["me"]["nik"]
    bawahan = result.data["me"]["bawahan"]
    assert bawahan and all(b["nip"] and b["nik"] is None for b in bawahan)
    assert {e.extensions["code"] for e in result.errors} == {"FORBIDDEN"}
    assert len(result.errors) == len(bawahan)
    admin = await run("{ me { bawahan { nik } } }", as_role(accounts, Peran.ADMIN_PUSAT),
                      test_settings)
    assert admin.errors is None and all(b["nik"] for b in admin.data["me"]["bawahan"])


async def test_anonymous_requests_are_unauthenticated(seeded_db, test_settings):
    result = await run("{ pegawaiList { nodes { nip } } }", None, test_settings)
    assert result.errors[0].extensions["code"] == "UNAUTHENTICATED"
    assert result.data == {"pegawaiList": None}


async def test_own_appraisers_identity_is_visible_but_not_their_records(accounts, test_settings):
    """Denied record fields null only themselves; the appraiser object stays."""
    who = as_role(accounts, Peran.PEGAWAI)
    me = await Pegawai.get(nip=accounts[Peran.PEGAWAI].nip)
    penilai = await Pegawai.get(id=me.pejabat_penilai_id)
    query = """{ me { pejabatPenilai { nip namaLengkap evaluasi(tahun: 2026) { predikat }
        skpList { tahun } pejabatPenilai { nip skpList { tahun } } } } }"""
    result = await run(query, who, test_settings)
    appraiser = result.data["me"]["pejabatPenilai"]
    assert appraiser["nip"] == penilai.nip and appraiser["namaLengkap"]
    assert appraiser["evaluasi"] is None and appraiser["skpList"] is None
    atasan = await Pegawai.get(id=penilai.pejabat_penilai_id)
    assert appraiser["pejabatPenilai"] == {"nip": atasan.nip, "skpList": None}
    assert {e.extensions["code"] for e in result.errors} == {"FORBIDDEN"}
    assert sorted(e.path[-1] for e in result.errors) == ["evaluasi", "skpList", "skpList"]
    atasan_evaluasi = await Evaluasi.filter(pegawai_id=atasan.id).first()
    node = await run("query($id: ID!) { node(id: $id) { ... on Evaluasi { predikat } } }", who,
                     test_settings, {"id": to_base64("Evaluasi", atasan_evaluasi.id)})
    assert node.errors[0].extensions["code"] == "FORBIDDEN"
    assert node.data == {"node": None}


async def test_pegawai_list_of_a_pegawai_never_loses_data(accounts, test_settings):
    """Was `data: null`: the viewer's appraisers were listed and their evaluasi FORBIDDEN."""
    who = as_role(accounts, Peran.PEGAWAI)
    result = await run("{ pegawaiList { nodes { nip evaluasi(tahun: 2026) { id } } } }", who,
                       test_settings)
    assert result.errors is None
    assert [n["nip"] for n in result.data["pegawaiList"]["nodes"]] == [accounts[Peran.PEGAWAI].nip]


async def test_subjects_that_may_not_sign_in_are_unauthenticated(accounts, test_settings):
    pensioned = await Pegawai.filter(status="PENSIUN").first()
    subjects = ["199001012015031999", "not-a-service-account"]
    if pensioned is not None:
        subjects.append(pensioned.nip)
    for subject in subjects:
        result = await run("{ me { nip } }", principal(subject), test_settings)
        assert result.data is None
        assert [e.extensions["code"] for e in result.errors] == ["UNAUTHENTICATED"]


async def test_service_account_sees_what_its_assignment_grants(seeded_db, test_settings):
    from datetime import date

    from ekinerja_graphql.services.admin_assignments import AdminGrant, grant_admin

    settings = test_settings.model_copy(update={"service_accounts": ["laporan-bkd"]})
    who = principal("laporan-bkd")
    empty = await data_of("{ me { nip } pegawaiList { totalCount } }", who, settings)
    assert empty == {"me": None, "pegawaiList": {"totalCount": 0}}
    kanwil = await UnitOrganisasi.filter(jenis="KANWIL").order_by("-id").first()
    grant = AdminGrant("laporan-bkd", Peran.ADMIN_UNIT, kanwil.id, date.today(), None, "test")
    assignment = await grant_admin(grant, frozenset(settings.service_accounts))
    try:
        listed = await listed_nips(who, settings)
        assert listed == await subtree_nips(kanwil.id) and listed
    finally:
        await assignment.delete()


async def test_a_failing_root_field_leaves_its_siblings(accounts, test_settings):
    """Root fields are nullable: a FORBIDDEN or BAD_USER_INPUT one nulls only itself."""
    who = as_role(accounts, Peran.PEGAWAI)
    query = """{ me { nip } adminAssignments { totalCount }
        pegawaiList(after: "forged") { totalCount } unitOrganisasiRoots { nama } }"""
    result = await run(query, who, test_settings)
    assert result.data["me"] == {"nip": accounts[Peran.PEGAWAI].nip}
    assert result.data["adminAssignments"] is None and result.data["pegawaiList"] is None
    assert result.data["unitOrganisasiRoots"]
    assert {e.path[0]: e.extensions["code"] for e in result.errors} == {
        "adminAssignments": "FORBIDDEN", "pegawaiList": "BAD_USER_INPUT"}


async def test_a_team_larger_than_its_estimate_nulls_only_bawahan(accounts, test_settings,
                                                                monkeypatch):
    from ekinerja_graphql.api import limits

    monkeypatch.setattr(limits, "declared_fan_out", lambda definition, named: 1)
    # Named: costs are remembered per document (api/walk_memo.py), priced before unpatched.
    result = await run("query TeamOverEstimate { me { nip bawahan { nip } } }",
                       as_role(accounts, Peran.PENILAI), test_settings)
    assert result.data == {"me": {"nip": accounts[Peran.PENILAI].nip, "bawahan": None}}
    assert [e.path for e in result.errors] == [["me", "bawahan"]]
