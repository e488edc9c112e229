"""node(id) finds an organisation predikat for whoever may read its unit's curve, and no one
else, through the same rule as kurvaDistribusi."""

import pytest
from strawberry.relay import to_base64

from ekinerja_graphql.domain.periode import Periode
from ekinerja_graphql.services import organisasi_predikat
from tests.services.evaluasi_support import TAHUN, actor, build_dunia
from tests.support.graphql import principal, run

QUERY = "query ($id: ID!) { node(id: $id) { ... on PredikatOrganisasi { id predikat tahun } } }"


@pytest.fixture
async def dunia(empty_db):
    return await build_dunia()


async def test_readers_of_the_curve_find_it_others_are_forbidden(dunia, test_settings):
    # H rates P, the head of U; S1 works in U under P.
    row = await organisasi_predikat.tetapkan(await actor(dunia.h), dunia.unit.id,
                                             Periode(TAHUN, "TAHUNAN", 1), "BAIK", None, None)
    node_id = to_base64("PredikatOrganisasi", row.id)
    for who in (dunia.h, dunia.p, dunia.admin_unit, dunia.admin_pusat):
        result = await run(QUERY, principal(who.nip), test_settings, {"id": node_id})
        assert result.errors is None, (who.nama, result.errors)
        assert result.data["node"] == {"id": node_id, "predikat": "BAIK", "tahun": TAHUN}
    result = await run(QUERY, principal(dunia.everyone["S1"].nip), test_settings,
                       {"id": node_id})  # fmt: skip
    assert result.data == {"node": None}
    assert result.errors[0].extensions["code"] == "FORBIDDEN"

    missing = to_base64("PredikatOrganisasi", row.id + 1000)
    result = await run(QUERY, principal(dunia.h.nip), test_settings, {"id": missing})
    assert result.errors[0].extensions["code"] == "NOT_FOUND"
