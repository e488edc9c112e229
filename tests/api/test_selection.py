"""A page of pegawai reads only the columns its selection needs (api/selection.py): every
field of Pegawai, asked alone on a page, answers what it answers on a whole row, for a role
that sees everything and for one whose guards refuse some of it."""

import orjson
import pytest
from strawberry.relay import to_base64

from ekinerja_graphql.api.context import build_context
from ekinerja_graphql.api.schema import build_schema, schema
from ekinerja_graphql.models import Skp, Tukin, UnitOrganisasi
from ekinerja_graphql.services.demo_accounts import find_demo_accounts
from tests.support.graphql import count_statements, principal, run

ARGUMENTS = {"tahun": "$tahun", "bulan": "$bulan"}


def _selections() -> list[str]:
    """Every field of Pegawai, with its arguments, and __typename below an object."""
    pegawai = schema._schema.get_type("Pegawai")
    found = []
    for name, field in pegawai.fields.items():
        arguments = ", ".join(f"{arg}: {ARGUMENTS[arg]}" for arg in field.args)
        text = f"{name}({arguments})" if arguments else name
        inner = field.type
        while hasattr(inner, "of_type"):
            inner = inner.of_type
        found.append(text if not hasattr(inner, "fields") else f"{text} {{ __typename }}")
    return found


SELECTIONS = _selections()


@pytest.fixture
async def roles(seeded_db):
    accounts = {account.role.value: account for account in await find_demo_accounts()}
    return {role: principal(accounts[role].nip) for role in ("ADMIN_PUSAT", "PENILAI")}


def _answers(result, root: str) -> dict:
    """By NIP: the node's data, and its errors' messages and codes."""
    nodes = result.data[root]
    nodes = nodes["nodes"] if root == "pegawaiList" else [nodes]
    errors = {}
    for error in result.errors or ():
        index = error.path[2] if root == "pegawaiList" else 0
        errors.setdefault(index, []).append((error.message, error.extensions.get("code")))
    return {node["nip"]: (orjson.dumps(node), sorted(errors.get(n, [])))
            for n, node in enumerate(nodes) if node is not None}


@pytest.mark.parametrize("selection", SELECTIONS)
async def test_each_field_reads_on_a_page_what_it_reads_on_a_whole_row(
        roles, test_settings, selection):
    tahun = (await Skp.all().order_by("-tahun").first()).tahun
    bulan = await Tukin.all().order_by("-bulan").first()
    variables = {"tahun": tahun, "bulan": bulan.bulan.strftime("%Y-%m") if bulan else "2026-10"}
    declared = "$tahun: Int!, $bulan: String!"
    used = {name: value for name, value in variables.items() if f"${name}" in selection}
    declared = ", ".join(d for d in declared.split(", ") if d.split(":")[0][1:] in used)
    header = f"query ({declared})" if declared else "query"
    page_query = (f"{header} {{ pegawaiList(first: 8, orderBy: NIP) {{ nodes {{ nip "
                  f"{selection} }} }} }}")
    for who in roles.values():
        for compiled in (True, False):  # both executors run the same narrowed resolver
            either = build_schema(test_settings.model_copy(update={"compiled_reads": compiled}))
            context = await build_context(principal=who, settings=test_settings)
            page = await either.execute(page_query, variable_values=used, context_value=context)
            listed = _answers(page, "pegawaiList")
            assert listed, page.errors
            for nip, answer in listed.items():
                alone = await run(f"{header} {{ pegawai(nip: \"{nip}\") {{ nip {selection} }} }}",
                                  who, test_settings, used)
                assert answer == _answers(alone, "pegawai")[nip], (selection, nip, compiled)


@pytest.mark.parametrize("compiled", [True, False])
async def test_a_page_reads_the_selected_columns_through_fragments_and_directives(
        seeded_db, test_settings, compiled):
    who = principal((await find_demo_accounts())[0].nip)
    either = build_schema(test_settings.model_copy(update={"compiled_reads": compiled}))
    query = """query ($x: Boolean!) { pegawaiList(first: 3) {
      a: nodes { ...F } edges { node { nama @include(if: $x) gelarDepan @skip(if: $x) } } } }
      fragment F on Pegawai { nip ... on Pegawai { golongan } }"""
    selects = {}
    for x in (True, False, True):  # the columns are remembered per value of $x
        context = await build_context(principal=who, settings=test_settings)
        with count_statements() as statements:
            result = await either.execute(query, variable_values={"x": x},
                                          context_value=context)
        assert result.errors is None, result.errors
        (selects[x],) = [s for s in statements if 'FROM "pegawai"' in s and "LIMIT" in s]
    for x, included, skipped in ((True, '"nama"', '"gelar_depan"'),
                                 (False, '"gelar_depan"', '"alamat"')):
        assert '"nip"' in selects[x] and '"golongan"' in selects[x] and included in selects[x]
        assert skipped not in selects[x] and '"alamat"' not in selects[x]
    # A guarded field adds the columns its guard checks (and the sort column, for cursors).
    with count_statements() as statements:
        await run("{ pegawaiList(first: 3, orderBy: NIP) { nodes { nik } } }", who,
                  test_settings)
    (page,) = [s for s in statements if 'FROM "pegawai"' in s and "LIMIT" in s]
    assert '"nik"' in page and '"unit_path"' in page and '"nama"' not in page


async def test_a_units_page_reads_its_columns_in_its_union_and_converts_them(
        roles, test_settings):
    """UnitOrganisasi.pegawai: the page's rows come from its UNION ALL with only the columns
    read, converted as a loader converts them; every field as on a whole row."""
    tahun = (await Skp.all().order_by("-tahun").first()).tahun
    fields = " ".join(s for s in SELECTIONS if "$bulan" not in s).replace("$tahun", str(tahun))
    unit = await UnitOrganisasi.filter(parent_id=None).first()
    who = roles["ADMIN_PUSAT"]
    query = f"""{{ node(id: "{to_base64('UnitOrganisasi', unit.id)}") {{
        ... on UnitOrganisasi {{ jumlahPegawai(includeDescendants: true)
          pegawai(first: 6, includeDescendants: true) {{ totalCount nodes {{ {fields} }} }}
        }} }} }}"""
    page = await run(query, who, test_settings)
    assert page.errors is None, page.errors
    found = page.data["node"]["pegawai"]
    assert found["totalCount"] == page.data["node"]["jumlahPegawai"] > 6  # sees everyone
    for node in found["nodes"]:
        alone = await run(f'{{ pegawai(nip: "{node["nip"]}") {{ {fields} }} }}', who,
                          test_settings)
        assert alone.errors is None and alone.data["pegawai"] == node
