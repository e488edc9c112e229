"""A payroll month, written "YYYY-MM" by users and kept as its first day."""

import calendar
import re
from datetime import date, timedelta

_FORM = re.compile(r"^([0-9]{4})-(0[1-9]|1[0-2])$")  # ASCII digits only
TAHUN_TERAWAL, TAHUN_TERAKHIR = 2000, 2100


def parse_bulan(text: str) -> date:
    """"2026-10" → date(2026, 10, 1); ValueError saying what is allowed otherwise."""
    match = _FORM.match(text.strip()) if isinstance(text, str) else None
    if match is None:
        raise ValueError(f"a month as YYYY-MM (for example 2026-10), not {text!r}")
    year = int(match.group(1))
    if not TAHUN_TERAWAL <= year <= TAHUN_TERAKHIR:
        raise ValueError(f"a year from {TAHUN_TERAWAL} to {TAHUN_TERAKHIR}, not {year}")
    return date(year, int(match.group(2)), 1)


def format_bulan(bulan: date) -> str:
    return f"{bulan.year:04d}-{bulan.month:02d}"


def akhir_bulan(bulan: date) -> date:
    return bulan.replace(day=calendar.monthrange(bulan.year, bulan.month)[1])


def tambah_bulan(bulan: date, months: int) -> date:
    """The first day of the month `months` after `bulan`'s."""
    index = bulan.year * 12 + bulan.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def hari_dalam(mulai: date, selesai: date):
    day = mulai
    while day <= selesai:
        yield day
        day += timedelta(days=1)
