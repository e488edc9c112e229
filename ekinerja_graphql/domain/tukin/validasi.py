"""Reading a configuration file (a rule set, a working calendar) with every problem named
by its place in the file, all at once."""

import math
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date, time
from decimal import Decimal, InvalidOperation


@dataclass(frozen=True, slots=True)
class Masalah:
    path: str  # "terlambat[2].persen"
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class BerkasTidakValid(ValueError):
    def __init__(self, what: str, problems: list[Masalah]) -> None:
        self.problems = problems
        super().__init__(f"{what} is not valid: " + "; ".join(map(str, problems)))


def load_toml(text: str, what: str) -> dict:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise BerkasTidakValid(what, [Masalah("", f"not TOML: {error}")]) from None


@dataclass
class Reader:
    """Takes values out of a parsed table, recording what is missing or wrong."""

    problems: list[Masalah] = field(default_factory=list)

    def problem(self, path: str, message: str) -> None:
        self.problems.append(Masalah(path, message))

    def table(self, data: dict, key: str, path: str) -> dict:
        value = data.get(key)
        if not isinstance(value, dict):
            self.problem(_join(path, key), "a table is required")
            return {}
        return value

    def unknown(self, data: dict, allowed: set[str], path: str) -> None:
        for key in data:
            if key not in allowed:
                allowed_keys = ", ".join(sorted(allowed))
                self.problem(_join(path, key), f"unknown key; allowed: {allowed_keys}")

    def persen(self, data: dict, key: str, path: str, *, maximum: int = 100) -> Decimal:
        """A percentage 0..maximum, given as a number."""
        value = data.get(key)
        where = _join(path, key)
        if isinstance(value, bool) or not isinstance(value, int | float) or (
                isinstance(value, float) and not math.isfinite(value)):
            self.problem(where, f"a number from 0 to {maximum} is required")
            return Decimal(0)
        try:
            number = Decimal(str(value))
        except InvalidOperation:  # pragma: no cover - every int/float converts
            number = Decimal(-1)
        if not Decimal(0) <= number <= maximum:
            self.problem(where, f"must be from 0 to {maximum}, not {value}")
        return number

    def integer(self, data: dict, key: str, path: str, low: int, high: int) -> int:
        value = data.get(key)
        where = _join(path, key)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.problem(where, f"a whole number from {low} to {high} is required")
            return low
        return value

    def text(self, data: dict, key: str, path: str, choices: tuple[str, ...] = ()) -> str:
        value = data.get(key)
        where = _join(path, key)
        if not isinstance(value, str) or not value.strip():
            self.problem(where, "a non-empty string is required")
            return ""
        if choices and value not in choices:
            self.problem(where, f"one of {', '.join(choices)}, not {value!r}")
        return value

    def tanggal(self, data: dict, key: str, path: str) -> date:
        value = data.get(key)
        if not isinstance(value, date) or hasattr(value, "hour"):
            self.problem(_join(path, key), "a date (YYYY-MM-DD, unquoted) is required")
            return date(1970, 1, 1)
        return value

    def jam(self, value: object, where: str) -> time:
        """"07:30" (or a TOML local time without an offset) as a time of day."""
        if isinstance(value, time) and value.tzinfo is None:
            return value
        if isinstance(value, str) and _JAM.match(value):
            return time.fromisoformat(value)
        self.problem(where, f"a time of day as HH:MM is required, not {value!r}")
        return time(0, 0)


_JAM = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key
