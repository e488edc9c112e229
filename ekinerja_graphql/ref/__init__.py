"""The reference tables (README.md here names each source), read as lists of string rows."""

import csv
from functools import cache
from pathlib import Path

DIRECTORY = Path(__file__).parent


@cache
def table(name: str) -> tuple[dict[str, str], ...]:
    """Rows of `<name>.csv`, every value a string (ids keep their leading zeros)."""
    with (DIRECTORY / f"{name}.csv").open(newline="", encoding="utf-8") as file:
        return tuple(csv.DictReader(file))
