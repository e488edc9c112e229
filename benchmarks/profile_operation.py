"""One client operation executed in process on the seeded `ekinerja_bench`: mean wall time
and CPU per execution, SQL statements per execution, and optionally a cProfile of the runs.

Usage: python benchmarks/profile_operation.py UnitKinerja [--runs 50] [--profile 25]
       [--variables '{"unitId": ...}'] [--no-compiled]

`schema.execute` as the GraphQL view calls it, with the Sekretaris Jenderal (ADMIN_PUSAT)
as the caller: the executor, the resolvers, the loaders and the database, without the
request and the response; `--http` POSTs through the whole ASGI application instead
(httpx's ASGITransport: Starlette, the view, token check and JSON, no socket). The variables default
to what peer_benchmark.py asks (the leaf unit with the most pegawai, the seeded year).
"""

import argparse
import asyncio
import cProfile
import gc
import json
import pstats
import re
import statistics
import sys
import time
from pathlib import Path

import httpx
from tortoise import connections

sys.path.insert(0, str(Path(__file__).resolve().parent))

from peer_benchmark import OPERATIONS_COMPARED, pick_scenario  # noqa: E402
from server import DEFAULT_DATABASE, admin_token, bench_settings  # noqa: E402

from ekinerja_graphql.api.context import build_context  # noqa: E402
from ekinerja_graphql.api.schema import build_schema  # noqa: E402
from ekinerja_graphql.app import create_app, settle_heap  # noqa: E402
from ekinerja_graphql.auth import decode_token  # noqa: E402
from ekinerja_graphql.db import close_db, init_db  # noqa: E402

DOCUMENTS = Path(__file__).resolve().parents[1] / "schema" / "operations"


async def default_variables(name: str, database: str) -> dict:
    """The variables peer_benchmark.py measures the operation with."""
    scenario = await pick_scenario(database)
    operation = next((o for o in OPERATIONS_COMPARED if o.name == name), None)
    return operation.variables(scenario)[0][0] if operation else {}


def asgi_request(app, token: str, body: dict, page_through: bool = False):
    """One POST /graphql straight into the ASGI app; fails on an error in the answer.
    page_through: each request asks for the page after the previous answer's endCursor
    (`after`), from the first page again after the last, as a client paging through."""
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
             "method": "POST", "scheme": "http", "path": "/graphql", "raw_path": b"/graphql",
             "query_string": b"", "root_path": "", "client": ("127.0.0.1", 1),
             "server": ("bench", 80)}
    body = {**body, "variables": dict(body.get("variables") or {})}

    def encode() -> bytes:  # again per request only when paging: the client's work
        payload = json.dumps(body).encode()
        scope["headers"] = [(b"host", b"bench"), (b"content-type", b"application/json"),
                            (b"authorization", f"Bearer {token}".encode()),
                            (b"content-length", str(len(payload)).encode())]
        return payload

    first_payload = encode()

    async def once() -> None:
        payload = encode() if page_through else first_payload
        sent: list[dict] = []

        async def receive() -> dict:
            if not sent:
                sent.append({})
                return {"type": "http.request", "body": payload, "more_body": False}
            await asyncio.Event().wait()  # no disconnect while the answer is written

        answer: list[bytes] = []

        async def send(message: dict) -> None:
            answer.append(message.get("body", b""))

        await app(dict(scope), receive, send)
        if b'"errors"' in b"".join(answer):
            raise SystemExit(f"errors: {b''.join(answer)[:500]!r}")
        if page_through:  # a regular expression: json.loads would count as the server's
            found = _END_CURSOR.search(b"".join(answer))
            body["variables"]["after"] = found[1].decode() if found else None

    return once


# The first page's endCursor when there is a next page (pageInfo { hasNextPage endCursor }).
_END_CURSOR = re.compile(rb'"hasNextPage":true,"endCursor":"([^"]+)"')


