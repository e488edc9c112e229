"""Related fields (api/related.py): the compiled path asks their loaders for a whole depth
without calling the resolvers, in as many statements as graphql-core, with the same answer;
guarded fields are called directly after their guard; and a request leaves no cycle holding
the rows it read."""

import gc

from strawberry.relay import to_base64

from ekinerja_graphql.api.compiled.plan import CALL, RELATED, field_plans
from ekinerja_graphql.api.context import build_context
from ekinerja_graphql.api.schema import build_schema
from ekinerja_graphql.models import RencanaHasilKerja, Skp
from tests.support.graphql import admin_pusat, count_statements, principal

QUERY = """query ($tahun: Int!) { pegawaiList(first: 30) { nodes {
  nip unit { nama } jabatan { nama }
  skp(tahun: $tahun) { unit { nama } jabatan { nama } perilakuKerja { nama }
    rencanaHasilKerja { uraian umpanBalik { isi } indikator { uraian
      realisasi { nomorPeriode nilai } } } } } } }"""


async def _execute(schema, who, settings, variables):
    context = await build_context(principal=who, settings=settings)
    with count_statements() as statements:
        result = await schema.execute(QUERY, variable_values=variables, context_value=context)
    assert result.errors is None, result.errors
    return result.data, len(statements)


async def test_both_paths_answer_alike_in_as_many_statements(seeded_db, test_settings):
    who = await admin_pusat()
    variables = {"tahun": (await Skp.all().order_by("-tahun").first()).tahun}
    compiled = build_schema(test_settings.model_copy(update={"compiled_reads": True}))
    reference = build_schema(test_settings.model_copy(update={"compiled_reads": False}))
    data, statements = await _execute(compiled, who, test_settings, variables)
    assert (data, statements) == await _execute(reference, who, test_settings, variables)
    realisasi = [r for p in data["pegawaiList"]["nodes"] if p["skp"]
                 for rhk in p["skp"]["rencanaHasilKerja"] for i in rhk["indikator"]
                 for r in i["realisasi"]]
    assert len(realisasi) > 100


def test_the_plan_marks_loader_fields_related_and_others_called(test_settings):
    schema = build_schema(test_settings)._schema
    indikator = schema.get_type("IndikatorKinerja")
    rhk = schema.get_type("RencanaHasilKerja")

    def kind(parent, name):
        (plan,) = field_plans(schema, parent, {name: _details(parent, name)})
        return plan.kind

    assert kind(indikator, "realisasi") == RELATED
    assert kind(rhk, "indikator") == RELATED
    assert kind(rhk, "rhkAtasan") == RELATED  # its row check needs no other read
    skp = schema.get_type("Skp")
    assert kind(skp, "rencanaHasilKerja") == RELATED  # rows selected by its argument
    assert kind(skp, "evaluasi") == CALL  # a resolver of its own
    pegawai = schema.get_type("Pegawai")
    assert kind(pegawai, "skp") == RELATED  # its guard (SeesRecords) checked on the object
    assert kind(pegawai, "nik") == CALL  # a guarded resolver
    assert kind(pegawai, "jabatan") == RELATED


async def test_a_request_leaves_no_cycle_holding_its_rows(seeded_db, test_settings):
    who = await admin_pusat()
    variables = {"tahun": (await Skp.all().order_by("-tahun").first()).tahun}
    schema = build_schema(test_settings)
    await _execute(schema, who, test_settings, variables)
    gc.collect()
    gc.disable()
    try:
        await _execute(schema, who, test_settings, variables)
        unreachable = gc.collect()
    finally:
        gc.enable()
    # Before the DataLoaders were closed: every row, future and list of the request (~8,000
    # objects for a query of this size).
    assert unreachable < 300


def _details(parent, name):
    from graphql import parse
    from graphql.execution.collect_fields import FieldDetails

    node = parse(f"{{ {name} }}").definitions[0].selection_set.selections[0]
    return [FieldDetails(node, None)]


RHK_ATASAN = """query ($tahun: Int!) { me { skp(tahun: $tahun) { rencanaHasilKerja {
  id rhkAtasan { uraian } } } } }"""


