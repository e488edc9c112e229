"""The simulator as a Starlette app: BKN's paths under one base URL (spec §1, §4), both
token flows (§2), the envelopes and error bodies of §3, and the evaluation pushes of §6."""

import asyncio
import base64
import secrets
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import parse_qsl

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ekinerja_graphql.siasn.formats import NOT_FOUND_TEXT, parse_tanggal
from ekinerja_graphql.siasn.simulator.dataset import SimulatedSiasn
from ekinerja_graphql.siasn.simulator.faults import Fault, Faults

APIM_TOKEN_PATH = "/oauth2/token"
SSO_TOKEN_PATH = "/auth/realms/public-siasn/protocol/openid-connect/token"
API_PREFIX = "/apisiasn/1.0"
INVALID_CREDENTIALS = {"fault": {"code": 900901, "message": "Invalid Credentials",
                                 "description": "Invalid Credentials. Make sure you have "
                                 "provided the correct security credentials"}}  # fmt: skip
SUSPENDED = {"code": 303001, "message": "Runtime Error",
             "description": "Currently , Address endpoint : [ Name : apisiasn--v1.0_APIproductionEndpoint ] [ State : SUSPENDED ]"}  # noqa: E501  # fmt: skip


class ConnectionDropped(ConnectionResetError):
    """The connection dropped mid-answer (in-process: raised to the transport)."""


class DroppedResponse(Response):
    """Starts an answer it never finishes: the server closes the connection, and the
    client sees the peer hang up, as with a reset."""

    async def __call__(self, scope, receive, send) -> None:
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-length", b"1000")]})  # fmt: skip
        await send({"type": "http.response.body", "body": b'{"code":1,', "more_body": True})
        raise ConnectionDropped("simulated connection reset")


@dataclass
class Credentials:
    consumer_key: str = "sim-consumer-key"
    consumer_secret: str = "sim-consumer-secret"
    sso_client_id: str = "sim-ws-client"
    sso_username: str = "199001012015011001"
    sso_password: str = "sim-password"
    static_sso_token: str = ""  # accepted as a pasted token when set


@dataclass
class Simulator:
    data: SimulatedSiasn
    credentials: Credentials = field(default_factory=Credentials)
    faults: Faults = field(default_factory=Faults)
    apim_lifetime_seconds: int = 3600
    sso_lifetime_seconds: int = 12 * 3600
    rate_limit_per_second: int | None = None  # 429 above it
    apim_tokens: dict[str, float] = field(default_factory=dict)  # token -> expiry (monotonic)
    sso_tokens: dict[str, float] = field(default_factory=dict)
    requests: Counter = field(default_factory=Counter)  # path kind -> count
    in_flight: int = 0
    most_in_flight: int = 0
    _window: tuple[int, int] = (0, 0)  # (second, requests in it)

    def issue(self, tokens: dict[str, float], lifetime: int) -> str:
        token = secrets.token_urlsafe(24)
        tokens[token] = time.monotonic() + lifetime
        return token

    def live(self, tokens: dict[str, float], token: str) -> bool:
        return tokens.get(token, 0) > time.monotonic() or (
            tokens is self.sso_tokens and token == self.credentials.static_sso_token != "")

    def over_rate(self) -> bool:
        if self.rate_limit_per_second is None:
            return False
        second = int(time.monotonic())
        started, count = self._window
        self._window = (second, count + 1) if started == second else (second, 1)
        return self._window[1] > self.rate_limit_per_second


def _sim(request: Request) -> Simulator:
    return request.app.state.simulator


async def _form(request: Request) -> dict[str, str]:
    """An x-www-form-urlencoded body (the token endpoints take nothing else)."""
    return dict(parse_qsl((await request.body()).decode(errors="replace")))


async def apim_token(request: Request) -> Response:
    sim = _sim(request)
    creds = sim.credentials
    expected = base64.b64encode(f"{creds.consumer_key}:{creds.consumer_secret}".encode()).decode()
    form = await _form(request)
    if request.headers.get("authorization") != f"Basic {expected}" or form.get(
            "grant_type") != "client_credentials":  # fmt: skip
        return JSONResponse({"error": "invalid_client",
                             "error_description": "Client Authentication failed."}, 401)
    token = sim.issue(sim.apim_tokens, sim.apim_lifetime_seconds)
    return JSONResponse({"access_token": token, "scope": "default", "token_type": "Bearer",
                         "expires_in": sim.apim_lifetime_seconds})  # fmt: skip


async def sso_token(request: Request) -> Response:
    sim = _sim(request)
    creds = sim.credentials
    form = await _form(request)
    if (form.get("grant_type"), form.get("client_id"), form.get("username"),
            form.get("password")) != ("password", creds.sso_client_id, creds.sso_username,
                                      creds.sso_password):  # fmt: skip
        return JSONResponse({"error": "invalid_grant",
                             "error_description": "Invalid user credentials"}, 401)
    token = sim.issue(sim.sso_tokens, sim.sso_lifetime_seconds)
    return JSONResponse({"access_token": token, "expires_in": sim.sso_lifetime_seconds,
                         "refresh_expires_in": 0, "token_type": "Bearer"})  # fmt: skip


def _found(data) -> JSONResponse:
    return JSONResponse({"code": 1, "data": data})


def _not_found() -> JSONResponse:
    return JSONResponse({"code": 0, "data": NOT_FOUND_TEXT}, 404)


