"""NIP of a PNS/CPNS and NI PPPK: parts, plausibility, round trip (spec/domain.md §6)."""

from datetime import date

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from ekinerja_graphql.domain.kepegawaian import JenisKelamin
from ekinerja_graphql.domain.nip import (
    KODE_PPPK,
    NIP_LENGTH,
    InvalidNip,
    JenisNip,
    Nip,
    format_ni_pppk,
    format_nip,
    parse_nip,
)

TODAY = date(2025, 6, 15)
L, P = JenisKelamin.LAKI_LAKI, JenisKelamin.PEREMPUAN


def parse(text: str) -> Nip:
    return parse_nip(text, today=TODAY)


@pytest.mark.parametrize(("text", "expected"), [
    (" 198503142010012003 ",
     Nip("198503142010012003", JenisNip.PNS, date(1985, 3, 14), date(2010, 1, 1), 2010, None,
         P, 3)),
    ("199312282025212001",
     Nip("199312282025212001", JenisNip.PPPK, date(1993, 12, 28), None, 2025, "21", P, 1)),
    ("199005172025241015",
     Nip("199005172025241015", JenisNip.PPPK_PARUH_WAKTU, date(1990, 5, 17), None, 2025, "24",
         L, 15)),
    ("\t\n197001311995121999\r\n",
     Nip("197001311995121999", JenisNip.PNS, date(1970, 1, 31), date(1995, 12, 1), 1995, None,
         L, 999)),
])  # fmt: skip
def test_a_nip_is_read_part_by_part(text, expected):
    assert parse(text) == expected


def test_kode_pppk_names_the_two_codes_of_the_spec():
    assert KODE_PPPK == {"21": JenisNip.PPPK, "24": JenisNip.PPPK_PARUH_WAKTU}


@pytest.mark.parametrize(("text", "part"), [
    # Form: 18 ASCII digits after stripping.
    ("", "exactly 18 digits 0-9"),
    ("   ", "exactly 18 digits 0-9"),
    ("12345", "exactly 18 digits 0-9"),
    ("19850314201001200", "exactly 18 digits 0-9"),
    ("1985031420100120031", "exactly 18 digits 0-9"),
    ("198503142010 012003", "exactly 18 digits 0-9"),
    ("19850314201001200X", "exactly 18 digits 0-9"),
    ("-98503142010012003", "exactly 18 digits 0-9"),
    ("١٩٨٥٠٣١٤٢٠١٠٠١٢٠٠٣", "exactly 18 digits 0-9"),  # Arabic-Indic
    ("１９８５０３１４２０１００１２００３", "exactly 18 digits 0-9"),  # full-width
    ("19850314201001200³", "exactly 18 digits 0-9"),  # superscript: isdigit() too
    # Digits 1-8: a real birth date from 1900-01-01 to today.
    ("198502302010012003", "digits 1-8 must be a birth date"),
    ("198502292010012003", "digits 1-8 must be a birth date"),  # 1985 is no leap year
    ("198513142010012003", "digits 1-8 must be a birth date"),
    ("198500142010012003", "digits 1-8 must be a birth date"),
    ("198503002010012003", "digits 1-8 must be a birth date"),
    ("000001012010012003", "digits 1-8 must be a birth date"),  # year 0
    ("000101012010012003", "digits 1-8: birth date must be 1900-01-01 to 2025-06-15"),
    ("189912312010012003", "digits 1-8: birth date must be 1900-01-01 to 2025-06-15"),
    ("202506162025011001", "digits 1-8: birth date must be 1900-01-01 to 2025-06-15"),
    # Digits 13-14: a month or a PPPK code.
    ("198503142010002003", "digits 13-14 must be a month 01-12 or a PPPK code [(]21, 24[)]"),
    ("198503142010132003", "digits 13-14 must be a month 01-12 or a PPPK code"),
    ("198503142010202003", "digits 13-14 must be a month 01-12 or a PPPK code"),
    ("198503142010222003", "digits 13-14 must be a month 01-12 or a PPPK code"),
    ("198503142010992003", "digits 13-14 must be a month 01-12 or a PPPK code"),
    # Digits 9-14 of a PNS: TMT CPNS not after today, at age 18-40.
    ("198503142999012003", "digits 9-14: TMT CPNS must not be after 2025-06"),
    ("198503142025072003", "digits 9-14: TMT CPNS must not be after 2025-06"),
    ("198503141985042003", "digits 9-14: age 0 at TMT CPNS, allowed 18-40"),  # a month after birth
    ("202506152025061001", "digits 9-14: age -1 at TMT CPNS"),  # born today: a valid birth date
    ("198503140000012003", "digits 9-14: age -1986 at TMT CPNS"),
    ("199007012008061001", "digits 9-14: age 17 at TMT CPNS"),
    ("199006022008061001", "digits 9-14: age 17 at TMT CPNS"),  # one day short of 18
    ("196906012010061001", "digits 9-14: age 41 at TMT CPNS"),
    ("195001012010061001", "digits 9-14: age 60 at TMT CPNS"),
    # Digits 9-12 of a PPPK: year not after today's, some day of it at age 20-69.
    ("199312282026212001", "digits 9-12: PPPK year must not be after 2025"),
    ("199312282999242001", "digits 9-12: PPPK year must not be after 2025"),
    ("200005052019211001", "digits 9-12: age 18 to 19 in PPPK year, allowed 20-69"),
    ("200001012019211001", "digits 9-12: age 19 in PPPK year"),
    ("195005052021211001", "digits 9-12: age 70 to 71 in PPPK year"),
    ("195001012020241001", "digits 9-12: age 70 in PPPK year"),  # 70 all year
    ("199312280000212001", "digits 9-12: age -1994 to -1993 in PPPK year"),
    # Digit 15: gender.
    ("198503142010010003", "digit 15 must be 1 [(]male[)] or 2 [(]female[)]"),
    ("198503142010013003", "digit 15 must be 1 [(]male[)] or 2 [(]female[)]"),
    ("199312282025219001", "digit 15 must be 1 [(]male[)] or 2 [(]female[)]"),
    # Digits 16-18: sequence from 001.
    ("198503142010012000", "digits 16-18 must be a sequence number 001-999"),
    ("199312282025241000", "digits 16-18 must be a sequence number 001-999"),
])  # fmt: skip
def test_each_implausible_part_is_named(text, part):
    with pytest.raises(InvalidNip, match=part) as raised:
        parse(text)
    assert len(str(raised.value)) < 160


