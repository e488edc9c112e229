"""The bendahara's exports over HTTP: XLSX and CSV of a month for a unit subtree, parsed back
and held against the API's own numbers (tukinRekap, Pegawai.tukin)."""

import contextlib
import csv
import io
import re
import zipfile
from collections import Counter, defaultdict
from datetime import date
from decimal import Decimal
from xml.etree import ElementTree

import httpx
import pytest
from starlette.requests import ClientDisconnect
from strawberry import relay
from strawberry.relay import to_base64

from ekinerja_graphql.app import create_app
from ekinerja_graphql.auth import mint_token
from ekinerja_graphql.domain.akses import Peran
from ekinerja_graphql.models import AturanTukin, Pegawai, Tukin, TukinRiwayat, UnitOrganisasi
from ekinerja_graphql.services.demo_accounts import find_demo_accounts
from ekinerja_graphql.services.tukin import ekspor
from ekinerja_graphql.services.tukin.hitung import hitung
from tests.support.graphql import count_statements

BULAN = "2026-10"
MONTH = date(2026, 10, 1)
INNER = {"UNIT_ESELON_II", "UNIT_ESELON_III", "UNIT_ESELON_IV", "FAKULTAS", "JURUSAN"}
HEADINGS = ["NIP", "Nama", "Unit", "Jenis", "Kelas", "Tukin bulan (Rp)", "Dibayar (%)",
            "Potongan (%)", "Jumlah (Rp)", "Provisional", "Stale", "Versi aturan"]
REKAP = """query($bulan: String!, $unitId: ID, $after: String) {
  tukinRekap(bulan: $bulan, unitId: $unitId, first: 100, after: $after) {
    jumlah pegawai pageInfo { hasNextPage endCursor }
    nodes { pegawai jumlah provisional unit { id } } } }"""
TUKIN_OF = """query($nip: String!, $bulan: String!) {
  pegawai(nip: $nip) { tukin(bulan: $bulan) { jumlah kelas provisional aturanVersi } } }"""


@pytest.fixture
async def computed(seeded_db, test_settings):
    """The month computed for every seeded pegawai; the shared dataset is restored after."""
    versions = set(await AturanTukin.all().values_list("id", flat=True))
    written = await hitung(list(await Pegawai.all().values_list("id", flat=True)), MONTH,
                           test_settings)  # fmt: skip
    assert written > 100
    yield written
    await TukinRiwayat.filter(bulan=MONTH).delete()
    await Tukin.filter(bulan=MONTH).delete()
    for version in set(await AturanTukin.all().values_list("id", flat=True)) - versions:
        if not (await Tukin.exists(aturan_id=version)
                or await TukinRiwayat.exists(aturan_id=version)):  # fmt: skip
            await AturanTukin.filter(id=version).delete()


@pytest.fixture
async def accounts(seeded_db):
    return {account.role: account for account in await find_demo_accounts()}


@pytest.fixture
async def client(database):
    app = create_app(database, manage_database=False)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="http://api") as http:  # fmt: skip
        yield http


def bearer(nip: str, settings) -> dict:
    return {"Authorization": f"Bearer {mint_token(nip, settings)}"}


async def download(client, settings, nip: str | None, kind: str, **params) -> httpx.Response:
    headers = bearer(nip, settings) if nip else {}
    return await client.get(f"/ekspor/tukin.{kind}", params={"bulan": BULAN, **params},
                            headers=headers)  # fmt: skip


async def graphql(client, settings, who: str, query: str, **variables) -> dict:
    response = await client.post("/graphql", json={"query": query, "variables": variables},
                                 headers=bearer(who, settings))  # fmt: skip
    payload = response.json()
    assert "errors" not in payload, payload
    return payload["data"]


async def rekap(client, settings, nip: str, unit_gid: str | None) -> tuple[dict, dict]:
    """tukinRekap, every page: ({unit id: node}, {"jumlah", "pegawai"})."""
    units, after = {}, None
    while True:
        page = (await graphql(client, settings, nip, REKAP, bulan=BULAN, unitId=unit_gid,
                              after=after))["tukinRekap"]  # fmt: skip
        for node in page["nodes"]:
            units[int(relay.GlobalID.from_id(node["unit"]["id"]).node_id)] = node
        if not page["pageInfo"]["hasNextPage"]:
            return units, {"jumlah": Decimal(page["jumlah"]), "pegawai": page["pegawai"]}
        after = page["pageInfo"]["endCursor"]


