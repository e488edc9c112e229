"""The compiled read path answers exactly what graphql-core answers: data (with its key
order), errors with their paths and codes, for every role, on generated queries over the
whole schema and on every query in schema/operations/."""

import re

import orjson
import pytest
from graphql import OperationDefinitionNode, OperationType, parse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strawberry.relay import to_base64

from ekinerja_graphql.api.compiled.extension import EXECUTIONS
from ekinerja_graphql.api.context import build_context
from ekinerja_graphql.api.schema import build_schema
from ekinerja_graphql.models import (
    Evaluasi,
    IndikatorKinerja,
    Jabatan,
    Pegawai,
    PejabatNegara,
    Realisasi,
    RencanaHasilKerja,
    Skp,
    UnitOrganisasi,
)
from ekinerja_graphql.services.demo_accounts import find_demo_accounts
from tests.support.graphql import OPERATIONS, principal
from tests.support.query_strategy import Samples, queries

REQUEST_ID = re.compile(r"request id [0-9a-f-]+")
NODE_MODELS = {"UnitOrganisasi": UnitOrganisasi, "Jabatan": Jabatan, "Pegawai": Pegawai,
               "PejabatNegara": PejabatNegara, "Skp": Skp, "RencanaHasilKerja": RencanaHasilKerja,
               "IndikatorKinerja": IndikatorKinerja, "Realisasi": Realisasi,
               "Evaluasi": Evaluasi}  # fmt: skip


@pytest.fixture
async def world(seeded_db, test_settings):
    """The two executors, each role's principal and sample arguments from the seed."""
    compiled = build_schema(test_settings.model_copy(update={"compiled_reads": True}))
    reference = build_schema(test_settings.model_copy(update={"compiled_reads": False}))
    roles = {account.role.value: principal(account.nip)
             for account in await find_demo_accounts()}
    roles["ANONYMOUS"] = None
    ids = [to_base64("Pegawai", 999_999), "bm90LWFuLWlk"]
    for type_name, model in NODE_MODELS.items():
        for row_id in await model.all().order_by("id").limit(2).values_list("id", flat=True):
            ids.append(to_base64(type_name, row_id))
    root = await UnitOrganisasi.get(parent_id=None)
    leaf = await UnitOrganisasi.filter(children=None).order_by("-id").first()
    unit_ids = [to_base64("UnitOrganisasi", unit.id) for unit in (root, leaf)]
    nips = list(await Pegawai.all().order_by("id").limit(3).values_list("nip", flat=True))
    samples = Samples(ids=ids, unit_ids=unit_ids, nips=nips)
    return compiled, reference, roles, samples


async def answers(world, test_settings, text: str, who, variables: dict,
                  operation_name: str | None = None) -> tuple[dict, dict]:
    compiled, reference, *_ = world
    ran_before = _compiled_runs()
    results = []
    for schema in (compiled, reference):
        context = await build_context(principal=who, settings=test_settings)
        result = await schema.execute(text, variable_values=variables, context_value=context,
                                      operation_name=operation_name)
        results.append(_comparable(result))
    ran = _compiled_runs() - ran_before
    reached_execution = results[1]["data"] is not None or any(
        path != "null" for _, entries in results[1]["errors"].items() for path, *_ in entries)
    assert ran == (1 if reached_execution else 0), (text, results[1])
    return results[0], results[1]


def _compiled_runs() -> float:
    return EXECUTIONS.labels("compiled", "")._value.get()


def _comparable(result) -> dict:
    """Data as its JSON (key order matters); errors grouped by the position their null
    landed at (the root when data is null), each group sorted."""
    data = result.data
    groups: dict[str, list] = {}
    for error in result.errors or ():
        entry = (orjson.dumps(error.path).decode(), REQUEST_ID.sub("request id …", error.message),
                 error.extensions.get("code"))
        groups.setdefault(_nulled_at(data, error.path), []).append(entry)
    return {"data": orjson.dumps(data).decode() if data is not None else None,
            "errors": {position: sorted(entries) for position, entries in groups.items()}}