@pytest.mark.parametrize(("text", "jenis"), [
    ("190001011918011001", JenisNip.PNS),  # earliest birth date, 18 at TMT
    ("199006012008061001", JenisNip.PNS),  # 18 on the first day of the TMT month
    ("197006012010061001", JenisNip.PNS),  # exactly 40
    ("196906022010061001", JenisNip.PNS),  # 40 years and 11 months: still 40 in full years
    ("198503142025062003", JenisNip.PNS),  # TMT in the current month
    ("200002292018031001", JenisNip.PNS),  # born 29 February, 18 on 1 March
    ("200012312020211001", JenisNip.PPPK),  # 20 only on 31 December
    ("200001012020211001", JenisNip.PPPK),  # 20 all year
    ("195012312019211001", JenisNip.PPPK),  # 69 only on 31 December
    ("195001012019241001", JenisNip.PPPK_PARUH_WAKTU),  # 69 all year
    ("195001022020211001", JenisNip.PPPK),  # 69 on 1 January, then 70
    ("195012312020241001", JenisNip.PPPK_PARUH_WAKTU),  # 69 until 30 December
    ("199312282025212001", JenisNip.PPPK),  # PPPK year is the current year
])  # fmt: skip
def test_boundaries_that_pass(text, jenis):
    assert parse(text).jenis is jenis


def test_today_defaults_to_the_real_date():
    assert parse_nip("198503142010012003").tahun_pengangkatan == 2010
    with pytest.raises(InvalidNip, match="must not be after"):
        parse_nip("198503142999012003")


@pytest.mark.parametrize("text", [
    "9" * 5000,
    "١" * 5000,
    "\x00" * 5000,
    "\U0010ffff" * 5000,
    "\ud800" * 5000,
    "'" * 5000,
])  # fmt: skip
def test_the_message_never_echoes_a_long_input_whole(text):
    with pytest.raises(InvalidNip) as raised:
        parse(f"  {text}  ")
    message = str(raised.value)
    assert len(message) < 160
    assert "(5000 characters)" in message


@pytest.mark.parametrize(("parts", "text"), [
    ((date(1990, 7, 1), date(2015, 3, 1), L, 42), "199007012015031042"),
    ((date(1990, 7, 1), date(2015, 3, 17), P, 1), "199007012015032001"),
])  # fmt: skip
def test_format_nip(parts, text):
    assert format_nip(*parts) == text


