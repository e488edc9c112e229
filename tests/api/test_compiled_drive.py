"""drive() answers as asyncio.gather(..., return_exceptions=True) without a task each."""

import asyncio

import pytest

from ekinerja_graphql.api.compiled.drive import drive


async def test_results_and_errors_come_back_in_order():
    async def double(n):
        await asyncio.sleep(0)
        return n * 2

    async def fail():
        raise ValueError("bad")

    results = await drive([double(1), fail(), double(3)])
    assert results[0] == 2 and results[2] == 6
    assert isinstance(results[1], ValueError)


async def test_a_coroutine_waiting_on_a_lock_another_holds_does_not_deadlock():
    lock, order = asyncio.Lock(), []

    async def holder():
        async with lock:
            await asyncio.sleep(0.01)
            order.append("holder")

    async def waiter():
        async with lock:
            order.append("waiter")

    await asyncio.wait_for(drive([waiter(), holder(), waiter()]), timeout=2)
    assert sorted(order) == ["holder", "waiter", "waiter"]


async def test_coroutines_sharing_one_future_both_resume():
    future = asyncio.get_running_loop().create_future()

    async def read():
        return await future

    asyncio.get_running_loop().call_later(0.01, future.set_result, 7)
    assert await asyncio.wait_for(drive([read(), read()]), timeout=2) == [7, 7]


async def test_a_cancelled_request_closes_what_it_was_driving():
    closed = []

    async def forever():
        try:
            await asyncio.Event().wait()
        finally:
            closed.append(True)

    task = asyncio.ensure_future(drive([forever(), forever()]))
    await asyncio.sleep(0.01)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert closed == [True, True]


async def test_futures_given_as_they_are_are_waited_for_beside_coroutines():
    loop = asyncio.get_running_loop()
    done, later, failing = loop.create_future(), loop.create_future(), loop.create_future()
    done.set_result("now")

    async def settle():
        await asyncio.sleep(0)
        later.set_result("later")
        failing.set_exception(KeyError("gone"))
        return "settled"

    results = await asyncio.wait_for(drive([later, done, settle(), failing]), timeout=2)
    assert results[:3] == ["later", "now", "settled"]
    assert isinstance(results[3], KeyError)
