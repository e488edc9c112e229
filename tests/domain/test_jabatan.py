"""Eselon codes, JPT, and which golongan fit a position (spec/domain.md §6)."""

import pytest

from ekinerja_graphql.domain.golongan import Golongan
from ekinerja_graphql.domain.jabatan import JPT, Eselon, Jenjang, golongan_sesuai

G = Golongan


def test_the_eselon_i_codes_are_siasns_not_the_old_ones():
    assert Eselon.I_A_JPT_UTAMA.value == "10"
    assert Eselon.I_A_JPT_MADYA.value == "11"  # Sekjen, Dirjen, Irjen, Kepala Badan
    assert Eselon.I_B_JPT_MADYA.value == "12"
    assert not {"I_A", "I_B", "I_C"} & set(Eselon.__members__)


def test_jpt_are_the_pimpinan_tinggi():
    assert {Eselon.I_A_JPT_UTAMA, Eselon.I_A_JPT_MADYA, Eselon.I_B_JPT_MADYA,
                   Eselon.II_A, Eselon.II_B} == JPT  # fmt: skip


@pytest.mark.parametrize(("golongan", "eselon", "jenjang", "fits"), [
    (G.IV_D, Eselon.I_A_JPT_MADYA, None, True),
    (G.IV_B, Eselon.I_A_JPT_MADYA, None, False),
    (G.IV_A, Eselon.III_A, None, True),
    (G.III_D, Eselon.III_A, None, False),
    (G.III_C, Eselon.IV_A, None, True),
    (G.III_A, None, Jenjang.AHLI_PERTAMA, True),
    (G.III_C, None, Jenjang.AHLI_PERTAMA, False),
    (G.IV_C, None, Jenjang.AHLI_MADYA, True),
    (G.II_C, None, Jenjang.TERAMPIL, True),
    (G.II_A, None, Jenjang.TERAMPIL, False),
    (G.II_A, None, None, True),  # a pelaksana: any golongan
])
def test_golongan_fits_the_position(golongan, eselon, jenjang, fits):
    assert golongan_sesuai(golongan, eselon, jenjang) is fits