@pytest.mark.parametrize(("parts", "text"), [
    ((date(1993, 12, 28), 2025, JenisNip.PPPK, P, 1), "199312282025212001"),
    ((date(1990, 5, 17), 2025, JenisNip.PPPK_PARUH_WAKTU, L, 15), "199005172025241015"),
])  # fmt: skip
def test_format_ni_pppk(parts, text):
    assert format_ni_pppk(*parts) == text


@pytest.mark.parametrize("call", [
    lambda: format_nip(date(1990, 7, 1), date(2015, 3, 1), L, 1000),
    lambda: format_nip(date(1990, 7, 1), date(2015, 3, 1), L, -1),
    lambda: format_nip(date(1990, 7, 1), date(2015, 3, 1), L, 0),
    lambda: format_ni_pppk(date(1990, 7, 1), 2015, JenisNip.PNS, L, 1),
    lambda: format_ni_pppk(date(1990, 7, 1), 20150, JenisNip.PPPK, L, 1),
    lambda: format_ni_pppk(date(1990, 7, 1), 2015, JenisNip.PPPK, L, 1000),
])  # fmt: skip
def test_format_refuses_what_does_not_fit_18_digits(call):
    with pytest.raises(ValueError):
        call()


def age(lahir: date, on: date) -> int:
    return on.year - lahir.year - ((on.month, on.day) < (lahir.month, lahir.day))


@st.composite
def plausible_pns(draw):
    lahir = draw(st.dates(date(1900, 1, 1), date(TODAY.year - 18, 1, 1)))
    tmt = date(draw(st.integers(lahir.year + 18, lahir.year + 41)), draw(st.integers(1, 12)), 1)
    assume(18 <= age(lahir, tmt) <= 40 and tmt <= TODAY)
    return lahir, tmt


@st.composite
def plausible_pppk(draw):
    lahir = draw(st.dates(date(1900, 1, 1), date(TODAY.year - 20, 12, 31)))
    tahun = draw(st.integers(lahir.year + 20, min(lahir.year + 70, TODAY.year)))
    # Some day of the year at age 20-69: only the 1 January birthday turns 70 on the first day.
    assume(age(lahir, date(tahun, 1, 1)) <= 69)
    return lahir, tahun


kelamin = st.sampled_from(JenisKelamin)
urut = st.integers(1, 999)


@given(plausible_pns(), kelamin, urut, st.sampled_from(["", " ", "\t\n"]))
def test_every_plausible_pns_nip_formats_and_parses_back(lahir_tmt, jenis_kelamin, nomor, pad):
    lahir, tmt = lahir_tmt
    text = format_nip(lahir, tmt, jenis_kelamin, nomor)
    assert len(text) == NIP_LENGTH
    assert parse(f"{pad}{text}{pad}") == Nip(text, JenisNip.PNS, lahir, tmt, tmt.year, None,
                                             jenis_kelamin, nomor)  # fmt: skip


@given(plausible_pppk(), st.sampled_from(sorted(KODE_PPPK.items())), kelamin, urut)
def test_every_plausible_ni_pppk_formats_and_parses_back(lahir_tahun, kode_jenis, jenis_kelamin,
                                                         nomor):  # fmt: skip
    (lahir, tahun), (kode, jenis) = lahir_tahun, kode_jenis
    text = format_ni_pppk(lahir, tahun, jenis, jenis_kelamin, nomor)
    assert len(text) == NIP_LENGTH
    assert parse(text) == Nip(text, jenis, lahir, None, tahun, kode, jenis_kelamin, nomor)


@pytest.mark.parametrize("text", [
    "199001012041011001",  # TMT in 2041: after today
    "200001012015011001",  # appointed at 15
    "190001012024211001",  # a PPPK appointed at 124
    "189912312020011001",  # born before 1900
])  # fmt: skip
def test_a_lookup_checks_the_form_only(text):
    """Stored numbers are looked up whatever their dates; new ones are checked in full."""
    with pytest.raises(InvalidNip):
        parse_nip(text, today=TODAY)
    assert parse_nip(text, today=TODAY, plausible=False).value == text


@pytest.mark.parametrize(("text", "part"), [
    ("19900101201501100", "exactly 18 digits"),
    ("199002302015011001", "digits 1-8"),
    ("199001012015131001", "digits 13-14"),
    ("199001012015013001", "digit 15"),
    ("199001012015011000", "digits 16-18"),
])  # fmt: skip
def test_a_lookup_still_refuses_a_malformed_number(text, part):
    with pytest.raises(InvalidNip, match=part):
        parse_nip(text, today=TODAY, plausible=False)
