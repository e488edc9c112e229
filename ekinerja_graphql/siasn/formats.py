"""SIASN's wire formats (spec §3): `dd-mm-yyyy` dates, codes as strings or ints, and the
`{"code":1,"data":…}` envelope with its not-found forms."""

from datetime import date, datetime
from typing import Annotated, Any

from pydantic import BeforeValidator, PlainSerializer

NOT_FOUND_TEXT = "Data tidak ditemukan"


def parse_tanggal(value: Any) -> date | None:
    """`dd-mm-yyyy` (also accepts a date, an ISO date and empty values as None)."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    text = str(value).strip()
    for pattern in ("%d-%m-%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(f"a date dd-mm-yyyy, not {text[:40]!r}")


def format_tanggal(value: date) -> str:
    return value.strftime("%d-%m-%Y")


def parse_kode(value: Any) -> str | None:
    """A reference code sent as a string or an int ("34" or 34); empty is None."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError("a code, not a boolean")
    if isinstance(value, int | str):
        return str(value).strip()
    raise ValueError(f"a code as a string or an integer, not {type(value).__name__}")


Tanggal = Annotated[date | None, BeforeValidator(parse_tanggal),
                    PlainSerializer(lambda d: format_tanggal(d) if d else None)]  # fmt: skip
Kode = Annotated[str | None, BeforeValidator(parse_kode)]


def is_not_found(body: Any) -> bool:
    """`{"code":0,…}` or a `data` that says "Data tidak ditemukan" (some endpoints send it
    with HTTP 200)."""
    if not isinstance(body, dict):
        return False
    data = body.get("data")
    return body.get("code") in (0, "0") or (isinstance(data, str) and NOT_FOUND_TEXT in data)
