"""Side by side with PostGraphile 4: the client operations of schema/operations/ on our API
and on PostGraphile over the same database, checked identical, then timed.

    .venv/bin/python benchmarks/peer_benchmark.py [--database URL] [--requests N] [--smoke]

Installs PostGraphile 4 into benchmarks/peer/ (npm ci) when missing, gives it a read-only
role, starts it and our API (uvicorn, `--workers`), and signs in as ADMIN_PUSAT so both
return every row. For UnitKinerja, UnitPegawai, PegawaiByNip and PegawaiReport it sends our
document and its PostGraphile twin (benchmarks/peer/*.graphql), compares the answers leaf
by leaf and stops on any difference. Then, per operation, it alternates batches between the
two servers at concurrency 1 and 8 (p50/p95/p99, requests/s, the server's CPU and its
PostgreSQL backends' CPU per request), replays our API's own SQL of one request through
asyncpg (the floor), and pages through every pegawai by NIP on both. Timings are printed
and written with --json; nothing asserts on them. --smoke does all of it on a small
database of its own, for CI.
"""

import argparse
import asyncio
import base64
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import asynccontextmanager, suppress
from dataclasses import asdict, dataclass, field
from datetime import date
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from secrets import token_hex
from urllib.parse import urlsplit, urlunsplit

import asyncpg
import httpx
import psutil
from server import DEFAULT_DATABASE, admin_token, bench_settings, start_server, wait_healthy
from strawberry.relay import to_base64
from tortoise import Tortoise

from ekinerja_graphql.db import settings_config
from ekinerja_graphql.domain.golongan import PANGKAT, Golongan, golongan_label
from ekinerja_graphql.domain.nama import format_nama_lengkap

ROOT = Path(__file__).resolve().parents[1]
OPERATIONS = ROOT / "schema" / "operations"
PEER = Path(__file__).resolve().parent / "peer"
POSTGRAPHILE = PEER / "node_modules" / ".bin" / "postgraphile"
READER_ROLE = "ekinerja_peer_reader"
SMOKE_DATABASE = "ekinerja_peer_smoke"
SMOKE_PEGAWAI = 800
# Parent levels spelt out in peer/PegawaiByNip.graphql (the ancestors of a unit).
PEER_ANCESTOR_LEVELS = 4
CONCURRENCIES = (1, 8)
TICKS = os.sysconf("SC_CLK_TCK")


class Mismatch(Exception):
    """The two servers answered differently, or one answered with errors."""


# --- PostGraphile: install, role, process -------------------------------------------------


def ensure_postgraphile() -> None:
    """npm ci from the committed lockfile, once; a clear message when npm cannot."""
    if POSTGRAPHILE.exists():
        return
    if shutil.which("npm") is None:
        raise SystemExit("peer_benchmark: npm is not installed (Node.js 18+ runs PostGraphile 4)")
    print("installing PostGraphile 4 into benchmarks/peer/ (npm ci)", flush=True)
    result = subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"],
                            cwd=PEER, capture_output=True, text=True)  # fmt: skip
    if result.returncode != 0 or not POSTGRAPHILE.exists():
        shutil.rmtree(PEER / "node_modules", ignore_errors=True)  # no half install next time
        raise SystemExit(f"peer_benchmark: `npm ci` in {PEER} failed (is the npm registry "
                         f"reachable?):\n{result.stderr[-3000:]}")


async def ensure_reader_role(database: str) -> str:
    """A login role that may only read the tables of schema public, and only in read-only
    transactions; a fresh random password each run (works with trust and password auth).
    Returns the URL PostGraphile connects with."""
    password = token_hex(16)  # hex: safe to inline in the statement
    connection = await asyncpg.connect(database)
    try:
        if not await connection.fetchval("SELECT 1 FROM pg_roles WHERE rolname = $1", READER_ROLE):
            with suppress(asyncpg.DuplicateObjectError):  # another run created it meanwhile
                await connection.execute(f"CREATE ROLE {READER_ROLE} LOGIN")
        await connection.execute(f"ALTER ROLE {READER_ROLE} LOGIN NOSUPERUSER NOCREATEDB "
                                 f"NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD '{password}'")
        await connection.execute(f"ALTER ROLE {READER_ROLE} SET default_transaction_read_only = on")
        # Again every run: the seed recreates the tables, and their grants with them.
        await connection.execute(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {READER_ROLE}")
    finally:
        await connection.close()
    parts = urlsplit(database)
    netloc = f"{READER_ROLE}:{password}@{parts.hostname}:{parts.port or 5432}"
    return urlunsplit(parts._replace(netloc=netloc))


def start_postgraphile(reader_url: str, port: int, **environment: str) -> subprocess.Popen:
    """Production-like: no GraphiQL, no watch, no query log, no mutations (the role could not
    write anyway: --no-ignore-rbac exposes only what it may do), the same pool size as ours."""
    command = [
        str(POSTGRAPHILE), "--schema", "public",
        "--host", "127.0.0.1", "--port", str(port), "--disable-graphiql", "--disable-query-log",
        "--no-ignore-rbac", "--disable-default-mutations", "--legacy-relations", "omit",
        "--append-plugins", "@graphile-contrib/pg-simplify-inflector", "--max-pool-size", "10",
    ]  # fmt: skip
    # The URL, with the role's password, through the environment rather than `ps`.
    env = {**os.environ, "NODE_ENV": "production", "DATABASE_URL": reader_url, **environment}
    # cwd: PostGraphile resolves --append-plugins from there.
    return subprocess.Popen(command, cwd=PEER, env=env, stdout=subprocess.DEVNULL)


async def wait_answering(url: str, process: subprocess.Popen) -> None:
    async with httpx.AsyncClient() as client:
        for _ in range(150):
            if process.poll() is not None:
                raise RuntimeError(f"PostGraphile exited with status {process.returncode}")
            try:
                response = await client.post(url, json={"query": "{ __typename }"})
                if response.status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.2)
    raise RuntimeError("PostGraphile did not answer within 30 s")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@dataclass
