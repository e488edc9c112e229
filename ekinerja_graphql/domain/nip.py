"""NIP of a PNS/CPNS and NI PPPK: 18 digits, read part by part and checked for plausibility
(spec/domain.md §6).

PNS:  YYYYMMDD birth + YYYYMM TMT CPNS         + gender + 3-digit sequence
PPPK: YYYYMMDD birth + YYYY appointment + code + gender + 3-digit sequence
"""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from ekinerja_graphql.domain.kepegawaian import JenisKelamin

NIP_LENGTH = 18
SHOWN_MAX = 24  # never echo more of a long or hostile input
LAHIR_MIN = date(1900, 1, 1)
# PNS: 18-35 at appointment, 40 for some jabatan; a NIP does not tell the jabatan.
UMUR_PNS = (18, 40)
# PPPK: 20 to one year before BUP; the highest BUP in the reference data is 70 (Guru Besar).
UMUR_PPPK = (20, 69)


class InvalidNip(ValueError):
    """The text is not a plausible 18-digit NIP; the message names the part."""


class JenisNip(StrEnum):
    PNS = "PNS"  # also CPNS: same form
    PPPK = "PPPK"
    PPPK_PARUH_WAKTU = "PPPK_PARUH_WAKTU"


# Digits 13-14 of a NI PPPK: above 12, so never a month.
KODE_PPPK = {"21": JenisNip.PPPK, "24": JenisNip.PPPK_PARUH_WAKTU}
KODE_JENIS_KELAMIN = {"1": JenisKelamin.LAKI_LAKI, "2": JenisKelamin.PEREMPUAN}


@dataclass(frozen=True, slots=True)
class Nip:
    value: str
    jenis: JenisNip
    tanggal_lahir: date
    tmt_cpns: date | None  # PNS only: first day of the TMT month
    tahun_pengangkatan: int  # PNS: year of TMT CPNS; PPPK: digits 9-12
    kode_pppk: str | None  # PPPK only: digits 13-14
    jenis_kelamin: JenisKelamin
    nomor_urut: int


def parse_nip(text: str, today: date | None = None, *, plausible: bool = True) -> Nip:
    """The parts of a NIP or NI PPPK. With plausible=False only its form is checked (digits,
    a calendar date, a month or PPPK code, gender, sequence): enough to look a stored
    record up, whatever its dates; new numbers are checked in full."""
    today = date.today() if today is None else today
    value = _digits(text)
    lahir = _tanggal_lahir(value, today, plausible)
    kode = value[12:14]
    jenis = _jenis(value, kode)
    if jenis is JenisNip.PNS:
        tmt_cpns = _tmt_cpns(value, lahir, today, plausible)
        tahun, kode_pppk = tmt_cpns.year, None
    else:
        tmt_cpns, tahun, kode_pppk = None, _tahun_pppk(value, lahir, today, plausible), kode
    return Nip(value, jenis, lahir, tmt_cpns, tahun, kode_pppk, _jenis_kelamin(value),
               _nomor_urut(value))  # fmt: skip


def format_nip(tanggal_lahir: date, tmt_cpns: date, jenis_kelamin: JenisKelamin, urut: int) -> str:
    """NIP of a PNS/CPNS; the day of tmt_cpns is ignored."""
    tmt = f"{tmt_cpns.year:04d}{tmt_cpns.month:02d}"
    return _yyyymmdd(tanggal_lahir) + tmt + _tail(jenis_kelamin, urut)


def format_ni_pppk(
    tanggal_lahir: date, tahun: int, jenis: JenisNip, jenis_kelamin: JenisKelamin, urut: int
) -> str:
    kode = next((kode for kode, kind in KODE_PPPK.items() if kind is jenis), None)
    if kode is None:
        raise ValueError(f"no NI PPPK code for {jenis}")
    if not 0 <= tahun <= 9999:
        raise ValueError(f"PPPK year {tahun} is not 4 digits")
    return f"{_yyyymmdd(tanggal_lahir)}{tahun:04d}{kode}{_tail(jenis_kelamin, urut)}"


