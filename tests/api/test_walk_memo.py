"""The pre-execution walks are remembered per document, operation and variables: the same
request again is priced and bounded without walking its document, a different variable is
walked afresh, and a refused request is refused every time."""

from ekinerja_graphql.api import input_limits, limits
from tests.support.graphql import admin_pusat, run

QUERY = "query Remembered($first: Int) { pegawaiList(first: $first) { nodes { nip } } }"


async def test_a_request_sent_again_is_not_walked_again(seeded_db, test_settings, monkeypatch):
    walked = []
    for module, walk in ((input_limits, "input"), (limits, "cost")):
        real = module.current_operation  # each walk starts by finding the operation
        monkeypatch.setattr(module, "current_operation",
                            lambda context, real=real, walk=walk: walked.append(walk)
                            or real(context))
    who = await admin_pusat()
    costs = []
    for first in (5, 5, 7, 5):
        result = await run(QUERY, who, test_settings, {"first": first})
        assert result.errors is None, result.errors
        costs.append(result.extensions["cost"]["requested"])
    assert walked == ["input", "cost", "input", "cost"]  # for first 5, then first 7
    assert costs[0] == costs[1] == costs[3] != costs[2]


async def test_a_refused_request_is_refused_again(seeded_db, test_settings):
    who = await admin_pusat()
    for _ in range(2):
        result = await run("query Refused($nip: String!) { pegawai(nip: $nip) { nip } }",
                           who, test_settings, {"nip": "1" * 5000})
        assert result.data is None
        assert result.errors[0].extensions["code"] == "BAD_USER_INPUT"
        assert result.errors[0].extensions["field"] == "nip"
