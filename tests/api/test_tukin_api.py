"""Tukin over HTTP with each role's token: attendance and rule sets as multipart uploads,
runs, the rekap, and the amounts visible only to the pegawai and admins."""

import asyncio

import httpx
import orjson
import pytest
from strawberry.relay import to_base64

from ekinerja_graphql import defaults
from ekinerja_graphql.app import create_app
from ekinerja_graphql.auth import mint_token
from ekinerja_graphql.domain.akses import Peran
from ekinerja_graphql.models import (
    Absensi,
    AdminAssignment,
    AturanTukin,
    HukumanDisiplin,
    Pegawai,
    PeriodeStatus,
    Tukin,
    TukinRiwayat,
    TukinRun,
    UnitOrganisasi,
)
from ekinerja_graphql.models.unit_organisasi import in_subtree
from ekinerja_graphql.services.demo_accounts import find_demo_accounts
from ekinerja_graphql.services.tukin import hitung
from ekinerja_graphql.services.tukin.masukan import STATUS_DIHITUNG
from tests.services.tukin.support import OKTOBER, berkas, bulan_penuh
from tests.support.workers import drain, running_worker

IMPOR = "mutation($f: Upload!) { imporAbsensi(berkas: $f) { baris diganti pegawai bulan } }"
UNGGAH = "mutation($f: Upload!) { unggahAturanTukin(berkas: $f) { id nama berlakuMulai } }"
TUKIN = """query($n: String!) { pegawai(nip: $n) { nip tukin(bulan: "2026-10") {
    bulan jumlah provisional aturanVersi rincian { kode persen rupiah } } } }"""


@pytest.fixture
async def api(seeded_db):
    http = httpx.AsyncClient(transport=httpx.ASGITransport(
        app=create_app(seeded_db, manage_database=False)), base_url="http://api")  # fmt: skip
    yield Api(http, seeded_db)
    await http.aclose()
    for model in (Absensi, Tukin, TukinRiwayat, TukinRun, AturanTukin, HukumanDisiplin,
                  PeriodeStatus):  # fmt: skip
        await model.all().delete()


class Api:
    def __init__(self, http: httpx.AsyncClient, settings) -> None:
        self.http, self.settings = http, settings

    def headers(self, nip: str) -> dict:
        return {"Authorization": f"Bearer {mint_token(nip, self.settings)}"}

    async def post(self, nip: str, query: str, **variables) -> dict:
        response = await self.http.post("/graphql", json={"query": query, "variables": variables},
                                        headers=self.headers(nip))  # fmt: skip
        assert response.status_code == 200, response.text
        return response.json()

    async def upload(self, nip: str, query: str, content: bytes, name: str = "f.csv") -> dict:
        """The GraphQL multipart request spec: operations, map, then the file."""
        operations = {"query": query, "variables": {"f": None}}
        response = await self.http.post(
            "/graphql", headers=self.headers(nip),
            data={"operations": orjson.dumps(operations).decode(),
                  "map": orjson.dumps({"0": ["variables.f"]}).decode()},
            files={"0": (name, content, "text/csv")},
        )  # fmt: skip
        assert response.status_code == 200, response.text
        return response.json()


@pytest.fixture
async def roles(seeded_db):
    return {account.role: account for account in await find_demo_accounts()}


async def _admin_unit(roles):
    assignment = await AdminAssignment.get(role="ADMIN_UNIT", pegawai__nip=roles[
        Peran.ADMIN_UNIT].nip)  # fmt: skip
    return assignment.unit_id, (await UnitOrganisasi.get(id=assignment.unit_id)).path


