"""Build a strawberry type from a row: only the attributes the type declares."""

import dataclasses
from functools import cache
from typing import TypeVar

T = TypeVar("T")


@cache
def _init_fields(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls) if f.init)


def from_row(cls: type[T], row: dict) -> T:
    return cls(**{name: row[name] for name in _init_fields(cls)})


def from_optional_row(cls: type[T], row: dict | None) -> T | None:
    return None if row is None else from_row(cls, row)
