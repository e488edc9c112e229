"""An async client of SIASN's data API (spec §2–6): both tokens on every call, a refused
token replaced and the call replayed once, transient failures retried with exponential
backoff and jitter, every call under the shared concurrency and rate limits, and answers
parsed into typed models; what does not parse is handed back for quarantine."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Generic, TypeVar

import httpx
import stamina
from pydantic import BaseModel, ValidationError

from ekinerja_graphql.config import Settings
from ekinerja_graphql.siasn.errors import (
    SiasnAuthRejected,
    SiasnNotFound,
    SiasnPayloadInvalid,
    SiasnRejected,
    SiasnUnavailable,
)
from ekinerja_graphql.siasn.formats import format_tanggal, is_not_found
from ekinerja_graphql.siasn.limits import LocalLimiter, RequestLimiter
from ekinerja_graphql.siasn.models import (
    DataUtama,
    HasilSimpan,
    Pengadaan,
    RwGolongan,
    RwJabatan,
    RwKinerjaPeriodik,
    RwSkp22,
    Unor,
    UsulanKp,
    UsulanPensiun,
)
from ekinerja_graphql.siasn.tokens import MemoryTokenCache, TokenCache, TokenKind, Tokens

T = TypeVar("T", bound=BaseModel)
NOT_FOUND = object()


@dataclass
class Parsed(Generic[T]):
    """The items of a list that parsed, and those that did not (to quarantine)."""

    items: list[T] = field(default_factory=list)
    invalid: list[SiasnPayloadInvalid] = field(default_factory=list)


def parse_one(model: type[T], payload: Any, what: str) -> T:
    try:
        return model.model_validate(payload)
    except ValidationError as error:
        reasons = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'payload'}: {e['msg']}"
                            for e in error.errors()[:5])  # fmt: skip
        raise SiasnPayloadInvalid(f"{what} does not parse: {reasons}", payload) from None


def parse_list(model: type[T], data: Any, what: str) -> Parsed[T]:
    parsed: Parsed[T] = Parsed()
    if data is None or data is NOT_FOUND:
        return parsed
    if not isinstance(data, list):
        parsed.invalid.append(SiasnPayloadInvalid(f"{what}: a list expected", data))
        return parsed
    for item in data:
        try:
            parsed.items.append(parse_one(model, item, what))
        except SiasnPayloadInvalid as invalid:
            parsed.invalid.append(invalid)
    return parsed


def _words(response: httpx.Response) -> list[str]:
    """The texts an error body puts its reason in: message, data, WSO2's fault.message."""
    try:
        body = response.json()
    except ValueError:
        return []
    if not isinstance(body, dict):
        return []
    fault = body.get("fault")
    found = [body.get("message"), body.get("data"),
             fault.get("message") if isinstance(fault, dict) else None]  # fmt: skip
    return [word for word in found if isinstance(word, str)]


def refused_token(response: httpx.Response) -> set[TokenKind]:
    """Which tokens an answer refuses (spec §3), from its words; an unexplained 401 both."""
    refused = set()
    for word in _words(response):
        if word.startswith("Invalid Credentials"):
            refused.add(TokenKind.APIM)
        if "invalid or expired jwt" in word.lower() or word == "Token SSO mismatch":
            refused.add(TokenKind.SSO)
    if not refused and response.status_code == 401:
        refused = {TokenKind.APIM, TokenKind.SSO}
    return refused


def interpret(response: httpx.Response, what: str) -> Any:
    """The answer's body, NOT_FOUND, or the SiasnError it stands for."""
    status = response.status_code
    if status >= 500 or status == 429:
        text = response.text.strip()[:200] or "an empty body"
        raise SiasnUnavailable(f"{what}: HTTP {status}, {text}")
    try:
        body = response.json()
    except ValueError:
        raise SiasnPayloadInvalid(f"{what}: HTTP {status} with a body that is not JSON",
                                  response.text[:2000]) from None  # fmt: skip
    if isinstance(body, dict) and body.get("message") == "Runtime Error":
        raise SiasnUnavailable(f"{what}: gateway {body.get('description', '')}"[:300])
    if status == 404 or is_not_found(body):
        return NOT_FOUND
    if status >= 400:
        raise SiasnRejected(f"{what}: HTTP {status}, {response.text[:200]}")
    return body