class Server:
    name: str  # "ours" or "theirs"
    process: subprocess.Popen
    url: str
    headers: dict
    db_user: str  # whose PostgreSQL backends serve it


@asynccontextmanager
async def both_servers(args, reader_url: str, token: str):
    ours_process = start_server(args.database, args.port, args.workers)
    theirs_process = start_postgraphile(reader_url, args.peer_port)
    try:
        await wait_healthy(f"http://127.0.0.1:{args.port}")
        theirs_url = f"http://127.0.0.1:{args.peer_port}/graphql"
        await wait_answering(theirs_url, theirs_process)
        yield (
            Server("ours", ours_process, f"http://127.0.0.1:{args.port}/graphql",
                   {"Authorization": f"Bearer {token}"}, urlsplit(args.database).username),
            Server("theirs", theirs_process, theirs_url, {}, READER_ROLE),
        )  # fmt: skip
    finally:
        stop(ours_process)
        stop(theirs_process)


# --- what to ask: the scenario and the operations -------------------------------------------


@dataclass
class Scenario:
    unit_id: int  # a leaf unit with the most pegawai of its own
    unit_pegawai: int
    tahun: int  # the year the seed wrote SKPs for
    nip: str  # measured by PegawaiByNip: a pegawai of that unit with a golongan and a penilai
    check_nips: list[str]  # checked too: a pegawai rated by a pejabat negara, a PPPK
    pegawai: int


async def pick_scenario(database: str) -> Scenario:
    connection = await asyncpg.connect(database)
    try:
        depth = await connection.fetchval("SELECT max(depth) FROM unit_organisasi")
        if depth > PEER_ANCESTOR_LEVELS:
            raise SystemExit(f"peer_benchmark: units down to depth {depth}; "
                             f"peer/PegawaiByNip.graphql spells {PEER_ANCESTOR_LEVELS} levels")
        leaf = await connection.fetchrow(
            "SELECT p.unit_id, count(*) AS n FROM pegawai p WHERE NOT EXISTS (SELECT 1 FROM "
            "unit_organisasi c WHERE c.parent_id = p.unit_id) GROUP BY p.unit_id "
            "ORDER BY n DESC, p.unit_id LIMIT 1"
        )
        tahun = await connection.fetchval(
            "SELECT tahun FROM skp GROUP BY tahun ORDER BY count(*) DESC, tahun DESC LIMIT 1"
        )
        nip = await connection.fetchval(
            "SELECT nip FROM pegawai WHERE unit_id = $1 ORDER BY golongan IS NULL, "
            "pejabat_penilai_id IS NULL, nip LIMIT 1", leaf["unit_id"],
        )  # fmt: skip
        extra = [await connection.fetchval(f"SELECT nip FROM pegawai WHERE {where} ORDER BY nip "
                                           "LIMIT 1")
                 for where in ("pejabat_penilai_negara_id IS NOT NULL",
                               "golongan_pppk IS NOT NULL")]  # fmt: skip
        pegawai = await connection.fetchval("SELECT count(*) FROM pegawai")
    finally:
        await connection.close()
    return Scenario(leaf["unit_id"], leaf["n"], tahun, nip, [n for n in extra if n], pegawai)


@dataclass
class Operation:
    name: str
    # (our variables, PostGraphile's) to check; the first pair is also the one measured.
    variables: Callable[[Scenario], list[tuple[dict, dict]]]
    # Aliases of first-1 connections that stand for one object (or null).
    singles: frozenset[str] = frozenset()
    # PostGraphile's answer -> ours, for what our API computes rather than reads.
    derive: Callable[[dict], dict] = lambda data: data

    @cached_property
    def ours(self) -> str:
        return (OPERATIONS / f"{self.name}.graphql").read_text()

    @cached_property
    def theirs(self) -> str:
        return (PEER / f"{self.name}.graphql").read_text()