async def _guard(request: Request, sim: Simulator) -> Response | None:
    """Faults, rate limit and both tokens, in the order a gateway would meet them."""
    sim.requests["api"] += 1
    if sim.faults.base_latency_seconds:
        await asyncio.sleep(sim.faults.base_latency_seconds)
    fault = sim.faults.next()
    if fault is Fault.LATENCY:
        await asyncio.sleep(sim.faults.latency_seconds)
    elif fault is Fault.RESET:
        return DroppedResponse()
    elif fault is Fault.SERVER_ERROR:
        return Response(b"", 503)
    elif fault is Fault.SUSPENDED:
        return JSONResponse(SUSPENDED, 503)
    elif fault is Fault.RATE_LIMITED:
        return JSONResponse({"message": "Too Many Requests"}, 429)
    elif fault is Fault.APIM_EXPIRED:
        sim.apim_tokens.clear()
    elif fault is Fault.SSO_EXPIRED:
        sim.sso_tokens.clear()
    if sim.over_rate():
        return JSONResponse({"message": "Too Many Requests"}, 429)
    apim = request.headers.get("authorization", "")
    if not apim.startswith("Bearer ") or not sim.live(sim.apim_tokens, apim[7:]):
        return JSONResponse(INVALID_CREDENTIALS, 401)
    sso = request.headers.get("auth", "")
    if sso[:7].lower() != "bearer " or not sim.live(sim.sso_tokens, sso[7:]):
        return JSONResponse({"message": "invalid or expired jwt"}, 401)
    if fault is Fault.SSO_MISMATCH:
        return JSONResponse({"code": 0, "data": "Token SSO mismatch"}, 401)
    if fault is Fault.NOT_FOUND:
        return _not_found()
    return None


def api(handler):
    async def endpoint(request: Request) -> Response:
        sim = _sim(request)
        sim.in_flight += 1
        sim.most_in_flight = max(sim.most_in_flight, sim.in_flight)
        try:
            refused = await _guard(request, sim)
            return refused if refused is not None else await handler(request, sim)
        finally:
            sim.in_flight -= 1

    return endpoint


async def data_utama(request: Request, sim: Simulator) -> Response:
    found = sim.data.pns.get(request.path_params["nip"])
    return _found(found) if found else _not_found()


def riwayat(items_of: Callable[[SimulatedSiasn, str], list[dict]]):
    async def handler(request: Request, sim: Simulator) -> Response:
        nip = request.path_params["nip"]
        if nip not in sim.data.pns:
            return _not_found()
        return _found(items_of(sim.data, nip) or None)  # empty: `data: null` (spec §3)

    return handler


def _page(request: Request, items: list) -> list:
    try:
        limit = int(request.query_params.get("limit", len(items) or 1))
        offset = int(request.query_params.get("offset", 0))
    except ValueError:
        return []
    if offset > 0:
        offset = max(offset - _sim(request).faults.page_drift, 1)
    return items[max(offset, 0):max(offset, 0) + max(limit, 0)]


async def ref_unor(request: Request, sim: Simulator) -> Response:
    return _found(_page(request, list(sim.data.unor.values())))


async def list_kp(request: Request, sim: Simulator) -> Response:
    try:
        periode = date.fromisoformat(request.query_params.get("periode", ""))
    except ValueError:
        return JSONResponse({"code": 0, "data": "periode yyyy-mm-dd"}, 400)
    month = periode.strftime("%m-%Y")
    items = [kp for kp in sim.data.kp if kp["tmtKp"] and kp["tmtKp"].endswith(month)]
    return _found(_page(request, items))


async def list_pensiun(request: Request, sim: Simulator) -> Response:
    try:
        awal = parse_tanggal(request.query_params.get("tglAwal"))
        akhir = parse_tanggal(request.query_params.get("tglAkhir"))
    except ValueError:
        return JSONResponse({"code": 0, "data": "tglAwal/tglAkhir dd-mm-yyyy"}, 400)
    items = [p for p in sim.data.pensiun
             if awal <= parse_tanggal(p["tmtPensiun"]) <= akhir]  # fmt: skip
    return _found(items)


async def list_pengadaan(request: Request, sim: Simulator) -> Response:
    tahun = request.query_params.get("tahun", "")
    items = [p for p in sim.data.pengadaan if str(p["tahun"]) == tahun]
    return _found(_page(request, items))


def routes() -> list[Route]:
    from ekinerja_graphql.siasn.simulator import pushes

    def at(path: str, handler, methods=("GET",)) -> Route:
        return Route(f"{API_PREFIX}{path}", api(handler), methods=list(methods))

    return [
        Route(APIM_TOKEN_PATH, apim_token, methods=["POST"]),
        Route(SSO_TOKEN_PATH, sso_token, methods=["POST"]),
        at("/pns/data-utama/{nip}", data_utama),
        at("/pns/rw-jabatan/{nip}", riwayat(lambda data, nip: data.rw_jabatan.get(nip, []))),
        at("/pns/rw-golongan/{nip}", riwayat(lambda data, nip: data.rw_golongan.get(nip, []))),
        at("/pns/rw-skp22/{nip}", riwayat(SimulatedSiasn.rw_skp22_of)),
        at("/pns/rw-kinerjaperiodik/{nip}", riwayat(SimulatedSiasn.rw_kinerja_periodik_of)),
        at("/referensi/ref-unor", ref_unor),
        at("/pns/list-kp-instansi", list_kp),
        at("/pns/list-pensiun-instansi", list_pensiun),
        at("/pengadaan/list-pengadaan-instansi", list_pengadaan),
        at("/skp22/save", pushes.save_skp22, ("POST",)),
        at("/kinerjaperiodik/save", pushes.save_kinerja_periodik, ("POST",)),
        at("/kinerjaperiodik/delete/{id}", pushes.delete_kinerja_periodik, ("DELETE",)),
    ]  # fmt: skip


def create_simulator_app(simulator: Simulator) -> Starlette:
    app = Starlette(routes=routes())
    app.state.simulator = simulator
    return app
