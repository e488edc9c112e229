"""A list of NIPs to sync, from SIASN's "Export Data ASN" CSV (a column named NIP, NIP BARU
or nipBaru) or a plain file of one NIP per line. A file with any bad line is refused
whole, naming each line: a sync never runs on half a list."""

import csv
import io
import re

NIP = re.compile(r"^\d{18}$")
NIP_COLUMNS = {"nip", "nipbaru", "nip_baru", "nip baru"}
MAX_SHOWN = 20  # bad lines named in the error


class DaftarNipInvalid(ValueError):
    pass


def baca_daftar_nip(text: str) -> list[str]:
    """The NIPs of the file, in order, each once."""
    lines = text.splitlines()
    header = next((line for line in lines if line.strip()), "")
    if NIP.match(header.strip().strip('"')):
        rows = [(number, line.strip().strip('"')) for number, line in enumerate(lines, 1)]
    else:
        rows = _csv_column(text)
    nips, bad = {}, []
    for number, value in rows:
        if not value:
            continue
        if NIP.match(value):
            nips.setdefault(value, None)
        else:
            bad.append(f"line {number}: {value[:24]!r} is not an 18-digit NIP")
    if bad:
        more = f" (and {len(bad) - MAX_SHOWN} more)" if len(bad) > MAX_SHOWN else ""
        raise DaftarNipInvalid("; ".join(bad[:MAX_SHOWN]) + more)
    if not nips:
        raise DaftarNipInvalid("the file holds no NIP")
    return list(nips)


def _csv_column(text: str) -> list[tuple[int, str]]:
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t|")
    except csv.Error:  # one column: nothing to sniff
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    header = [name.strip().lower() for name in next(reader, [])]
    column = next((i for i, name in enumerate(header) if name in NIP_COLUMNS), None)
    if column is None:
        raise DaftarNipInvalid("line 1: no NIP column (one of NIP, NIP BARU, nipBaru), and "
                               "not a NIP per line")
    # Spreadsheets keep a NIP as text behind a leading apostrophe.
    return [(reader.line_num, row[column].strip().lstrip("'") if column < len(row) else "")
            for row in reader]