async def test_rhk_atasan_is_checked_against_its_owners_records(seeded_db, test_settings):
    """A pegawai may not read their penilai's RHK through rhkAtasan (FORBIDDEN at that
    field, siblings kept); the penilai, its owner, may; on both executors alike."""
    rhk = await RencanaHasilKerja.filter(rhk_atasan_id__not_isnull=True).select_related(
        "skp__pegawai", "rhk_atasan__skp__pegawai").order_by("id").first()
    owner, penilai = rhk.skp.pegawai, rhk.rhk_atasan.skp.pegawai
    assert owner.id != penilai.id
    variables = {"tahun": rhk.skp.tahun}
    for compiled in (True, False):
        schema = build_schema(test_settings.model_copy(update={"compiled_reads": compiled}))
        context = await build_context(principal=principal(owner.nip), settings=test_settings)
        result = await schema.execute(RHK_ATASAN, variable_values=variables,
                                      context_value=context)
        listed = result.data["me"]["skp"]["rencanaHasilKerja"]
        mine = next(item for item in listed if item["id"] == to_base64("RencanaHasilKerja",
                                                                      rhk.id))
        assert mine["rhkAtasan"] is None
        forbidden = [e for e in result.errors if e.path[-1] == "rhkAtasan"]
        assert forbidden and all(e.extensions["code"] == "FORBIDDEN" for e in forbidden)
        assert forbidden[0].message == "rhkAtasan belongs to a pegawai outside what you may see"
    context = await build_context(principal=principal(penilai.nip), settings=test_settings)
    seen = await build_schema(test_settings).execute(
        "query ($id: ID!) { node(id: $id) { ... on RencanaHasilKerja { rhkAtasan { uraian } } } }",
        variable_values={"id": to_base64("RencanaHasilKerja", rhk.id)}, context_value=context)
    assert seen.errors is None, seen.errors
    assert seen.data["node"]["rhkAtasan"] == {"uraian": rhk.rhk_atasan.uraian}


BY_JENIS = """query ($tahun: Int!) { pegawaiList(first: 30) { nodes { skp(tahun: $tahun) {
  semua: rencanaHasilKerja { jenis uraian }
  utama: rencanaHasilKerja(jenis: UTAMA) { jenis uraian }
  tambahan: rencanaHasilKerja(jenis: TAMBAHAN) { jenis uraian } } } } }"""


async def test_rencana_hasil_kerja_keeps_the_jenis_asked_for(seeded_db, test_settings):
    """The argument selects the loader's rows on both executors alike: UTAMA first, then
    TAMBAHAN, without it; only that jenis with it."""
    who = await admin_pusat()
    variables = {"tahun": (await Skp.all().order_by("-tahun").first()).tahun}
    answers = []
    for compiled in (True, False):
        schema = build_schema(test_settings.model_copy(update={"compiled_reads": compiled}))
        context = await build_context(principal=who, settings=test_settings)
        result = await schema.execute(BY_JENIS, variable_values=variables, context_value=context)
        assert result.errors is None, result.errors
        answers.append(result.data)
    assert answers[0] == answers[1]
    skps = [node["skp"] for node in answers[0]["pegawaiList"]["nodes"] if node["skp"]]
    assert any(skp["tambahan"] for skp in skps)
    for skp in skps:
        assert skp["semua"] == skp["utama"] + skp["tambahan"]
        assert {item["jenis"] for item in skp["utama"]} <= {"UTAMA"}
        assert {item["jenis"] for item in skp["tambahan"]} <= {"TAMBAHAN"}


ROWS_AS_OBJECTS = """query ($tahun: Int!) { pegawaiList(first: 30) { nodes { nip
  skp(tahun: $tahun) { id status evaluasiTerakhir { predikat }
    rencanaHasilKerja(jenis: UTAMA) { id jenis uraian rhkAtasan { uraian }
      indikator { __typename uraian realisasi { nilai } } } } } } }"""


async def test_related_rows_stand_for_their_objects(seeded_db, test_settings, monkeypatch):
    """Where a selection reads its objects only through their attributes and related
    fields, the compiled path writes it from the loader's rows: no Skp, RHK or indikator
    object is made, and the answer is graphql-core's."""
    from ekinerja_graphql.api import rows

    made: list[str] = []
    real_make = rows._make
    monkeypatch.setattr(rows, "_make", lambda cls, row: made.append(cls.__name__)
                        or real_make(cls, row))
    who = await admin_pusat()
    variables = {"tahun": (await Skp.all().order_by("-tahun").first()).tahun}
    answers = {}
    for compiled in (True, False):
        made.clear()
        schema = build_schema(test_settings.model_copy(update={"compiled_reads": compiled}))
        context = await build_context(principal=who, settings=test_settings)
        result = await schema.execute(ROWS_AS_OBJECTS, variable_values=variables,
                                      context_value=context)
        assert result.errors is None, result.errors
        answers[compiled] = (result.data, sorted(set(made)))
    assert answers[True][0] == answers[False][0]
    assert {"Skp", "RencanaHasilKerja", "IndikatorKinerja"} <= set(answers[False][1])
    assert not {"Skp", "RencanaHasilKerja", "IndikatorKinerja"} & set(answers[True][1])
    indikator = [i for node in answers[True][0]["pegawaiList"]["nodes"] if node["skp"]
                 for rhk in node["skp"]["rencanaHasilKerja"] for i in rhk["indikator"]]
    assert indikator and all(i["__typename"] == "IndikatorKinerja" for i in indikator)