class SiasnClient:
    def __init__(self, settings: Settings, *, http: httpx.AsyncClient | None = None,
                 token_cache: TokenCache | None = None,
                 limiter: RequestLimiter | None = None) -> None:  # fmt: skip
        self._settings = settings
        timeout = httpx.Timeout(settings.siasn_read_timeout_seconds,
                                connect=settings.siasn_connect_timeout_seconds)  # fmt: skip
        self._http = http or httpx.AsyncClient(timeout=timeout)
        self._tokens = Tokens(settings, self._http, token_cache or MemoryTokenCache())
        self._limiter = limiter or LocalLimiter(settings.siasn_max_concurrency,
                                                settings.siasn_requests_per_second)
        self._base = settings.siasn_api_url.rstrip("/")

    async def __aenter__(self) -> "SiasnClient":
        return self

    async def __aexit__(self, *exc_info) -> None:
        await self._http.aclose()

    # --- Reads ---------------------------------------------------------------------------

    async def data_utama(self, nip: str) -> DataUtama | None:
        """None when SIASN does not know the NIP."""
        data = await self._data("GET", f"/pns/data-utama/{nip}", what=f"data-utama {nip}")
        return None if data is NOT_FOUND else parse_one(DataUtama, data, f"data-utama {nip}")

    async def rw_jabatan(self, nip: str) -> Parsed[RwJabatan]:
        return await self._list(RwJabatan, f"/pns/rw-jabatan/{nip}", None, f"rw-jabatan {nip}")

    async def rw_golongan(self, nip: str) -> Parsed[RwGolongan]:
        return await self._list(RwGolongan, f"/pns/rw-golongan/{nip}", None,
                                f"rw-golongan {nip}")  # fmt: skip

    async def ref_unor(self) -> Parsed[Unor]:
        return await self._list(Unor, "/referensi/ref-unor", None, "ref-unor")

    async def list_kp(self, periode: date, limit: int, offset: int) -> Parsed[UsulanKp]:
        params = {"periode": periode.isoformat(), "limit": limit, "offset": offset}
        return await self._list(UsulanKp, "/pns/list-kp-instansi", params, "list-kp-instansi")

    async def list_pensiun(self, awal: date, akhir: date) -> Parsed[UsulanPensiun]:
        params = {"tglAwal": format_tanggal(awal), "tglAkhir": format_tanggal(akhir)}
        return await self._list(UsulanPensiun, "/pns/list-pensiun-instansi", params,
                                "list-pensiun-instansi")  # fmt: skip

    async def list_pengadaan(self, tahun: int, limit: int, offset: int) -> Parsed[Pengadaan]:
        params = {"tahun": tahun, "limit": limit, "offset": offset}
        return await self._list(Pengadaan, "/pengadaan/list-pengadaan-instansi", params,
                                "list-pengadaan-instansi")  # fmt: skip

    async def rw_skp22(self, nip: str) -> Parsed[RwSkp22]:
        return await self._list(RwSkp22, f"/pns/rw-skp22/{nip}", None, f"rw-skp22 {nip}")

    async def rw_kinerja_periodik(self, nip: str) -> Parsed[RwKinerjaPeriodik]:
        return await self._list(RwKinerjaPeriodik, f"/pns/rw-kinerjaperiodik/{nip}", None,
                                f"rw-kinerjaperiodik {nip}")  # fmt: skip

    # --- Writes --------------------------------------------------------------------------

    async def simpan_skp22(self, body: dict[str, Any]) -> str:
        """Creates (id null) or updates the annual evaluation; returns its rwSkpId."""
        return await self._save("/skp22/save", body, "rwSkpId", "skp22/save")

    async def simpan_kinerja_periodik(self, body: dict[str, Any]) -> str:
        return await self._save("/kinerjaperiodik/save", body, "rwKinerjaPeriodikId",
                                "kinerjaperiodik/save")  # fmt: skip

    async def hapus_kinerja_periodik(self, rw_id: str) -> None:
        body = await self._body("DELETE", f"/kinerjaperiodik/delete/{rw_id}", what="delete")
        if body is NOT_FOUND:
            raise SiasnNotFound(f"kinerjaperiodik {rw_id} does not exist in SIASN")
        result = parse_one(HasilSimpan, body, "kinerjaperiodik/delete")
        if not result.success:
            raise SiasnRejected(f"kinerjaperiodik/delete: {result.message or result.map_data}")

    # --- The call ------------------------------------------------------------------------

    async def _list(self, model: type[T], path: str, params: dict | None, what: str
                    ) -> Parsed[T]:  # fmt: skip
        return parse_list(model, await self._data("GET", path, params=params, what=what), what)

    async def _save(self, path: str, body: dict[str, Any], id_key: str, what: str) -> str:
        answer = await self._body("POST", path, json=body, what=what)
        if answer is NOT_FOUND:
            raise SiasnNotFound(f"{what}: the record to update does not exist in SIASN")
        result = parse_one(HasilSimpan, answer, what)
        if not result.success:
            raise SiasnRejected(f"{what}: {result.message or result.map_data}")
        rw_id = result.id_of(id_key)
        if not rw_id:
            raise SiasnPayloadInvalid(f"{what}: success without mapData.{id_key}", answer)
        return rw_id

    async def _data(self, method: str, path: str, *, params: dict | None = None,
                    what: str) -> Any:  # fmt: skip
        """The `data` of a `{"code":1,"data":…}` answer, or NOT_FOUND."""
        body = await self._body(method, path, params=params, what=what)
        if body is NOT_FOUND:
            return NOT_FOUND
        if not isinstance(body, dict) or "data" not in body:
            raise SiasnPayloadInvalid(f"{what}: no {{code, data}} envelope", body)
        return body["data"]

    async def _body(self, method: str, path: str, *, params: dict | None = None,
                    json: Any = None, what: str) -> Any:  # fmt: skip
        settings = self._settings
        url = f"{self._base}{path}"
        async for attempt in stamina.retry_context(
            on=SiasnUnavailable, attempts=settings.siasn_attempts, timeout=None,
            wait_initial=settings.siasn_retry_initial_seconds,
            wait_max=settings.siasn_retry_max_seconds,
            wait_jitter=settings.siasn_retry_initial_seconds,
        ):  # fmt: skip
            # The slot covers the tokens too: however many callers wait, no more than the
            # limit reach the token cache (Redis) or SIASN at once.
            with attempt:
                async with self._limiter.slot():
                    response = await self._authorised(method, url, params, json, what)
                return interpret(response, what)
        raise AssertionError("unreachable: stamina re-raises the last failure")

    async def _authorised(self, method: str, url: str, params: dict | None, json: Any,
                          what: str) -> httpx.Response:  # fmt: skip
        tokens = {kind: await self._tokens.get(kind) for kind in TokenKind}
        replaced: set[TokenKind] = set()
        while True:
            response = await self._send(method, url, params, json, tokens, what)
            refused = refused_token(response)
            if not refused:
                return response
            if refused <= replaced:
                raise SiasnAuthRejected(f"{what}: SIASN refused fresh tokens "
                                        f"({response.status_code} {response.text[:120]}); "
                                        "check the SIASN credentials")  # fmt: skip
            # Each refused token is replaced once and the call replayed; the gateway checks
            # the APIM token before the SSO one, so both may be found stale in turn.
            for kind in refused - replaced:
                tokens[kind] = await self._tokens.replace(kind, tokens[kind])
            replaced |= refused

    async def _send(self, method: str, url: str, params: dict | None, json: Any,
                    tokens: dict[TokenKind, str], what: str) -> httpx.Response:  # fmt: skip
        headers = {"Authorization": f"Bearer {tokens[TokenKind.APIM]}",
                   "Auth": f"bearer {tokens[TokenKind.SSO]}", "Accept": "application/json"}
        try:
            return await self._http.request(method, url, params=params, json=json,
                                            headers=headers)  # fmt: skip
        except httpx.TransportError as error:  # timeouts, resets, refused connections
            raise SiasnUnavailable(f"{what}: {type(error).__name__} {error}"[:300]) from None