def unit_gid(scenario: Scenario) -> str:
    return to_base64("UnitOrganisasi", scenario.unit_id)


def derive_pegawai_by_nip(data: dict) -> dict:
    """What our API computes from columns, computed with the project's functions from the
    columns PostGraphile returns."""
    pegawai = data["pegawai"]
    if pegawai is None:
        return data
    golongan = pegawai.pop("golongan")
    pegawai["pangkat"] = (f"{PANGKAT[Golongan(golongan)]} ({golongan_label(Golongan(golongan))})"
                          if golongan else None)  # fmt: skip
    for person in (pegawai, pegawai["pejabatPenilai"], pegawai["pejabatPenilaiNonAsn"]):
        if person is not None:
            person["namaLengkap"] = format_nama_lengkap(
                person.pop("nama"), person.pop("gelarDepan"), person.pop("gelarBelakang"))
    ancestors, parent = [], pegawai["unit"].pop("parent")
    while parent is not None:
        ancestors.insert(0, {"nama": parent["nama"]})
        parent = parent.get("parent")
    pegawai["unit"]["ancestors"] = ancestors
    return data


OPERATIONS_COMPARED = [
    Operation(
        "UnitKinerja",
        lambda s: [({"unitId": unit_gid(s), "tahun": s.tahun},
                    {"unitId": s.unit_id, "tahun": s.tahun})],
        singles=frozenset({"skp", "evaluasiTerakhir"}),
    ),
    Operation(
        "UnitPegawai",
        lambda s: [({"unitId": unit_gid(s), "tahun": s.tahun},
                    {"unitId": s.unit_id, "tahun": s.tahun})],
        singles=frozenset({"skp"}),
    ),
    Operation(
        "PegawaiByNip",
        lambda s: [({"nip": nip}, {"nip": nip}) for nip in [s.nip, *s.check_nips]],
        derive=derive_pegawai_by_nip,
    ),
    Operation(
        "PegawaiReport",
        lambda s: [({"unitId": unit_gid(s)}, {"condition": {"unitId": s.unit_id}})],
    ),
]  # fmt: skip


# --- the identity check ---------------------------------------------------------------------
# Normalisation, the same for every operation:
# - our global IDs (base64 "Pegawai:123") are compared as the row id PostGraphile gives;
# - cursors are opaque and differ by design: compared as present or null;
# - golongan: PostGraphile gives the stored SIASN id ("31"), we the enum name (III_A);
# - PostGraphile's connections become lists (`nodes`), numbers (`totalCount` alone), or one
#   object or null (first-1 connections standing for skp and evaluasiTerakhir);
# - PegawaiByNip: namaLengkap, pangkat and ancestors derived (derive_pegawai_by_nip).
# Decimals (targetNilai, nilai) are compared as the text both send ("12.50"): no change.


def unwrap(value, singles: frozenset[str]):
    if isinstance(value, list):
        return [unwrap(item, singles) for item in value]
    if not isinstance(value, dict):
        return value
    if value.keys() == {"nodes"}:
        return unwrap(value["nodes"], singles)
    if value.keys() == {"totalCount"}:
        return value["totalCount"]
    shaped = {}
    for key, item in value.items():
        item = unwrap(item, singles)
        shaped[key] = (item[0] if item else None) if key in singles else item
    return shaped


def respell(value, rules: dict[str, Callable]):
    """Applies rules[key] to every string under that key, anywhere in `value`."""
    if isinstance(value, list):
        return [respell(item, rules) for item in value]
    if not isinstance(value, dict):
        return value
    return {key: rules[key](item) if key in rules and isinstance(item, str)
            else respell(item, rules) for key, item in value.items()}  # fmt: skip


def opaque(cursor: str) -> str:
    return "<cursor>"


def row_id(global_id: str) -> int:
    return int(base64.b64decode(global_id).decode().rsplit(":", 1)[1])


def golongan_name(value: str) -> str:
    return Golongan(value).name


def normal_ours(data: dict) -> dict:
    return respell(data, {"endCursor": opaque, "id": row_id})


def normal_theirs(operation: Operation, data: dict) -> dict:
    shaped = operation.derive(unwrap(data, operation.singles))
    return respell(shaped, {"endCursor": opaque, "golongan": golongan_name})


def leaves(value, path: str = "") -> list[tuple[str, object]]:
    """(path, value) of every leaf, object keys sorted (their order means nothing), list
    order kept (it is the answer's row order); an empty list or object is a leaf too."""
    if isinstance(value, dict):
        if not value:
            return [(path, "{}")]
        return [leaf for key in sorted(value)
                for leaf in leaves(value[key], f"{path}.{key}" if path else key)]  # fmt: skip
    if isinstance(value, list):
        if not value:
            return [(path, "[]")]
        return [leaf for n, item in enumerate(value) for leaf in leaves(item, f"{path}[{n}]")]
    return [(path, value)]