def _nulled_at(data, path) -> str:
    """The shortest prefix of `path` whose value in `data` is null."""
    if path is None or data is None:
        return "null"
    value = data
    for depth, key in enumerate(path):
        value = value[key] if isinstance(value, (dict, list)) else None
        if value is None:
            return orjson.dumps(path[: depth + 1]).decode()
    return orjson.dumps(path).decode()


def assert_alike(fast: dict, slow: dict, context) -> None:
    """The same data, and errors nulling the same positions: the same errors where a field's
    own null is its error. Where a null propagated up from a non-null field, several
    failures race for the position (graphql-core reports those that finish before the null
    lands, in the event loop's order): each side reports at least one."""
    assert fast["data"] == slow["data"], context
    assert fast["errors"].keys() == slow["errors"].keys(), (context, fast, slow)
    for position, errors in fast["errors"].items():
        expected = slow["errors"][position]
        own = [e for e in errors if e[0] == position]
        assert own == [e for e in expected if e[0] == position], (context, fast, slow)
        assert errors and expected


ROLES = st.sampled_from(["ADMIN_PUSAT", "ADMIN_UNIT", "ATASAN_PENILAI", "PENILAI", "PEGAWAI",
                         "ANONYMOUS"])


@settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
async def test_generated_queries_answer_alike(world, test_settings, data):
    compiled, _, roles, samples = world
    query = data.draw(queries(compiled._schema, samples), label="query")
    role = data.draw(ROLES, label="role")
    fast, slow = await answers(world, test_settings, query.text, roles[role], query.variables)
    assert_alike(fast, slow, query.text)
    internal = [e for errors in slow["errors"].values() for e in errors
                if e[2] == "INTERNAL_SERVER_ERROR"]
    assert not internal, (query.text, internal)


def _query_operations() -> list[str]:
    names = []
    for path in sorted(OPERATIONS.glob("*.graphql")):
        for definition in parse(path.read_text()).definitions:
            if (isinstance(definition, OperationDefinitionNode)
                    and definition.operation is OperationType.QUERY):
                names.append(path.stem)
    return names


async def _operation_variables(name: str, samples: Samples, world) -> dict:
    values = {"unitId": samples.unit_ids[0], "tahun": 2026, "nip": samples.nips[0],
              "bulan": "2026-10", "jenisPeriode": "TAHUNAN", "nomorPeriode": 1,
              "first": 20, "id": samples.ids[2]}
    if name == "PohonKinerja":
        rhk = await RencanaHasilKerja.all().order_by("id").first()
        values["rhkId"] = to_base64("RencanaHasilKerja", rhk.id)
    text = (OPERATIONS / f"{name}.graphql").read_text()
    declared = set(re.findall(r"\$(\w+)\s*:", text))
    return {key: value for key, value in values.items() if key in declared}


@pytest.mark.parametrize("name", _query_operations())
async def test_every_client_operation_answers_alike(world, test_settings, name):
    _, _, roles, samples = world
    text = (OPERATIONS / f"{name}.graphql").read_text()
    variables = await _operation_variables(name, samples, world)
    for role, who in roles.items():
        fast, slow = await answers(world, test_settings, text, who, variables)
        assert_alike(fast, slow, (name, role))


async def test_mutations_run_on_graphql_core(world, test_settings):
    compiled, _, roles, samples = world
    before = EXECUTIONS.labels("graphql-core", "mutation")._value.get()
    context = await build_context(principal=roles["PEGAWAI"], settings=test_settings)
    await compiled.execute("mutation { mulaiSinkronisasi(kind: PULL_FULL) { id } }",
                           context_value=context)
    assert EXECUTIONS.labels("graphql-core", "mutation")._value.get() == before + 1
