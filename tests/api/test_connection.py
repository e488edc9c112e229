"""Keyset pages: typed cursors that refuse crafted values, and pages that are index ranges."""

import base64

import orjson
import pytest
from tortoise import connections
from tortoise.transactions import in_transaction

from ekinerja_graphql.api.connection import CURSOR_PREFIX, PageRequest, keyset
from ekinerja_graphql.api.pegawai.dataloaders import pegawai_fields
from ekinerja_graphql.api.pegawai.sorts import BY_NAMA, BY_NIP
from ekinerja_graphql.api.pegawai.unit_pegawai import sql_and_params
from ekinerja_graphql.models import Pegawai
from tests.support.graphql import admin_pusat, data_of, run

PAGE = """query($after: String, $order: PegawaiOrder!) {
    pegawaiList(first: 23, after: $after, orderBy: $order) {
    pageInfo { hasNextPage endCursor } nodes { nip nama } } }"""


@pytest.fixture
async def admin(seeded_db):
    return await admin_pusat()


def crafted(*payload) -> str:
    return base64.urlsafe_b64encode(CURSOR_PREFIX + orjson.dumps(list(payload))).decode()


@pytest.mark.parametrize("order", ["NAMA", "NIP"])
async def test_pages_cover_everyone_once_in_order(admin, test_settings, order):
    seen, after = [], None
    while True:
        variables = {"after": after, "order": order}
        page = (await data_of(PAGE, admin, test_settings, variables))["pegawaiList"]
        seen += page["nodes"]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    column = order.lower()
    expected = await Pegawai.all().order_by(column, "id").values_list("nip", flat=True)
    assert [node["nip"] for node in seen] == list(expected)


async def test_a_cursor_only_fits_the_order_it_was_made_for(admin, test_settings):
    first = (await data_of(PAGE, admin, test_settings, {"order": "NIP"}))["pegawaiList"]
    result = await run(PAGE, admin, test_settings,
                       {"after": first["pageInfo"]["endCursor"], "order": "NAMA"})
    (error,) = result.errors
    assert error.extensions == {"code": "BAD_USER_INPUT", "field": "after"}
    assert "ordered by NAMA" in error.message


@pytest.mark.parametrize("cursor", [
    crafted("NIP", "1" * 17, 5),              # not a NIP
    crafted("NIP", "1" * 18, 2**31),          # id beyond the column
    crafted("NIP", "1" * 18, True),
    crafted("NAMA", "x\x00", 5),
    crafted("NAMA", "x" * 256, 5),
    crafted("NAMA", {"$gt": ""}, 5),
    crafted("NAMA", "x"),
    base64.urlsafe_b64encode(b'["NAMA", "x", 5]').decode(),  # no prefix
    "%%%", "a" * 500,
])
async def test_crafted_cursors_are_bad_input(admin, test_settings, cursor):
    order = "NIP" if "TklQ" in cursor else "NAMA"
    result = await run(PAGE, admin, test_settings, {"after": cursor, "order": order})
    (error,) = result.errors
    assert error.extensions == {"code": "BAD_USER_INPUT", "field": "after"}
    assert result.data == {"pegawaiList": None}


async def test_a_deep_page_is_an_index_range_scan_on_postgres(admin):
    """The next-page condition leads with `sort >= value`, which PostgreSQL uses as the start
    of the (sort, id) index range; `(sort > v) OR (sort = v AND id > n)` would scan from the
    first row (45 ms at 10 % of 350,000 pegawai, 251 ms at 90 %)."""
    connection = connections.get("default")
    if connection.capabilities.dialect != "postgres":
        pytest.skip("PostgreSQL only")
    for sort, index_column in ((BY_NAMA, "nama"), (BY_NIP, "nip")):
        deep = await Pegawai.all().order_by(sort.column, "id").offset(250).first()
        page = PageRequest(20, (getattr(deep, sort.column), deep.id))
        sql, params = sql_and_params(keyset(Pegawai.all(), sort, page).values(**pegawai_fields()))
        async with in_transaction() as transaction:
            # A tiny test table would be read whole; make the planner show the index it can use.
            await transaction.execute_script("SET LOCAL enable_seqscan = off")
            plan = await transaction.execute_query_dict("EXPLAIN " + sql, params)
        text = "\n".join(row["QUERY PLAN"] for row in plan)
        assert f"Index Cond: (({index_column})::text >= " in text, text