def differences(ours: list, theirs: list, limit: int = 8) -> list[str]:
    found = []
    for n in range(max(len(ours), len(theirs))):
        mine = ours[n] if n < len(ours) else None
        peer = theirs[n] if n < len(theirs) else None
        if mine != peer:
            found.append(f"  leaf {n}: ours {mine!r}\n  {' ' * len(str(n))}      "
                         f"PostGraphile {peer!r}")
            if len(found) == limit:
                break
    if len(ours) != len(theirs):
        found.append(f"  ours has {len(ours)} leaves, PostGraphile {len(theirs)}")
    return found


async def ask(client: httpx.AsyncClient, server: Server, query: str, variables: dict) -> dict:
    response = await client.post(server.url, headers=server.headers,
                                 json={"query": query, "variables": variables})  # fmt: skip
    is_json = response.headers.get("content-type", "").startswith("application/json")
    body = response.json() if is_json else {"errors": [response.text[:500]]}
    if response.status_code != 200 or body.get("errors"):
        raise Mismatch(f"{server.name} answered {response.status_code} with errors: "
                       f"{json.dumps(body.get('errors'))[:1000]}")
    return body["data"]


def compare(operation: Operation, ours: dict, theirs: dict, what: str) -> int:
    mine, peer = leaves(normal_ours(ours)), leaves(normal_theirs(operation, theirs))
    found = differences(mine, peer)
    if found:
        raise Mismatch(f"{operation.name} ({what}) differs:\n" + "\n".join(found))
    return len(mine)


async def check_identity(clients: dict, servers, operations, scenario: Scenario) -> dict:
    """Leaf values compared per operation; raises Mismatch on the first difference."""
    ours, theirs = servers
    compared = {}
    for operation in operations:
        compared[operation.name] = 0
        for our_variables, their_variables in operation.variables(scenario):
            mine = await ask(clients["ours"], ours, operation.ours, our_variables)
            peer = await ask(clients["theirs"], theirs, operation.theirs, their_variables)
            compared[operation.name] += compare(operation, mine, peer, json.dumps(our_variables))
    return compared


# --- measuring ------------------------------------------------------------------------------


def cpu_seconds(pid: int) -> float:
    """utime + stime of one process from /proc/<pid>/stat (0 once it is gone)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return 0.0
    fields = stat.rsplit(")", 1)[1].split()  # after the command name, which may hold spaces
    return (int(fields[11]) + int(fields[12])) / TICKS  # fields 14 and 15 of the line


def family_pids(process: subprocess.Popen) -> list[int]:
    """The server and its children: uvicorn's workers; the node process has none."""
    try:
        parent = psutil.Process(process.pid)
        return [process.pid, *(child.pid for child in parent.children(recursive=True))]
    except psutil.NoSuchProcess:
        return []


async def backend_pids(monitor: asyncpg.Connection, user: str) -> list[int]:
    """PostgreSQL backends of one server's pool: ours connects as the database URL's user,
    PostGraphile as the reader role; the monitor's own backend is left out."""
    return await monitor.fetchval(
        "SELECT coalesce(array_agg(pid), '{}') FROM pg_stat_activity WHERE usename = $1 "
        "AND datname = current_database() AND pid <> pg_backend_pid()", user,
    )  # fmt: skip


async def cpu_snapshot(monitor: asyncpg.Connection, server: Server) -> tuple[dict, dict]:
    servers = {pid: cpu_seconds(pid) for pid in family_pids(server.process)}
    backends = {pid: cpu_seconds(pid) for pid in await backend_pids(monitor, server.db_user)}
    return servers, backends


def cpu_spent(before: dict, after: dict) -> float:
    # A process started during the batch (a new pool connection) counts from zero.
    return sum(seconds - before.get(pid, 0.0) for pid, seconds in after.items())


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    elapsed: float = 0.0
    server_cpu: float = 0.0
    db_cpu: float = 0.0
    errors: int = 0
    first_error: str | None = None

    def summary(self) -> dict:
        cuts = statistics.quantiles(self.latencies, n=100, method="inclusive")
        count = len(self.latencies)
        return {
            "requests": count, "errors": self.errors, "first_error": self.first_error,
            "p50_ms": cuts[49] * 1000, "p95_ms": cuts[94] * 1000, "p99_ms": cuts[98] * 1000,
            "rps": count / self.elapsed, "server_cpu_ms": self.server_cpu / count * 1000,
            "db_cpu_ms": self.db_cpu / count * 1000,
        }  # fmt: skip


async def batch(client, server: Server, body: dict, count: int, concurrency: int,
                tally: Tally, monitor: asyncpg.Connection) -> None:  # fmt: skip
    remaining = iter(range(count))

    async def worker() -> None:
        for _ in remaining:
            started = time.perf_counter()
            response = await client.post(server.url, json=body, headers=server.headers)
            tally.latencies.append(time.perf_counter() - started)
            if response.status_code != 200 or "errors" in response.json():
                tally.errors += 1
                tally.first_error = tally.first_error or response.text[:500]

    before = await cpu_snapshot(monitor, server)
    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    tally.elapsed += time.perf_counter() - started
    after = await cpu_snapshot(monitor, server)
    tally.server_cpu += cpu_spent(before[0], after[0])
    tally.db_cpu += cpu_spent(before[1], after[1])