async def test_attendance_is_uploaded_by_admins_with_every_bad_row_reported(api, roles):
    unit_id, path = await _admin_unit(roles)
    admins = await AdminAssignment.all().values_list("pegawai_id", flat=True)
    pegawai = await Pegawai.filter(in_subtree(path), status="AKTIF").exclude(
        id__in=admins).order_by("id").first()  # fmt: skip
    admin_unit = roles[Peran.ADMIN_UNIT].nip
    good = berkas(*bulan_penuh(pegawai.nip))
    accepted = await api.upload(admin_unit, IMPOR, good)
    assert accepted["data"]["imporAbsensi"] == {"baris": 22, "diganti": 0, "pegawai": 1,
                                                "bulan": ["2026-10"]}  # fmt: skip
    again = await api.upload(admin_unit, IMPOR, good)
    assert again["data"]["imporAbsensi"]["diganti"] == 22
    assert await Absensi.filter(pegawai_id=pegawai.id).count() == 22

    bad = berkas(f"{pegawai.nip},2026-10-01,07:30,16:00,HADIR", "x,2026-10-01,,,TK",
                 f"{pegawai.nip},2026-10-02,25:00,,HADIR")  # fmt: skip
    refused = await api.upload(admin_unit, IMPOR, bad)
    (error,) = refused["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["extensions"]["field"] == "berkas"
    assert error["extensions"]["errorCount"] == 2
    assert error["extensions"]["rows"] == [
        {"line": 3, "column": "nip", "reason": "an 18-digit NIP is required"},
        {"line": 4, "column": "jam_masuk", "reason": "empty, or a time as HH:MM or HH:MM:SS"}]
    assert "line 3 nip" in error["message"]

    denied = await api.upload(roles[Peran.PEGAWAI].nip, IMPOR, good)
    assert denied["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    not_a_file = await api.post(admin_unit, IMPOR, f="plain text")
    assert not_a_file["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_a_large_upload_passes_its_own_cap_and_json_keeps_the_small_one(api, roles):
    pegawai = await Pegawai.filter(status="AKTIF").order_by("id").limit(80)
    rows = [row for p in pegawai for row in bulan_penuh(p.nip)]
    content = berkas(*rows)
    assert len(content) > api.settings.max_body_bytes  # larger than a JSON request may be
    accepted = await api.upload(roles[Peran.ADMIN_PUSAT].nip, IMPOR, content)
    assert accepted["data"]["imporAbsensi"]["baris"] == len(rows)
    padded = {"query": "{ me { nip } }", "pad": "x" * api.settings.max_body_bytes}
    too_big = await api.http.post("/graphql", json=padded,
                                  headers=api.headers(roles[Peran.ADMIN_PUSAT].nip))  # fmt: skip
    assert too_big.status_code == 413


async def test_rule_sets_are_uploaded_and_listed_by_admin_pusat_only(api, roles):
    pusat = roles[Peran.ADMIN_PUSAT].nip
    newer = defaults.aturan_tukin().replace("berlaku_mulai = 2019-01-01",
                                            "berlaku_mulai = 2026-10-01")  # fmt: skip
    stored = (await api.upload(pusat, UNGGAH, newer.encode(), "aturan.toml"))["data"]
    assert stored["unggahAturanTukin"]["berlakuMulai"] == "2026-10-01"
    listed = await api.post(pusat, "{ aturanTukin { totalCount nodes { id berlakuMulai } } }")
    assert [n["berlakuMulai"] for n in listed["data"]["aturanTukin"]["nodes"]] == [
        "2019-01-01", "2026-10-01"]  # the shipped default stored first
    broken = newer.replace("kinerja_persen = 60", "kinerja_persen = 70")
    invalid = await api.upload(pusat, UNGGAH, broken.encode(), "aturan.toml")
    (error,) = invalid["errors"]
    assert error["extensions"]["problems"] == [{"path": "komponen", "message": (
        "kinerja_persen + kehadiran_persen must be 100, not 110")}]
    for role in (Peran.ADMIN_UNIT, Peran.PEGAWAI):
        denied = await api.upload(roles[role].nip, UNGGAH, newer.encode(), "aturan.toml")
        assert denied["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        listed = await api.post(roles[role].nip, "{ aturanTukin { totalCount } }")
        assert listed["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await AturanTukin.all().count() == 2


async def test_amounts_are_for_the_pegawai_and_admins_only(api, roles):
    pegawai = await Pegawai.get(nip=roles[Peran.PEGAWAI].nip)
    await hitung.hitung([pegawai.id], OKTOBER, api.settings)
    own = (await api.post(pegawai.nip, TUKIN, n=pegawai.nip))["data"]["pegawai"]["tukin"]
    stored = await Tukin.get(pegawai_id=pegawai.id, bulan=OKTOBER)
    assert (own["bulan"], own["jumlah"], own["provisional"]) == ("2026-10", stored.jumlah, True)
    assert own["rincian"][-1] == {"kode": "JUMLAH", "persen": None,
                                  "rupiah": str(stored.jumlah)}  # fmt: skip
    for role in (Peran.ADMIN_PUSAT,):
        seen = await api.post(roles[role].nip, TUKIN, n=pegawai.nip)
        assert seen["data"]["pegawai"]["tukin"]["jumlah"] == stored.jumlah
    for role in (Peran.PENILAI, Peran.ATASAN_PENILAI):
        denied = await api.post(roles[role].nip, TUKIN, n=pegawai.nip)
        assert denied["data"]["pegawai"] == {"nip": pegawai.nip, "tukin": None}
        assert denied["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        assert denied["errors"][0]["path"] == ["pegawai", "tukin"]
    bad = await api.post(pegawai.nip, '{ me { tukin(bulan: "2026-13") { jumlah } } }')
    assert bad["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "field": "bulan"}
    none_yet = await api.post(pegawai.nip, '{ me { tukin(bulan: "2026-08") { jumlah } } }')
    assert none_yet["data"]["me"]["tukin"] is None


async def test_the_rekap_totals_the_subtree_for_its_admins(api, roles):
    unit_id, path = await _admin_unit(roles)
    ids = await Pegawai.all().values_list("id", flat=True)
    await hitung.hitung(list(ids), OKTOBER, api.settings)
    query = """query($u: ID, $after: String) { tukinRekap(bulan: "2026-10", unitId: $u,
        first: 3, after: $after) { jumlah pegawai totalCount pageInfo { hasNextPage endCursor }
        nodes { unit { id } pegawai jumlah provisional } } }"""
    unit = to_base64("UnitOrganisasi", unit_id)
    nodes, after = [], None
    while True:
        page = (await api.post(roles[Peran.ADMIN_UNIT].nip, query, u=unit, after=after))
        rekap = page["data"]["tukinRekap"]
        nodes += rekap["nodes"]
        if not rekap["pageInfo"]["hasNextPage"]:
            break
        after = rekap["pageInfo"]["endCursor"]
    inside = await Tukin.filter(in_subtree(path)).values("jumlah", "unit_id")
    assert rekap["pegawai"] == len(inside) == sum(n["pegawai"] for n in nodes)
    assert int(rekap["jumlah"]) == sum(r["jumlah"] for r in inside)
    assert sum(int(n["jumlah"]) for n in nodes) == int(rekap["jumlah"])
    assert rekap["totalCount"] == len(nodes) == len({r["unit_id"] for r in inside})
    whole = await api.post(roles[Peran.ADMIN_PUSAT].nip, query, u=None)
    assert whole["data"]["tukinRekap"]["pegawai"] == len(ids) - await Pegawai.filter(
        status__in=("PENSIUN", "MENINGGAL", "NONAKTIF")).count()  # fmt: skip
    for role, target in ((Peran.ADMIN_UNIT, None), (Peran.PEGAWAI, unit)):
        denied = await api.post(roles[role].nip, query, u=target)
        assert denied["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_a_run_started_over_graphql_is_computed_by_a_worker(api, roles, redis_settings):
    pusat = roles[Peran.ADMIN_PUSAT].nip
    with running_worker(redis_settings) as worker:
        started = await api.post(pusat, 'mutation { mulaiHitungTukin(bulan: "2026-10") { id '
                                 "status bulan unit { id } } }")  # fmt: skip
        run = started["data"]["mulaiHitungTukin"]
        assert (run["status"], run["bulan"], run["unit"]) == ("RUNNING", "2026-10", None)
        await asyncio.to_thread(drain, worker, "tukin")
    read = await api.post(pusat, "query($id: ID!) { tukinRun(id: $id) { status done total } "
                          "node(id: $id) { ... on TukinRun { bulan } } }", id=run["id"])
    employed = await Pegawai.filter(status__in=STATUS_DIHITUNG).count()
    assert read["data"] == {"tukinRun": {"status": "SUCCEEDED", "done": employed,
                                         "total": employed},
                            "node": {"bulan": "2026-10"}}  # fmt: skip
    assert await Tukin.filter(bulan=OKTOBER).count() == employed
    denied = await api.post(roles[Peran.ADMIN_UNIT].nip, "query($id: ID!) { tukinRun(id: $id) "
                            "{ status } }", id=run["id"])  # fmt: skip
    assert denied["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    future = await api.post(pusat, 'mutation { mulaiHitungTukin(bulan: "2099-01") { id } }')
    assert future["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "field": "bulan"}
    pegawai = await api.post(roles[Peran.PEGAWAI].nip, 'mutation { mulaiHitungTukin(bulan: '
                             '"2026-10") { id } }')  # fmt: skip
    assert pegawai["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_statements_of_a_tukin_list_grow_with_depth_not_rows(api, roles):
    from tests.support.graphql import admin_pusat, count_statements, run

    ids = await Pegawai.all().values_list("id", flat=True)
    await hitung.hitung(list(ids), OKTOBER, api.settings)
    query = """query($n: Int!) { pegawaiList(first: $n) { nodes { nip
        tukin(bulan: "2026-10") { jumlah rincian { kode } } } } }"""
    counts = []
    for size in (5, 60):
        with count_statements() as statements:
            result = await run(query, await admin_pusat(), api.settings, {"n": size})
        assert result.errors is None, result.errors
        assert sum(node["tukin"] is not None for node in
                   result.data["pegawaiList"]["nodes"]) >= size - 5  # fmt: skip
        counts.append(len(statements))
    assert counts[0] == counts[1], counts


async def test_a_result_shows_the_results_it_replaced(api, roles):
    pegawai = await Pegawai.get(nip=roles[Peran.PEGAWAI].nip)
    for _ in range(3):
        await hitung.hitung([pegawai.id], OKTOBER, api.settings)
    query = """query($n: String!, $last: Int) { pegawai(nip: $n) { tukin(bulan: "2026-10") {
        jumlah dihitungAt riwayat(last: $last) { jumlah dihitungAt digantiAt aturanVersi
        rincian { kode } } } } }"""
    data = (await api.post(pegawai.nip, query, n=pegawai.nip))["data"]["pegawai"]["tukin"]
    assert len(data["riwayat"]) == 2  # the two computations before the current one
    assert [r["jumlah"] for r in data["riwayat"]] == [data["jumlah"]] * 2  # same inputs
    assert data["riwayat"][0]["dihitungAt"] < data["riwayat"][1]["dihitungAt"]
    assert data["riwayat"][1]["digantiAt"] <= data["dihitungAt"]
    one = (await api.post(pegawai.nip, query, n=pegawai.nip, last=1))["data"]["pegawai"]
    assert one["tukin"]["riwayat"] == data["riwayat"][1:]
    bad = await api.post(pegawai.nip, query, n=pegawai.nip, last=1000)
    assert bad["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "field": "last"}