class CollectorClock:
    """Seconds the garbage collector ran, from gc.callbacks."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.collections = 0
        self.by_generation = [0.0, 0.0, 0.0]
        self._started = 0.0

    def __call__(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        else:
            took = time.perf_counter() - self._started
            self.seconds += took
            self.by_generation[info["generation"]] += took
            self.collections += 1


class StatementCounter:
    def __init__(self, show: bool) -> None:
        self.count = 0
        self.show = show

    def __call__(self, record) -> None:
        self.count += 1
        if self.show:
            print(f"  {record.query[:300]}")


async def main(args: argparse.Namespace) -> None:
    settings = bench_settings(args.database).model_copy(
        update={"compiled_reads": not args.no_compiled})
    await init_db(settings)
    try:
        token = await admin_token(settings)
        principal = decode_token(token, settings)
        schema = build_schema(settings)
        document = args.document or (DOCUMENTS / f"{args.operation}.graphql").read_text()
        variables = json.loads(args.variables) if args.variables else \
            await default_variables(args.operation, args.database)
        counter = StatementCounter(args.sql)
        pool = getattr(connections.get("default"), "_pool", None)

        async def once() -> None:
            context = await build_context(principal=principal, settings=settings)
            result = await schema.execute(document, variable_values=variables,
                                          context_value=context)
            if result.errors:
                raise SystemExit(f"errors: {result.errors}")

        if args.http:  # the whole application, without a socket
            client = httpx.AsyncClient(
                transport=httpx.ASGITransport(create_app(settings, manage_database=False)),
                base_url="http://bench", headers={"authorization": f"Bearer {token}"})
            body = {"query": document, "variables": variables}

            async def once() -> None:  # noqa: F811 - the HTTP variant
                response = await client.post("/graphql", json=body)
                if response.status_code != 200 or "errors" in response.json():
                    raise SystemExit(f"errors: {response.text[:500]}")

        if args.asgi:  # the server's side only: the ASGI app called directly, no client
            once = asgi_request(create_app(settings, manage_database=False), token,
                                {"query": document, "variables": variables}, args.page_through)

        for _ in range(3):
            await once()
        settle_heap()
        if args.no_gc:
            gc.disable()
        if pool is not None:
            for holder in getattr(pool, "_pool", pool)._holders:  # asyncpg's, behind ParkingPool
                if holder._con is not None:
                    holder._con.add_query_logger(counter)
        collector = CollectorClock()
        gc.callbacks.append(collector)
        walls, cpus = [], []
        for _ in range(args.rounds):
            wall, cpu = time.perf_counter(), time.process_time()
            for _ in range(args.runs // args.concurrency):
                await asyncio.gather(*(once() for _ in range(args.concurrency)))
            walls.append((time.perf_counter() - wall) / args.runs * 1000)
            cpus.append((time.process_time() - cpu) / args.runs * 1000)
        gc.callbacks.remove(collector)
        executions = args.runs * args.rounds
        statements = counter.count / executions if pool is not None else float("nan")
        by_generation = "/".join(f"{t / executions * 1000:.1f}" for t in collector.by_generation)
        print(f"{args.operation} ({'compiled' if settings.compiled_reads else 'graphql-core'},"
              f" {args.rounds} rounds of {args.runs}): CPU ms min {min(cpus):.1f} median"
              f" {statistics.median(cpus):.1f}; wall ms min {min(walls):.1f} median"
              f" {statistics.median(walls):.1f}; {statements:.1f} statements;"
              f" collector {collector.seconds / executions * 1000:.1f} ms in"
              f" {collector.collections / executions:.2f} collections (ms by generation"
              f" {by_generation}) per execution")
        if args.profile:
            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(args.profile):
                await once()
            profiler.disable()
            stats = pstats.Stats(profiler).sort_stats(args.sort)
            stats.print_stats(args.top)
            if args.callers:
                stats.print_callers(args.callers)
    finally:
        await close_db()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("operation", help="a document name in schema/operations/")
    parser.add_argument("--database", default=DEFAULT_DATABASE)
    parser.add_argument("--document", help="this document instead, e.g. '{ __typename }'")
    parser.add_argument("--variables", help="JSON; defaults as in peer_benchmark.py")
    parser.add_argument("--runs", type=int, default=20, help="executions per round")
    parser.add_argument("--rounds", type=int, default=5, help="the minimum is the least disturbed")
    parser.add_argument("--profile", type=int, default=0, help="runs under cProfile")
    parser.add_argument("--sort", default="tottime")
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--callers", help="a function name pattern: who calls it")
    parser.add_argument("--no-compiled", action="store_true")
    parser.add_argument("--concurrency", type=int, default=1,
                        help="executions at once (runs is a multiple of it)")
    parser.add_argument("--http", action="store_true",
                        help="POST through the ASGI application (httpx, no socket)")
    parser.add_argument("--asgi", action="store_true",
                        help="call the ASGI application directly: no client's work counted")
    parser.add_argument("--page-through", action="store_true",
                        help="with --asgi: each request asks for the next page (`after`)")
    parser.add_argument("--sql", action="store_true", help="print each statement (shortened)")
    parser.add_argument("--no-gc", action="store_true", help="the collector off after start-up")
    asyncio.run(main(parser.parse_args()))