async def measure(operation: Operation, scenario: Scenario, servers, requests: int,
                  concurrency: int, monitor: asyncpg.Connection) -> dict:  # fmt: skip
    """`requests` per server, in alternating batches (ours, theirs, ours, ...) so that
    both see the same machine over the same minutes; each server alone during its batch."""
    our_variables, their_variables = operation.variables(scenario)[0]
    bodies = {"ours": {"query": operation.ours, "variables": our_variables},
              "theirs": {"query": operation.theirs, "variables": their_variables}}
    tallies = {server.name: Tally() for server in servers}
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    chunk = 10 * concurrency
    async with httpx.AsyncClient(limits=limits, timeout=60) as ours_client, \
            httpx.AsyncClient(limits=limits, timeout=60) as theirs_client:  # fmt: skip
        clients = {"ours": ours_client, "theirs": theirs_client}
        for server in servers:  # warm-up: connections, pools, caches
            await batch(clients[server.name], server, bodies[server.name], 2 * concurrency,
                        concurrency, Tally(), monitor)  # fmt: skip
        done = 0
        while done < requests:
            count = min(chunk, requests - done)
            for server in servers:
                await batch(clients[server.name], server, bodies[server.name], count,
                            concurrency, tallies[server.name], monitor)  # fmt: skip
            done += count
    return {name: tally.summary() for name, tally in tallies.items()}


# --- the floor: our API's own SQL of one request, replayed ---------------------------------


# What asyncpg's pool runs on a connection each time it is released (Connection.reset):
# a round trip of our API's, but the pool's, not the operation's SQL; counted apart.
POOL_RESET = "SELECT pg_advisory_unlock_all();"


async def capture_statements(settings, token: str, operations, scenario) -> dict[str, dict]:
    """The statements our API runs for one request of each operation, with their arguments:
    the app in this process (httpx's ASGI transport) on a Tortoise pool whose asyncpg
    connections carry a query logger (asyncpg's pool `init` hook, passed through Tortoise's
    credentials). The request is sent twice first so one-time work is not captured."""
    from ekinerja_graphql.app import create_app

    logged: list = []

    async def add_logger(connection) -> None:
        connection.add_query_logger(logged.append)

    config = settings_config(settings)
    config["connections"]["default"]["credentials"]["init"] = add_logger
    await Tortoise.init(config=config, _enable_global_fallback=True)
    captured = {}
    try:
        transport = httpx.ASGITransport(app=create_app(settings, manage_database=False))
        async with httpx.AsyncClient(transport=transport, base_url="http://in-process") as client:
            server = Server("ours", None, "/graphql", {"Authorization": f"Bearer {token}"}, "")
            for operation in operations:
                variables = operation.variables(scenario)[0][0]
                for _ in range(2):
                    await ask(client, server, operation.ours, variables)
                logged.clear()
                await ask(client, server, operation.ours, variables)
                queries = [(r.query, r.args) for r in logged if r.exception is None]
                captured[operation.name] = {
                    "statements": [q for q in queries if not q[0].startswith(POOL_RESET)],
                    "pool_resets": sum(q[0].startswith(POOL_RESET) for q in queries),
                }
    finally:
        await Tortoise.close_connections()
    return captured


def read_only(statements: list) -> list:
    """Replayed N times, so only reads; a write would be reported, not repeated."""
    writes = [query for query, _ in statements
              if not query.lstrip().upper().startswith(("SELECT", "WITH", "("))]  # fmt: skip
    if writes:
        raise Mismatch("our API wrote during a read operation: " + writes[0][:200])
    return statements


async def replay(database: str, statements: list, repeat: int) -> float:
    """p50 ms of the statements run one after another on one connection (prepared
    statements cached after the warm-up, as on the API's pooled connections)."""
    connection = await asyncpg.connect(database)
    try:
        times = []
        for n in range(repeat + 3):
            started = time.perf_counter()
            for query, arguments in statements:
                await connection.fetch(query, *arguments)
            if n >= 3:
                times.append(time.perf_counter() - started)
    finally:
        await connection.close()
    return statistics.median(times) * 1000


def logged_sql(log: Path, clear: bool = False) -> list[tuple[str, list]]:
    """What peer/log-sql.js wrote (one JSON object a line), then emptied if `clear`."""
    entries = [json.loads(line) for line in log.read_text().splitlines()]
    if clear:
        log.write_text("")
    return [(entry["text"], entry["values"]) for entry in entries]


