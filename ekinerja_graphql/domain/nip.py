"""NIP (nipBaru) parsing: YYYYMMDD birth + YYYYMM TMT CPNS + gender + 3-digit sequence."""

from dataclasses import dataclass
from datetime import date

from ekinerja_graphql.domain.kepegawaian import JenisKelamin

NIP_LENGTH = 18


class InvalidNip(ValueError):
    """The text is not a valid 18-digit NIP; the message says why."""


@dataclass(frozen=True, slots=True)
class Nip:
    value: str
    tanggal_lahir: date
    tmt_cpns: date
    jenis_kelamin: JenisKelamin
    nomor_urut: int


def parse_nip(text: str) -> Nip:
    value = text.strip()
    if len(value) != NIP_LENGTH or not value.isdigit():
        shown = text if len(text) <= 24 else f"{text[:20]}... ({len(text)} characters)"
        raise InvalidNip(f"NIP must be exactly {NIP_LENGTH} digits, got {shown!r}")
    try:
        tanggal_lahir = date(int(value[0:4]), int(value[4:6]), int(value[6:8]))
    except ValueError:
        raise InvalidNip(f"NIP {value}: digits 1-8 must be a birth date YYYYMMDD") from None
    try:
        tmt_cpns = date(int(value[8:12]), int(value[12:14]), 1)
    except ValueError:
        raise InvalidNip(f"NIP {value}: digits 9-14 must be the TMT CPNS as YYYYMM") from None
    if tmt_cpns <= tanggal_lahir:
        raise InvalidNip(f"NIP {value}: TMT CPNS {tmt_cpns:%Y-%m} is not after birth date")
    gender_digit = value[14]
    if gender_digit not in "12":
        raise InvalidNip(f"NIP {value}: digit 15 must be 1 (male) or 2 (female)")
    jenis_kelamin = JenisKelamin.LAKI_LAKI if gender_digit == "1" else JenisKelamin.PEREMPUAN
    nomor_urut = int(value[15:18])
    if nomor_urut == 0:
        raise InvalidNip(f"NIP {value}: digits 16-18 must be a sequence number from 001")
    return Nip(value, tanggal_lahir, tmt_cpns, jenis_kelamin, nomor_urut)


def format_nip(tanggal_lahir: date, tmt_cpns: date, jenis_kelamin: JenisKelamin, urut: int) -> str:
    gender_digit = "1" if jenis_kelamin is JenisKelamin.LAKI_LAKI else "2"
    return f"{tanggal_lahir:%Y%m%d}{tmt_cpns:%Y%m}{gender_digit}{urut:03d}"
