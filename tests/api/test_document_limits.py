"""Documents whose validation would be quadratic are refused before validation runs."""

import pytest
from graphql import parse

from ekinerja_graphql.api.document_limits import shape_problem
from ekinerja_graphql.api.schema import build_schema
from tests.support.graphql import count_statements

REPEATED = "{ " + " ".join("pegawaiList { nodes { nip } }" for _ in range(490)) + " }"


@pytest.mark.parametrize(("document", "name", "times"), [
    (REPEATED, "pegawaiList", 490),
    ("{ me { " + "nip " * 6 + "} }", "nip", 6),
    ("{ me { ...A ...B } } fragment A on Pegawai { nip nip nip } "
     "fragment B on Pegawai { nip nip nip }", "nip", 6),
    ("{ me { " + " ".join("... on Pegawai { unit { nama } }" for _ in range(3))
     + " unit { nama nama nama } } }", "nama", 6),
])
def test_fields_merged_into_one_place_are_counted_through_fragments(document, name, times):
    assert shape_problem(parse(document), 5) == (
        f"'{name}' is selected {times} times at one place; at most 5 are allowed (select it once)"
    )


def test_ordinary_client_documents_pass():
    from tests.support.graphql import OPERATIONS

    for path in OPERATIONS.glob("*.graphql"):
        assert shape_problem(parse(path.read_text()), 5) is None, path.name
    aliased = "{ " + " ".join(f"a{n}: pegawai(nip: \"x\") {{ nip }}" for n in range(30)) + " }"
    assert shape_problem(parse(aliased), 5) is None


async def test_the_repeated_selection_document_is_bad_input_without_sql(database):
    schema = build_schema(database)
    with count_statements() as statements:
        result = await schema.execute(REPEATED)
    (error,) = result.errors
    assert error.extensions == {"code": "BAD_USER_INPUT"}
    assert "selected 490 times" in error.message
    assert statements == []


async def test_a_fragment_spread_inside_itself_is_refused_without_looping(database):
    """A cycle reached the shape check before validation and looped until memory ran out."""
    cycle = ("query { me { ...A } } fragment A on Pegawai { bawahan { ...A nip } }")
    result = await build_schema().execute(cycle)
    assert result.errors and "Cannot spread fragment 'A' within itself" in result.errors[0].message
