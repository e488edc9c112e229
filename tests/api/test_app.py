"""The real app over HTTP: bearer token in, seeded data and query cost out."""

import httpx

from ekinerja_graphql.app import create_app
from ekinerja_graphql.auth import mint_token
from ekinerja_graphql.domain.akses import Peran
from ekinerja_graphql.models import Pegawai
from ekinerja_graphql.services.demo_accounts import find_demo_accounts
from tests.support.graphql import operation


async def post(settings, body: dict, token: str | None = None, **headers) -> httpx.Response:
    app = create_app(settings, manage_database=False)
    if token:
        headers["Authorization"] = f"Bearer {token}"
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://api") as client:
        return await client.post("/graphql", json=body, headers=headers)


async def test_me_over_http_with_a_minted_token(seeded_db, test_settings):
    account = next(a for a in await find_demo_accounts() if a.role is Peran.PEGAWAI)
    token = mint_token(account.nip, test_settings)
    body = {"query": operation("Me"), "variables": {"tahun": 2026}}
    response = await post(test_settings, body, token)
    assert response.status_code == 200
    payload = response.json()
    me = payload["data"]["me"]
    pegawai = await Pegawai.get(nip=account.nip).prefetch_related("pejabat_penilai")
    assert me["nip"] == pegawai.nip
    assert me["pejabatPenilai"]["namaLengkap"].find(pegawai.pejabat_penilai.nama) >= 0
    assert len(me["skp"]["perilakuKerja"]) == 7
    cost = payload["extensions"]["cost"]
    assert 0 < cost["requested"] <= cost["maximum"] == test_settings.max_query_cost
    assert response.headers["x-request-id"]


async def test_expired_token_is_rejected_before_execution(seeded_db, test_settings):
    account = (await find_demo_accounts())[0]
    token = mint_token(account.nip, test_settings, ttl_seconds=-60)
    response = await post(test_settings, {"query": "{ me { nip } }"}, token)
    assert response.status_code == 401
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "UNAUTHENTICATED"
    assert "expired" in error["message"].lower()


async def test_role_and_unit_claims_in_a_token_widen_nothing(seeded_db, test_settings):
    """Was: `ekinerja token <nip> --role ADMIN_UNIT --unit 1` saw every demo pegawai."""
    import time

    import jwt

    account = next(a for a in await find_demo_accounts() if a.role is Peran.PEGAWAI)
    now = int(time.time())
    claims = {"sub": account.nip, "iat": now, "exp": now + 60,
              "roles": ["ADMIN_PUSAT", "ADMIN_UNIT"], "unit": 1}
    token = jwt.encode(claims, test_settings.jwt_secret, algorithm="HS256")
    body = {"query": "{ pegawaiList(first: 5) { totalCount nodes { nip } } }"}
    response = await post(test_settings, body, token)
    assert response.status_code == 200
    page = response.json()["data"]["pegawaiList"]
    assert page == {"totalCount": 1, "nodes": [{"nip": account.nip}]}
