"""NIP of a PNS: birth date, TMT CPNS, gender, sequence (spec/domain.md §6)."""

from datetime import date

import pytest

from ekinerja_graphql.domain.kepegawaian import JenisKelamin
from ekinerja_graphql.domain.nip import InvalidNip, format_nip, parse_nip


def test_a_pns_nip_is_read_part_by_part():
    nip = parse_nip(" 198503142010012003 ")
    assert nip.value == "198503142010012003"
    assert nip.tanggal_lahir == date(1985, 3, 14)
    assert nip.tmt_cpns == date(2010, 1, 1)
    assert nip.jenis_kelamin is JenisKelamin.PEREMPUAN
    assert nip.nomor_urut == 3


@pytest.mark.parametrize(("text", "part"), [
    ("12345", "exactly 18 digits"),
    ("19850314201001200X", "exactly 18 digits"),
    ("198502302010012003", "digits 1-8"),
    ("198503142010132003", "digits 9-14"),
    ("198503141985012003", "not after birth date"),
    ("198503142010013003", "digit 15"),
    ("198503142010012000", "digits 16-18"),
])
def test_each_wrong_part_is_named(text, part):
    with pytest.raises(InvalidNip, match=part):
        parse_nip(text)


def test_the_message_never_echoes_a_long_input_whole():
    with pytest.raises(InvalidNip) as raised:
        parse_nip("9" * 5000)
    assert len(str(raised.value)) < 120


def test_format_and_parse_round_trip():
    text = format_nip(date(1990, 7, 1), date(2015, 3, 1), JenisKelamin.LAKI_LAKI, 42)
    assert text == "199007012015031042"
    assert parse_nip(text).nomor_urut == 42