async def capture_peer_statements(reader_url: str, operations, scenario) -> dict[str, dict]:
    """PostGraphile's SQL of one request of each operation: a second PostGraphile, started
    only for this, with peer/log-sql.js preloaded (it logs what node-postgres sends)."""
    descriptor, name = tempfile.mkstemp(prefix="ekinerja-peer-sql-", suffix=".jsonl")
    os.close(descriptor)
    log = Path(name)
    preload = f"{os.environ.get('NODE_OPTIONS', '')} --require {PEER / 'log-sql.js'}".strip()
    port = free_port()
    process = start_postgraphile(reader_url, port, NODE_OPTIONS=preload, PEER_SQL_LOG=str(log))
    server = Server("theirs", process, f"http://127.0.0.1:{port}/graphql", {}, READER_ROLE)
    captured = {}
    try:
        await wait_answering(server.url, process)
        async with httpx.AsyncClient(timeout=60) as client:
            for operation in operations:
                variables = operation.variables(scenario)[0][1]
                for _ in range(2):
                    await ask(client, server, operation.theirs, variables)
                logged_sql(log, clear=True)
                await ask(client, server, operation.theirs, variables)
                captured[operation.name] = {"statements": logged_sql(log, clear=True),
                                            "pool_resets": 0}  # fmt: skip
    finally:
        stop(process)
        os.unlink(name)
    return captured


def typed(value, parameter_type) -> object:
    """node-postgres sends every value as text; asyncpg wants the parameter's Python type."""
    if value is None:
        return None
    name = parameter_type.name
    if name in ("int2", "int4", "int8"):
        return int(value)
    if name == "numeric":
        return Decimal(str(value))
    if name in ("json", "jsonb") and not isinstance(value, str):
        return json.dumps(value)
    if name == "bool":
        return value in (True, "true", "t")
    return str(value) if name in ("text", "varchar", "bpchar") else value


async def with_types(database: str, statements: list) -> list:
    connection = await asyncpg.connect(database)
    try:
        typed_statements = []
        for query, values in statements:
            parameters = (await connection.prepare(query)).get_parameters()
            typed_statements.append((query, tuple(map(typed, values, parameters))))
        return typed_statements
    finally:
        await connection.close()


async def floor(database: str, captured: dict, repeat: int, text_values: bool = False) -> dict:
    floors = {}
    for name, sql in captured.items():
        statements = read_only(sql["statements"])
        if text_values:
            statements = await with_types(database, statements)
        floors[name] = {"statements": len(statements), "pool_resets": sql["pool_resets"],
                        "floor_p50_ms": await replay(database, statements, repeat)}
    return floors


def overheads(floors: dict, operations: dict) -> dict:
    """Per operation and server: the floor beside the server's p50 at concurrency 1."""
    return {name: {server: {**figures[server],
                            "p50_ms": operations[name][1][server]["p50_ms"],
                            "overhead_ms": operations[name][1][server]["p50_ms"]
                            - figures[server]["floor_p50_ms"]}
                   for server in ("ours", "theirs")}
            for name, figures in floors.items()}  # fmt: skip


# --- paging through everyone ----------------------------------------------------------------


async def page_both(servers, report: Operation, limit: int | None) -> dict:
    """Every pegawai by NIP, 100 a page, pages alternating between the servers, each page
    compared; each server's time is the sum of its own page latencies."""
    times: dict[str, list[float]] = {server.name: [] for server in servers}
    after = {server.name: None for server in servers}
    rows = compared = 0
    async with httpx.AsyncClient(timeout=60) as ours_client, \
            httpx.AsyncClient(timeout=60) as theirs_client:  # fmt: skip
        clients = {"ours": ours_client, "theirs": theirs_client}
        while True:
            answers = {}
            for server in servers:
                variables = ({"unitId": None, "after": after["ours"]} if server.name == "ours"
                             else {"condition": None, "after": after["theirs"]})  # fmt: skip
                document = report.ours if server.name == "ours" else report.theirs
                started = time.perf_counter()
                answers[server.name] = await ask(clients[server.name], server, document,
                                                 variables)  # fmt: skip
                times[server.name].append(time.perf_counter() - started)
            page = len(times["ours"])
            compared += compare(report, answers["ours"], answers["theirs"], f"page {page}")
            info = {name: answer["pegawaiList"]["pageInfo"] for name, answer in answers.items()}
            rows += len(answers["ours"]["pegawaiList"]["nodes"])
            if not info["ours"]["hasNextPage"] or (limit and page >= limit):
                break
            after = {name: page_info["endCursor"] for name, page_info in info.items()}
    return {"pages": len(times["ours"]), "rows": rows, "leaves_compared": compared,
            **{name: {"total_s": sum(spent), "median_page_ms": statistics.median(spent) * 1000}
               for name, spent in times.items()}}  # fmt: skip


# --- output ---------------------------------------------------------------------------------


LABELS = {"ours": "ours", "theirs": "PostGraphile"}


def print_results(results: dict) -> None:
    print_latency(results["operations"])
    print_floor(results["floor"])
    if results.get("paging"):
        print_paging(results["paging"])


