"""Small helpers over random.Random: fast weighted choice and deterministic ids."""

import random
from bisect import bisect
from collections.abc import Sequence
from decimal import Decimal
from itertools import accumulate
from typing import Generic, TypeVar

T = TypeVar("T")


class Weighted(Generic[T]):
    """Weighted choice with the cumulative table built once (random.choices rebuilds it)."""

    __slots__ = ("items", "weights", "_cumulative", "_total")

    def __init__(self, pairs: Sequence[tuple[T, float]]) -> None:
        self.items = [item for item, _ in pairs]
        self.weights = [weight for _, weight in pairs]
        self._cumulative = list(accumulate(self.weights))
        self._total = self._cumulative[-1]

    def pick(self, rng: random.Random) -> T:
        return self.items[bisect(self._cumulative, rng.random() * self._total)]


def hex_id(rng: random.Random) -> str:
    """A 32-character uppercase hex id, the shape SIASN uses."""
    return f"{rng.getrandbits(128):032X}"


_DECIMALS = [Decimal(f"{value}.00") for value in range(0, 10_001)]


def decimal_of(value: int) -> Decimal:
    """Decimal with two places, cached: numeric(14,2) columns read back the same."""
    return _DECIMALS[value] if 0 <= value <= 10_000 else Decimal(f"{value}.00")