def _yyyymmdd(day: date) -> str:
    # Not %Y: it does not zero-pad years before 1000 on every platform.
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def _tail(jenis_kelamin: JenisKelamin, urut: int) -> str:
    if not 1 <= urut <= 999:
        raise ValueError(f"sequence {urut} is not 001-999")
    digit = next(digit for digit, kind in KODE_JENIS_KELAMIN.items() if kind is jenis_kelamin)
    return f"{digit}{urut:03d}"


def _digits(text: str) -> str:
    value = text.strip()
    # isascii(): str.isdigit() also accepts Arabic-Indic, full-width and other digits.
    if len(value) == NIP_LENGTH and value.isascii() and value.isdigit():
        return value
    shown = repr(value)
    if len(shown) > SHOWN_MAX:
        shown = f"{shown[: SHOWN_MAX - 4]}... ({len(value)} characters)"
    raise InvalidNip(f"NIP must be exactly {NIP_LENGTH} digits 0-9, got {shown}")


def _tanggal_lahir(value: str, today: date, plausible: bool) -> date:
    try:
        lahir = date(int(value[0:4]), int(value[4:6]), int(value[6:8]))
    except ValueError:
        raise InvalidNip(f"NIP {value}: digits 1-8 must be a birth date YYYYMMDD") from None
    if plausible and not LAHIR_MIN <= lahir <= today:
        raise InvalidNip(f"NIP {value}: digits 1-8: birth date must be {LAHIR_MIN} to {today}")
    return lahir


def _jenis(value: str, kode: str) -> JenisNip:
    if "01" <= kode <= "12":
        return JenisNip.PNS
    if kode in KODE_PPPK:
        return KODE_PPPK[kode]
    raise InvalidNip(f"NIP {value}: digits 13-14 must be a month 01-12 or a PPPK code "
                     f"({', '.join(KODE_PPPK)})")  # fmt: skip


def _umur(lahir: date, year: int, month: int, day: int) -> int:
    """Age in full years on that day (born 29 February: a year older on 1 March in other years)."""
    return year - lahir.year - ((month, day) < (lahir.month, lahir.day))


def _tmt_cpns(value: str, lahir: date, today: date, plausible: bool) -> date:
    year, month = int(value[8:12]), int(value[12:14])
    if not plausible:
        return date(max(year, 1), month, 1)
    if (year, month) > (today.year, today.month):
        raise InvalidNip(f"NIP {value}: digits 9-14: TMT CPNS must not be after {today:%Y-%m}")
    umur = _umur(lahir, year, month, 1)
    low, high = UMUR_PNS
    if not low <= umur <= high:
        raise InvalidNip(f"NIP {value}: digits 9-14: age {umur} at TMT CPNS, allowed {low}-{high}")
    return date(year, month, 1)


def _tahun_pppk(value: str, lahir: date, today: date, plausible: bool) -> int:
    year = int(value[8:12])
    if not plausible:
        return year
    if year > today.year:
        raise InvalidNip(f"NIP {value}: digits 9-12: PPPK year must not be after {today.year}")
    # Only the year is known: accept when some day of it gives an allowed age. Ages during
    # the year run from the age on 1 January to the age on 31 December, i.e.
    # 20 <= year - birth year <= 70, except 70 for one born on 1 January (70 all year).
    youngest, oldest = _umur(lahir, year, 1, 1), _umur(lahir, year, 12, 31)
    low, high = UMUR_PPPK
    if oldest < low or youngest > high:
        umur = youngest if youngest == oldest else f"{youngest} to {oldest}"
        raise InvalidNip(f"NIP {value}: digits 9-12: age {umur} in PPPK year, allowed {low}-{high}")
    return year


def _jenis_kelamin(value: str) -> JenisKelamin:
    if value[14] not in KODE_JENIS_KELAMIN:
        raise InvalidNip(f"NIP {value}: digit 15 must be 1 (male) or 2 (female)")
    return KODE_JENIS_KELAMIN[value[14]]


def _nomor_urut(value: str) -> int:
    nomor_urut = int(value[15:18])
    if nomor_urut == 0:
        raise InvalidNip(f"NIP {value}: digits 16-18 must be a sequence number 001-999")
    return nomor_urut
