"""Plans are kept per document, operation and @include/@skip values, within a bound."""

from graphql import parse

from ekinerja_graphql.api.compiled.plan import PlanCache, directive_variables

QUERY = "query Q($full: Boolean!, $n: Int) { me { nip unit @include(if: $full) { nama } } }"


def test_the_same_document_reuses_its_plan_and_directive_values_make_their_own():
    cache = PlanCache(maxsize=2)
    document = parse(QUERY)
    first = cache.plan_for(QUERY, "Q", document, {"full": True, "n": 1})
    assert cache.plan_for(QUERY, "Q", document, {"full": True, "n": 2}) is first
    assert cache.plan_for(QUERY, "Q", document, {"full": False, "n": 1}) is not first
    assert cache.plan_for(QUERY, None, document, {"full": True}) is not first


def test_the_least_recently_used_document_leaves_first():
    cache = PlanCache(maxsize=2)
    plans = {text: cache.plan_for(text, None, parse(text), {})
             for text in ("{ me { nip } }", "{ me { nama } }")}
    cache.plan_for("{ me { nip } }", None, parse("{ me { nip } }"), {})  # used again
    cache.plan_for("{ me { id } }", None, parse("{ me { id } }"), {})  # evicts { me { nama } }
    assert cache.plan_for("{ me { nip } }", None, parse("{ me { nip } }"), {}) is plans[
        "{ me { nip } }"]
    assert cache.plan_for("{ me { nama } }", None, parse("{ me { nama } }"), {}) is not plans[
        "{ me { nama } }"]


def test_only_variables_read_by_include_or_skip_shape_a_plan():
    document = parse("query($a: Boolean!, $b: Boolean!, $c: Int) "
                     "{ me @skip(if: $b) { nip @include(if: $a) } pegawaiList(first: $c) "
                     "{ nodes { nip } } }")
    assert directive_variables(document) == ("a", "b")