def print_latency(operations: dict) -> None:
    print("\n| operation | conc | server | p50 ms | p95 ms | p99 ms | req/s | server CPU ms/req "
          "| PG CPU ms/req | errors |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name, by_concurrency in operations.items():
        for concurrency, figures in by_concurrency.items():
            for server, label in LABELS.items():
                f = figures[server]
                print(f"| {name} | {concurrency} | {label} | {f['p50_ms']:.1f} | "
                      f"{f['p95_ms']:.1f} | {f['p99_ms']:.1f} | {f['rps']:.1f} | "
                      f"{f['server_cpu_ms']:.2f} | {f['db_cpu_ms']:.2f} | {f['errors']} |")
    print("\n| operation | conc | req/s ours÷PostGraphile | p50 ours÷PostGraphile |")
    print("|---|---|---|---|")
    for name, by_concurrency in operations.items():
        for concurrency, figures in by_concurrency.items():
            print(f"| {name} | {concurrency} | {figures['ratio_rps']:.2f} "
                  f"| {figures['ratio_p50']:.2f} |")


def print_floor(floors: dict) -> None:
    print("\n| operation | server | SQL statements (+ pool resets) | SQL floor p50 ms "
          "| p50 ms (conc 1) | overhead ms |")
    print("|---|---|---|---|---|---|")
    for name, by_server in floors.items():
        for server, f in by_server.items():
            print(f"| {name} | {LABELS[server]} | {f['statements']} (+{f['pool_resets']}) | "
                  f"{f['floor_p50_ms']:.1f} | {f['p50_ms']:.1f} | {f['overhead_ms']:.1f} |")


def print_paging(paging: dict) -> None:
    print(f"\npaging by NIP: {paging['rows']:,} pegawai in {paging['pages']:,} pages "
          f"(each page compared, {paging['leaves_compared']:,} leaves)")
    for server, label in LABELS.items():
        print(f"  {label:12s} {paging[server]['total_s']:.1f} s, median page "
              f"{paging[server]['median_page_ms']:.1f} ms")
    print(f"  total time ours÷PostGraphile {paging['ratio_total']:.2f}")


def ratios(figures: dict) -> dict:
    ours, theirs = figures["ours"], figures["theirs"]
    return {**figures, "ratio_rps": ours["rps"] / theirs["rps"],
            "ratio_p50": ours["p50_ms"] / theirs["p50_ms"]}  # fmt: skip


def git_state() -> dict:
    def git(*arguments: str) -> str:
        result = subprocess.run(["git", *arguments], cwd=ROOT, capture_output=True, text=True)
        return result.stdout.rstrip()  # rstrip: status lines start with a space

    return {"commit": git("rev-parse", "--short", "HEAD"),
            "status_ekinerja_graphql": git("status", "--short", "ekinerja_graphql")}  # fmt: skip


# --- the run --------------------------------------------------------------------------------


async def prepare(args, operations) -> tuple[Scenario, str, dict]:
    """Before any server runs: the scenario, the ADMIN_PUSAT token, our SQL of each operation."""
    scenario = await pick_scenario(args.database)
    settings = bench_settings(args.database)
    await Tortoise.init(config=settings_config(settings), _enable_global_fallback=True)
    try:
        token = await admin_token(settings)
    finally:
        await Tortoise.close_connections()
    captured = await capture_statements(settings, token, operations, scenario)
    return scenario, token, captured


async def run(args) -> dict:
    operations = OPERATIONS_COMPARED
    reader_url = await ensure_reader_role(args.database)
    scenario, token, captured = await prepare(args, operations)
    print(f"{scenario.pegawai:,} pegawai; leaf unit {scenario.unit_id} with "
          f"{scenario.unit_pegawai} pegawai; tahun {scenario.tahun}; NIP {scenario.nip}; "
          f"{args.workers} uvicorn worker(s){''.join(f'; {e}' for e in args.api_env)}; "
          f"{args.requests} requests per server, operation and concurrency", flush=True)
    peer_sql = await capture_peer_statements(reader_url, operations, scenario)
    floors = {"ours": await floor(args.database, captured, args.floor_repeat),
              "theirs": await floor(args.database, peer_sql, args.floor_repeat, True)}
    results = {"date": date.today().isoformat(), **git_state(), "database": args.database,
               "api_env": args.api_env, "cpus": os.cpu_count(), "workers": args.workers,
               "requests": args.requests,
               "scenario": asdict(scenario), "operations": {}}  # fmt: skip
    monitor = await asyncpg.connect(args.database)
    try:
        async with both_servers(args, reader_url, token) as servers:
            async with httpx.AsyncClient(timeout=60) as ours_client, \
                    httpx.AsyncClient(timeout=60) as theirs_client:  # fmt: skip
                clients = {"ours": ours_client, "theirs": theirs_client}
                results["leaves_compared"] = await check_identity(clients, servers, operations,
                                                                  scenario)  # fmt: skip
            print("identical answers; leaf values compared:", results["leaves_compared"],
                  flush=True)
            for operation in operations:
                results["operations"][operation.name] = {
                    concurrency: ratios(await measure(operation, scenario, servers,
                                                      args.requests, concurrency, monitor))
                    for concurrency in CONCURRENCIES
                }  # fmt: skip
                print(f"  measured {operation.name}", flush=True)
            if not args.skip_paging:
                report = next(op for op in operations if op.name == "PegawaiReport")
                paging = await page_both(servers, report, args.paging_limit)
                paging["ratio_total"] = paging["ours"]["total_s"] / paging["theirs"]["total_s"]
                results["paging"] = paging
    finally:
        await monitor.close()
    by_operation = {name: {server: floors[server][name] for server in floors}
                    for name in floors["ours"]}  # fmt: skip
    results["floor"] = overheads(by_operation, results["operations"])
    return results


def errors_of(results: dict) -> list[str]:
    return [f"{name} at concurrency {concurrency}: {server} had {f['errors']} errors, first: "
            f"{f['first_error']}"
            for name, by_concurrency in results["operations"].items()
            for concurrency, figures in by_concurrency.items()
            for server in ("ours", "theirs")
            for f in [figures[server]] if f["errors"]]  # fmt: skip


# --- smoke (CI) -----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def with_database(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


async def recreate(database: str) -> None:
    name = urlsplit(database).path.lstrip("/")
    connection = await asyncpg.connect(with_database(database, "postgres"))
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await connection.execute(f'CREATE DATABASE "{name}"')
    finally:
        await connection.close()


async def drop(database: str) -> None:
    name = urlsplit(database).path.lstrip("/")
    connection = await asyncpg.connect(with_database(database, "postgres"))
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await connection.close()


def ekinerja(database: str, *arguments: str) -> None:
    """The project's own CLI, as an operator would run it."""
    env = {**os.environ, "DATABASE_URL": database}
    env.pop("EKINERJA_DATABASE_URL", None)
    result = subprocess.run([sys.executable, "-m", "ekinerja_graphql", *arguments], cwd=ROOT,
                            env=env, capture_output=True, text=True)  # fmt: skip
    if result.returncode != 0:
        raise SystemExit(f"peer_benchmark: ekinerja {' '.join(arguments)} failed:\n"
                         f"{result.stdout[-2000:]}\n{result.stderr[-2000:]}")


async def smoke_database(args) -> None:
    await recreate(args.database)
    ekinerja(args.database, "migrate")
    ekinerja(args.database, "seed", "--pegawai", str(SMOKE_PEGAWAI))


# --- main -----------------------------------------------------------------------------------


async def main(args) -> int:
    started = time.perf_counter()
    ensure_postgraphile()  # first: no database work when it cannot be had
    if args.smoke:
        args.database = with_database(args.database, SMOKE_DATABASE)
        await smoke_database(args)
    try:
        results = await run(args)
    except Mismatch as mismatch:
        print(f"\npeer_benchmark: MISMATCH, nothing measured further\n{mismatch}",
              file=sys.stderr)
        return 1
    finally:
        if args.smoke:
            await drop(args.database)
    print_results(results)
    if args.json:
        with open(args.json, "w") as output:  # noqa: ASYNC230 - once, after all timing
            json.dump(results, output, indent=2)
        print(f"\nwritten {args.json}")
    failures = errors_of(results)
    for failure in failures:
        print(f"peer_benchmark: {failure}", file=sys.stderr)
    print(f"\npeer_benchmark took {time.perf_counter() - started:.0f} s")
    return 1 if failures else 0


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default=DEFAULT_DATABASE)
    parser.add_argument("--requests", type=int, default=200,
                        help="per server, operation and concurrency (default 200)")
    parser.add_argument("--workers", type=int, default=1, help="uvicorn workers (default 1)")
    parser.add_argument("--port", type=int, default=8771, help="our API")
    parser.add_argument("--peer-port", type=int, default=5071, help="PostGraphile")
    parser.add_argument("--floor-repeat", type=int, default=100)
    parser.add_argument("--skip-paging", action="store_true")
    parser.add_argument("--paging-limit", type=int, default=None, help="pages, for quick runs")
    parser.add_argument("--json", help="write every figure to this file")
    parser.add_argument("--api-env", action="append", default=[], metavar="NAME=VALUE",
                        help="a setting for our API (its process and the in-process capture), "
                        "e.g. EKINERJA_COMPILED_READS=false; repeatable")
    parser.add_argument("--smoke", action="store_true",
                        help=f"CI: a fresh {SMOKE_DATABASE} database of {SMOKE_PEGAWAI} "
                        "pegawai on --database's server, a few requests, free ports")
    args = parser.parse_args()
    for setting in args.api_env:
        name, _, value = setting.partition("=")
        # Our API reads its settings from the environment: the server process inherits it
        # (server.start_server) and bench_settings() reads it for the in-process capture.
        os.environ[name] = value
    if args.smoke:
        args.requests, args.floor_repeat, args.paging_limit = 10, 10, None
        args.port, args.peer_port = free_port(), free_port()
    return args


if __name__ == "__main__":
    sys.exit(asyncio.run(main(arguments())))