async def satker_map() -> tuple[dict[int, int], dict[int, dict]]:
    """Each unit's satker, found here by walking up the parents (independently of the
    service's one pass over paths), and the units by id."""
    units = {row["id"]: row for row in await UnitOrganisasi.all().values(
        "id", "parent_id", "nama", "jenis", "path")}  # fmt: skip

    def satker(unit_id: int) -> int:
        unit = units[unit_id]
        while unit["jenis"] in INNER and unit["parent_id"] is not None:
            unit = units[unit["parent_id"]]
        return unit["id"]

    return {unit_id: satker(unit_id) for unit_id in units}, units


# ---- reading the files back with the standard library only

_NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
       "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
       "p": "http://schemas.openxmlformats.org/package/2006/relationships"}  # fmt: skip


def read_xlsx(content: bytes) -> dict[str, list[list]]:
    """Sheet name → rows (lists of cells; str for text, Decimal for numbers, None for blank),
    in workbook order (dicts keep it)."""
    archive = zipfile.ZipFile(io.BytesIO(content))
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target") for rel in rels.findall("p:Relationship", _NS)}
    shared = []
    if "xl/sharedStrings.xml" in archive.namelist():
        strings = ElementTree.fromstring(archive.read("xl/sharedStrings.xml"))
        shared = ["".join(t.text or "" for t in si.iter(f"{{{_NS['m']}}}t"))
                  for si in strings.findall("m:si", _NS)]  # fmt: skip
    sheets = {}
    for sheet in workbook.find("m:sheets", _NS):
        target = targets[sheet.get(f"{{{_NS['r']}}}id")].lstrip("/").removeprefix("xl/")
        xml = ElementTree.fromstring(archive.read(f"xl/{target}"))
        sheets[sheet.get("name")] = _grid(xml, shared)
    return sheets


def _grid(xml, shared: list[str]) -> list[list]:
    rows: list[list] = []
    for row in xml.iter(f"{{{_NS['m']}}}row"):
        index = int(row.get("r")) - 1
        while len(rows) <= index:
            rows.append([])
        cells = rows[index]
        for cell in row.findall("m:c", _NS):
            column = _column(cell.get("r"))
            while len(cells) <= column:
                cells.append(None)
            cells[column] = _value(cell, shared)
    return rows


def _column(reference: str) -> int:
    number = 0
    for letter in re.match(r"[A-Z]+", reference).group():
        number = number * 26 + ord(letter) - 64
    return number - 1


def _value(cell, shared: list[str]):
    kind = cell.get("t")
    if kind == "inlineStr":
        return "".join(t.text or "" for t in cell.iter(f"{{{_NS['m']}}}t"))
    value = cell.find("m:v", _NS)
    if value is None:
        return None
    if kind == "s":
        return shared[int(value.text)]
    if kind in ("str", "b"):
        return value.text
    return Decimal(value.text)


def read_csv(content: bytes) -> tuple[list[str], list[list[str]]]:
    assert content.startswith(b"\xef\xbb\xbf"), "UTF-8 with a BOM"
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))
    return rows[0], rows[1:]


def ringkasan(sheets: dict) -> tuple[list[dict], list]:
    rows = sheets["Ringkasan"]
    header = rows.index(next(r for r in rows if r and r[0] == "No"))
    assert rows[header] == ["No", "Satker", "Lembar", "Pegawai", "Jumlah (Rp)",
                            "Provisional", "Stale"]  # fmt: skip
    body = [r for r in rows[header + 1:] if r]
    total = body.pop()
    assert total[0] == "Jumlah"
    keys = ("no", "satker", "lembar", "pegawai", "jumlah", "provisional", "stale")
    return [dict(zip(keys, r, strict=True)) for r in body], total


