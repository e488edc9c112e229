"""The pre-execution walks are remembered per document, operation and the variables they
read: the same request again is priced and bounded without walking its document, another
page size is priced afresh, another cursor is not, every value is still bounded, and a
refused request is refused every time."""

from ekinerja_graphql.api import input_limits, limits
from tests.support.graphql import admin_pusat, run

QUERY = """query Remembered($first: Int, $after: String) {
    pegawaiList(first: $first, after: $after) { nodes { nip } pageInfo { endCursor } } }"""


def count_walks(monkeypatch) -> list[str]:
    walked = []
    for module, walk in ((input_limits, "input"), (limits, "cost")):
        real = module.current_operation  # each walk starts by finding the operation
        monkeypatch.setattr(module, "current_operation",
                            lambda context, real=real, walk=walk: walked.append(walk)
                            or real(context))
    return walked


async def test_a_request_sent_again_is_not_walked_again(seeded_db, test_settings, monkeypatch):
    walked = count_walks(monkeypatch)
    who = await admin_pusat()
    costs = []
    for first in (5, 5, 7, 5):
        result = await run(QUERY, who, test_settings, {"first": first})
        assert result.errors is None, result.errors
        costs.append(result.extensions["cost"]["requested"])
    # The arguments are found once; the cost is walked for first 5, then for first 7.
    assert walked == ["input", "cost", "cost"]
    assert costs[0] == costs[1] == costs[3] != costs[2]


async def test_the_next_page_is_not_priced_again_but_its_cursor_is_bounded(
        seeded_db, test_settings, monkeypatch):
    walked = count_walks(monkeypatch)
    who = await admin_pusat()
    paged = QUERY.replace("Remembered", "Paged")  # a document the memos have not seen
    after, nips = None, []
    for _ in range(3):
        result = await run(paged, who, test_settings, {"first": 4, "after": after})
        assert result.errors is None, result.errors
        nips += [node["nip"] for node in result.data["pegawaiList"]["nodes"]]
        after = result.data["pegawaiList"]["pageInfo"]["endCursor"]
    assert walked == ["input", "cost"]
    assert len(set(nips)) == 12
    for hostile in ("x" * 5000, "abc\x00"):
        result = await run(paged, who, test_settings, {"first": 4, "after": hostile})
        assert result.data is None
        assert result.errors[0].extensions == {"code": "BAD_USER_INPUT", "field": "after"}
    assert walked == ["input", "cost"]


async def test_a_refused_request_is_refused_again(seeded_db, test_settings):
    who = await admin_pusat()
    literal = "1" * 5000
    for _ in range(2):
        result = await run("query Refused($nip: String!) { pegawai(nip: $nip) { nip } }",
                           who, test_settings, {"nip": literal})
        assert result.data is None
        assert result.errors[0].extensions == {"code": "BAD_USER_INPUT", "field": "nip"}
        result = await run(f'query RefusedLiteral {{ pegawai(nip: "{literal}") {{ nip }} '
                           '  me { nip } }', who, test_settings)
        assert result.data is None
        assert result.errors[0].extensions == {"code": "BAD_USER_INPUT", "field": "nip"}


def test_the_variables_a_walk_reads_are_found_anywhere_in_the_document():
    from graphql import parse

    from ekinerja_graphql.api.limits import COST_ARGUMENTS
    from ekinerja_graphql.api.walk_memo import _variables_in

    document = parse("""query Q($a: Int, $b: [ID!], $c: String, $d: Int) {
        ...F
        nodes(ids: [$b, "x"]) { id }
        pegawaiList(after: $c, filter: {nama: $c}) { nodes { nip } }
    }
    fragment F on Query { pegawaiList(first: $a, last: $d) { nodes { nip } } }""")
    assert _variables_in(document, COST_ARGUMENTS) == {"a", "b", "d"}
    assert _variables_in(document, frozenset()) == frozenset()
