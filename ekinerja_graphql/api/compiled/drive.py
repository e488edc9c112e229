"""Runs a depth's resolvers side by side inside the calling task.

asyncio.gather would wrap each coroutine in a Task: a thousand resolvers of one depth
cost a thousand tasks and several loop callbacks each. Here each coroutine is stepped
by hand until it waits on a future (a DataLoader's, a connection's or a lock's) and
resumed once that future is done, as a Task would; a future given as it is (a
DataLoader's value for a key) is just waited for. The results are gather's with
return_exceptions=True.
"""

import asyncio
from collections.abc import Awaitable, Coroutine
from inspect import iscoroutine
from typing import Any


async def drive(awaitables: list[Awaitable]) -> list[Any]:
    results: list[Any] = [None] * len(awaitables)
    waiting: list[tuple[int, Coroutine, Any]] = []
    for index, awaitable in enumerate(awaitables):
        if asyncio.isfuture(awaitable):
            _settle(index, awaitable, results, waiting)
        else:
            coroutine = awaitable if iscoroutine(awaitable) else _awaiting(awaitable)
            _step(index, coroutine, results, waiting)
    try:
        while waiting:
            # Whichever future finishes first: one coroutine may wait on a lock another holds.
            futures = {future for _, _, future in waiting if future is not None}
            if any(future is None for _, _, future in waiting):
                await asyncio.sleep(0)  # a bare yield asks for one turn of the loop
            elif not any(future.done() for future in futures):
                await asyncio.wait(futures, return_when=asyncio.FIRST_COMPLETED)
            current, waiting = waiting, []
            for entry in current:
                index, coroutine, future = entry
                if coroutine is None:
                    _settle(index, future, results, waiting)
                elif future is None or future.done():
                    _step(index, coroutine, results, waiting)
                else:
                    waiting.append(entry)
    finally:
        for _, coroutine, _ in waiting:
            if coroutine is not None:
                coroutine.close()  # cancelled with the request: nothing left half-run
    return results


def _settle(index: int, future: asyncio.Future, results: list, waiting: list) -> None:
    if not future.done():
        waiting.append((index, None, future))
        return
    try:
        results[index] = future.result()
    except Exception as error:  # noqa: BLE001 - as gather returns it
        results[index] = error


def _step(index: int, coroutine: Coroutine, results: list, waiting: list) -> None:
    try:
        future = coroutine.send(None)
    except StopIteration as stop:
        results[index] = stop.value
        return
    except Exception as error:  # noqa: BLE001 - the resolver's error, as gather returns it
        results[index] = error
        return
    if future is not None:
        if not asyncio.isfuture(future):
            coroutine.close()
            raise RuntimeError(f"a resolver yielded {future!r}, not a future")
        future._asyncio_future_blocking = False  # as a Task does before waiting on it
    waiting.append((index, coroutine, future))


async def _awaiting(awaitable: Awaitable) -> Any:
    return await awaitable