def satker_sheet(rows: list[list]) -> tuple[list[list], list]:
    """Data rows and the totals row of a satker sheet."""
    header = rows.index(HEADINGS)
    body = [r + [None] * (len(HEADINGS) - len(r)) for r in rows[header + 1:] if r]
    total = body.pop()
    assert total[0] == "Jumlah"
    return body, total


# ---- the numbers


async def check_against_rekap(client, settings, nip: str, unit_gid: str | None) -> list[list]:
    """Downloads both files as `nip`, checks them against tukinRekap per satker, per
    unit and overall, and against each other; returns the CSV rows."""
    units, totals = await rekap(client, settings, nip, unit_gid)
    assert totals["pegawai"] > 0
    satker_of, unit_rows = await satker_map()
    params = {"unitId": unit_gid} if unit_gid else {}

    expected_unit: Counter = Counter()  # (satker nama, unit nama) → jumlah; pegawai apart
    expected_count: Counter = Counter()
    expected_satker: dict[str, list] = defaultdict(lambda: [0, Decimal(0), 0])
    for unit_id, node in units.items():
        satker = unit_rows[satker_of[unit_id]]["nama"]
        key = (satker, unit_rows[unit_id]["nama"])
        expected_unit[key] += Decimal(node["jumlah"])
        expected_count[key] += node["pegawai"]
        sums = expected_satker[satker]
        sums[0] += node["pegawai"]
        sums[1] += Decimal(node["jumlah"])
        sums[2] += node["provisional"]

    response = await download(client, settings, nip, "csv", **params)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    assert re.fullmatch(r'attachment; filename="tukin-2026-10-[a-z0-9-]+\.csv"',
                        response.headers["content-disposition"])  # fmt: skip
    header, csv_rows = read_csv(response.content)
    assert header == ["Satker", *HEADINGS]
    assert len(csv_rows) == totals["pegawai"]
    assert sum(Decimal(r[9]) for r in csv_rows) == totals["jumlah"]
    got_unit: Counter = Counter()
    got_count: Counter = Counter()
    for row in csv_rows:
        got_unit[(row[0], row[3])] += Decimal(row[9])
        got_count[(row[0], row[3])] += 1
    assert got_unit == expected_unit
    assert got_count == expected_count

    response = await download(client, settings, nip, "xlsx", **params)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == ekspor_media()
    assert int(response.headers["content-length"]) == len(response.content)
    assert response.headers["content-disposition"].endswith('.xlsx"')
    sheets = read_xlsx(response.content)
    assert next(iter(sheets)) == "Ringkasan"
    summary, total = ringkasan(sheets)
    assert total[3] == totals["pegawai"] and total[4] == totals["jumlah"]
    assert {s["satker"]: [s["pegawai"], s["jumlah"], s["provisional"]]
            for s in summary} == dict(expected_satker)  # fmt: skip
    assert [s["lembar"] for s in summary] == list(sheets)[1:]
    xlsx_rows = []
    for line in summary:
        body, sheet_total = satker_sheet(sheets[line["lembar"]])
        assert sheet_total[1] == line["pegawai"] == len(body)
        assert sheet_total[8] == line["jumlah"] == sum(r[8] for r in body)
        assert sheet_total[9] == line["provisional"]
        assert sheet_total[9] == sum(r[9] == "ya" for r in body)
        xlsx_rows += [[line["satker"], *r] for r in body]
    # The same rows in the same order in both files.
    assert [r[1] for r in xlsx_rows] == [r[1] for r in csv_rows]
    for x, c in zip(xlsx_rows, csv_rows, strict=True):
        assert isinstance(x[1], str) and len(x[1]) == 18  # the NIP as text, whole
        assert [x[0], x[2], x[3], x[4]] == [c[0], c[2], c[3], c[4]]
        assert x[9] == Decimal(c[9]) and x[6] == Decimal(c[6]) and x[10:12] == c[10:12]
        assert (x[5] is None and c[5] == "") or x[5] == Decimal(c[5])
    return csv_rows


def ekspor_media() -> str:
    return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


async def check_sampled_pegawai(client, settings, nip: str, csv_rows: list[list]) -> None:
    sample = [csv_rows[0], csv_rows[len(csv_rows) // 3], csv_rows[len(csv_rows) // 2],
              csv_rows[-1]]  # fmt: skip
    for row in sample:
        data = await graphql(client, settings, nip, TUKIN_OF, nip=row[1], bulan=BULAN)
        tukin = data["pegawai"]["tukin"]
        assert tukin["jumlah"] == int(row[9])
        assert str(tukin["kelas"] or "") == row[5]
        assert ("ya" if tukin["provisional"] else "tidak") == row[10]
        assert str(tukin["aturanVersi"]) == row[12]


async def test_admin_pusat_exports_the_ministry_with_the_rekap_numbers(
        computed, accounts, client, test_settings):  # fmt: skip
    nip = accounts[Peran.ADMIN_PUSAT].nip
    csv_rows = await check_against_rekap(client, test_settings, nip, None)
    assert len(csv_rows) == computed
    await check_sampled_pegawai(client, test_settings, nip, csv_rows)
    response = await download(client, test_settings, nip, "csv", unitId="")
    assert response.status_code == 200  # an empty unitId is the whole ministry too
    assert read_csv(response.content)[1] == csv_rows


async def test_an_inner_unit_is_exported_under_its_satker_above(computed, accounts, client,
                                                                test_settings):  # fmt: skip
    """A biro (eselon II) is no satker: its rows go on the sheet of the eselon I above it."""
    biro = await UnitOrganisasi.filter(jenis="UNIT_ESELON_II", parent__jenis="UNIT_ESELON_I"
                                       ).order_by("id").first()  # fmt: skip
    parent = await UnitOrganisasi.get(id=biro.parent_id)
    nip = accounts[Peran.ADMIN_PUSAT].nip
    csv_rows = await check_against_rekap(client, test_settings, nip,
                                         to_base64("UnitOrganisasi", biro.id))  # fmt: skip
    assert {row[0] for row in csv_rows} == {parent.nama}
    assert len({row[3] for row in csv_rows}) > 1  # the biro and units below it


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
async def test_a_month_without_results_exports_empty_files(accounts, client, test_settings,
                                                           kind):  # fmt: skip
    response = await client.get(f"/ekspor/tukin.{kind}", params={"bulan": "2001-01"},
                                headers=bearer(accounts[Peran.ADMIN_PUSAT].nip, test_settings))
    assert response.status_code == 200
    if kind == "csv":
        assert read_csv(response.content) == (["Satker", *HEADINGS], [])
        return
    sheets = read_xlsx(response.content)
    assert list(sheets) == ["Ringkasan"]
    assert ringkasan(sheets) == ([], ["Jumlah", None, None, 0, 0, 0, 0])


async def test_admin_unit_exports_its_subtree(computed, accounts, client, test_settings):
    admin = accounts[Peran.ADMIN_UNIT]
    unit = await UnitOrganisasi.get(id=admin.unit_id)
    csv_rows = await check_against_rekap(client, test_settings, admin.nip,
                                         to_base64("UnitOrganisasi", unit.id))  # fmt: skip
    await check_sampled_pegawai(client, test_settings, admin.nip, csv_rows)
    inside = {u.nama for u in await UnitOrganisasi.filter(path__startswith=unit.path)}
    assert {row[3] for row in csv_rows} <= inside
    assert len(csv_rows) < computed
    response = await download(client, test_settings, admin.nip, "xlsx",
                              unitId=to_base64("UnitOrganisasi", unit.id))  # fmt: skip
    slug = re.sub(r"[^a-z0-9]+", "-", unit.nama.lower()).strip("-")
    assert f'filename="tukin-2026-10-{slug}.xlsx"' in response.headers["content-disposition"]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
async def test_who_may_not_read_the_subtree_gets_403(computed, accounts, client, test_settings,
                                                     kind):  # fmt: skip
    admin_unit = accounts[Peran.ADMIN_UNIT]
    own = to_base64("UnitOrganisasi", admin_unit.unit_id)
    outside = await UnitOrganisasi.filter(jenis="UNIT_ESELON_I").order_by("id").first()
    cases = [(accounts[Peran.PEGAWAI].nip, {}), (accounts[Peran.PEGAWAI].nip, {"unitId": own}),
             (accounts[Peran.PENILAI].nip, {}), (accounts[Peran.PENILAI].nip, {"unitId": own}),
             (admin_unit.nip, {"unitId": to_base64("UnitOrganisasi", outside.id)}),
             (admin_unit.nip, {})]  # fmt: skip
    for nip, params in cases:
        response = await download(client, test_settings, nip, kind, **params)
        assert response.status_code == 403, (nip, params, response.text)
        assert response.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        assert "content-disposition" not in response.headers


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
async def test_bad_input_is_400_naming_the_parameter(accounts, client, test_settings, kind):
    nip = accounts[Peran.ADMIN_PUSAT].nip
    cases = [({"bulan": "2026-13"}, "bulan"), ({"bulan": "oktober"}, "bulan"),
             ({"bulan": ""}, "bulan"), ({"bulan": "2026-10" * 100}, "bulan"),
             ({"unitId": "not an id"}, "unitId"),
             ({"unitId": to_base64("Pegawai", 1)}, "unitId"),
             ({"unitId": to_base64("UnitOrganisasi", 2**40)}, "unitId")]  # fmt: skip
    for params, field in cases:
        response = await download(client, test_settings, nip, kind, **params)
        assert response.status_code == 400, (params, response.text)
        error = response.json()["errors"][0]
        assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": field}
        assert field in error["message"]
    missing = await client.get(f"/ekspor/tukin.{kind}", headers=bearer(nip, test_settings))
    assert missing.status_code == 400
    assert missing.json()["errors"][0]["extensions"]["field"] == "bulan"
    unknown = await download(client, test_settings, nip, kind,
                             unitId=to_base64("UnitOrganisasi", 9_999_999))  # fmt: skip
    assert unknown.status_code == 404
    assert unknown.json()["errors"][0]["extensions"]["code"] == "NOT_FOUND"


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
async def test_without_a_valid_token_401(accounts, client, test_settings, kind):
    response = await download(client, test_settings, None, kind)
    assert response.status_code == 401
    assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert response.headers["www-authenticate"].startswith("Bearer")
    expired = mint_token(accounts[Peran.ADMIN_PUSAT].nip, test_settings, ttl_seconds=-60)
    for authorization in ("Bearer not-a-token", f"Bearer {expired}", "Basic abc",
                          f"Bearer {mint_token('199001012015031999', test_settings)}"):
        response = await client.get(f"/ekspor/tukin.{kind}", params={"bulan": BULAN},
                                    headers={"Authorization": authorization})  # fmt: skip
        assert response.status_code == 401, authorization
        assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    post = await client.post(f"/ekspor/tukin.{kind}", params={"bulan": BULAN})
    assert post.status_code == 405


async def test_a_subtree_bigger_than_a_chunk_is_complete_and_ordered(computed, accounts,
                                                                     client, test_settings,
                                                                     monkeypatch):  # fmt: skip
    """Chunks of 7 rows: units grouped, units over 7 read by keyset on NIP, never OFFSET;
    the rows come whole, once each, in satker, unit path, NIP order."""
    satker_of, units = await satker_map()
    truth = await Tukin.filter(bulan=MONTH).values("unit_id", "jumlah", nip="pegawai__nip")
    truth.sort(key=lambda r: (units[satker_of[r["unit_id"]]]["path"],
                              units[r["unit_id"]]["path"], r["nip"]))  # fmt: skip
    per_unit = Counter(r["unit_id"] for r in truth)
    assert max(per_unit.values()) > 7 and min(per_unit.values()) < 7  # both paths taken

    plan = await ekspor.rencana(MONTH, None)
    with count_statements() as statements:
        chunks = [chunk async for chunk in ekspor.baris(plan, 7)]
    assert all(0 < len(chunk) <= 7 for chunk in chunks)
    rows = [row for chunk in chunks for row in chunk]
    assert [(r["nip"], r["jumlah"]) for r in rows] == [(r["nip"], r["jumlah"]) for r in truth]
    assert len(statements) == len(chunks) + sum(  # a keyset read ends on a short page
        1 for unit, n in per_unit.items() if n > 7 and n % 7 == 0)
    assert not any("OFFSET" in s.upper() for s in statements)
    pieces = [piece async for piece in ekspor.ekspor_csv(MONTH, None, 7)]
    assert len(pieces) == 1 + len(chunks)  # the header, then a piece per chunk as read

    whole = await download(client, test_settings, accounts[Peran.ADMIN_PUSAT].nip, "csv")
    whole_xlsx = await download(client, test_settings, accounts[Peran.ADMIN_PUSAT].nip, "xlsx")
    monkeypatch.setattr(ekspor, "CHUNK_ROWS", 7)
    chunked = await download(client, test_settings, accounts[Peran.ADMIN_PUSAT].nip, "csv")
    chunked_xlsx = await download(client, test_settings, accounts[Peran.ADMIN_PUSAT].nip,
                                  "xlsx")  # fmt: skip
    assert chunked.content == whole.content
    assert [r[1] for r in read_csv(chunked.content)[1]] == [r["nip"] for r in truth]
    chunked_sheets, whole_sheets = read_xlsx(chunked_xlsx.content), read_xlsx(whole_xlsx.content)
    for sheets in (chunked_sheets, whole_sheets):
        del sheets["Ringkasan"][1]  # the time of the export
    assert chunked_sheets == whole_sheets


def test_sheet_names_are_valid_unique_and_recognisable():
    taken = {"ringkasan"}
    names = [ekspor.nama_lembar(nama, taken) for nama in (
        "Kantor Urusan Agama Kecamatan Sungai Damai Kabupaten Paling Panjang Sekali",
        "Kantor Urusan Agama Kecamatan Sungai Damai Kabupaten Paling Panjang Lagi",
        "Ringkasan", "RINGKASAN", "Bagian [Umum]: Keuangan/Gaji *?\\", "'Ma'had Aly'",
        "", "   ", "Satker", "x" * 40, "X" * 40, "𝔘" * 40)]  # fmt: skip
    assert names[0].startswith("KUA Kec. Sungai Damai Kab.")
    assert names[2] == "Ringkasan (2)" and names[3] == "RINGKASAN (3)"
    assert names[4] == "Bagian Umum Keuangan Gaji"
    assert names[5] == "Ma'had Aly"
    assert names[6] == "Satker" and names[7] == "Satker (2)" and names[8] == "Satker (3)"
    assert names[10].endswith(" (2)")
    for name in names:
        assert 0 < len(name.encode("utf-16-le")) // 2 <= 31
        assert not re.search(r"[\[\]:*?/\\]", name)
        assert not name.startswith("'") and not name.endswith("'")
    assert len({name.lower() for name in names}) == len(names)


async def test_database_unavailable_is_503(accounts, client, test_settings, monkeypatch):
    from ekinerja_graphql.api import ekspor as endpoint

    async def down(*args, **kwargs):
        raise ConnectionRefusedError("connection refused")

    nip = accounts[Peran.ADMIN_PUSAT].nip
    monkeypatch.setattr(endpoint, "load_viewer", down)
    for kind in ("xlsx", "csv"):
        response = await download(client, test_settings, nip, kind)
        assert response.status_code == 503
        assert response.headers["retry-after"]
        assert response.json()["errors"][0]["extensions"]["code"] == "SERVICE_UNAVAILABLE"
    monkeypatch.undo()

    async def too_slow(*args, **kwargs):
        raise TimeoutError  # asyncpg's command timeout

    for failure in (down, too_slow):  # the plan is read in the producer task for the CSV
        monkeypatch.setattr(ekspor, "rencana", failure)
        for kind in ("xlsx", "csv"):
            response = await download(client, test_settings, nip, kind)
            assert response.status_code == 503, (failure, kind)


async def test_a_failure_after_the_csv_began_cuts_it_short(computed, accounts, client,
                                                          test_settings, monkeypatch):  # fmt: skip
    real = ekspor.baris

    async def fails_midway(plan, chunk_rows=None):
        async for chunk in real(plan, 5):
            yield chunk
            raise ConnectionResetError("the database went away")

    monkeypatch.setattr(ekspor, "baris", fails_midway)
    with pytest.raises(ConnectionResetError):
        await download(client, test_settings, accounts[Peran.ADMIN_PUSAT].nip, "csv")


async def test_the_xlsx_leaves_no_temporary_files(computed, accounts, client, test_settings,
                                                  monkeypatch, tmp_path):  # fmt: skip
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    response = await download(client, test_settings, accounts[Peran.ADMIN_PUSAT].nip, "xlsx")
    assert response.status_code == 200
    assert list(tmp_path.iterdir()) == []

    real = ekspor.baris

    async def fails_midway(plan, chunk_rows=None):
        async for chunk in real(plan, 5):
            yield chunk
            raise ConnectionResetError("the database went away")

    monkeypatch.setattr(ekspor, "baris", fails_midway)
    response = await download(client, test_settings, accounts[Peran.ADMIN_PUSAT].nip, "xlsx")
    assert response.status_code == 503  # the workbook is not sent before it is whole
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("spec_version", ["2.3", "2.4"])
async def test_a_client_that_goes_away_ends_the_csv_producer(computed, accounts, database,
                                                            monkeypatch, spec_version):  # fmt: skip
    """Starlette stops iterating on a disconnect without closing the iterator; the producer
    task (and on PostgreSQL its transaction) must end anyway, at once."""
    import asyncio

    from ekinerja_graphql.api import ekspor as endpoint

    monkeypatch.setattr(ekspor, "CHUNK_ROWS", 7)
    app = create_app(database, manage_database=False)
    gone, bodies = asyncio.Event(), []

    async def receive():
        await gone.wait()
        return {"type": "http.disconnect"}

    async def send(message):
        if message["type"] == "http.response.body":
            bodies.append(message["body"])
            if len(bodies) == 2:
                gone.set()
                if spec_version == "2.4":
                    raise OSError("the client went away")
                await asyncio.sleep(0.1)  # cancelled here: Starlette saw the disconnect

    token = mint_token(accounts[Peran.ADMIN_PUSAT].nip, database)
    scope = {"type": "http", "asgi": {"version": "3.0", "spec_version": spec_version},
             "http_version": "1.1", "method": "GET", "scheme": "http", "root_path": "",
             "path": "/ekspor/tukin.csv", "raw_path": b"/ekspor/tukin.csv",
             "query_string": f"bulan={BULAN}".encode(), "server": ("api", 80),
             "client": ("test", 1), "headers": [(b"authorization", f"Bearer {token}".encode())]}
    with contextlib.suppress(ClientDisconnect):  # what Starlette raises under ASGI 2.4
        await app(scope, receive, send)
    assert len(bodies) == 2
    for _ in range(50):
        if not endpoint._producers:
            break
        await asyncio.sleep(0.01)
    assert not endpoint._producers


async def test_on_postgresql_the_csv_reads_one_snapshot(computed, database):
    """A computation committing while the CSV streams does not show in it: the plan and the
    chunks come from one REPEATABLE READ transaction, held by the producer task."""
    import asyncio

    from tortoise import connections

    from ekinerja_graphql.api import ekspor as endpoint

    if connections.get("default").capabilities.dialect != "postgres":
        pytest.skip("SQLite exports read without a snapshot (see services/tukin/ekspor.py)")
    plan = await ekspor.rencana(MONTH, None)
    last_unit = plan.unit_order()[-1]
    before = sorted(await Tukin.filter(bulan=MONTH, unit_id=last_unit).values_list(
        "pegawai__nip", "jumlah"))  # fmt: skip
    pieces, producer = await endpoint._produced(ekspor.ekspor_csv(MONTH, None, 7), 30)
    header = await anext(pieces)
    await Tukin.filter(bulan=MONTH, unit_id=last_unit).update(jumlah=1)  # committed
    content = header + b"".join([piece async for piece in pieces])
    await asyncio.wait([producer], timeout=1)
    assert producer.done()
    _, rows = read_csv(content)
    assert len(rows) == computed
    assert sorted((r[1], int(r[9])) for r in rows if r[1] in dict(before)) == before
