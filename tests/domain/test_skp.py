"""SKP vocabulary: the order RHK are listed in (spec/domain.md §2)."""

import pytest

from ekinerja_graphql.domain.skp import (
    URUTAN_JENIS_RHK,
    JenisJabatanSkp,
    JenisRhk,
    NilaiBerakhlak,
    rhk_atasan_wajib,
)


def test_utama_rhk_come_before_tambahan_whatever_the_text_order():
    assert JenisRhk.TAMBAHAN.value < JenisRhk.UTAMA.value  # what sorting the text gave
    rhk = [(JenisRhk.TAMBAHAN, 1), (JenisRhk.UTAMA, 2), (JenisRhk.UTAMA, 1)]
    ordered = sorted(rhk, key=lambda item: (URUTAN_JENIS_RHK[item[0]], item[1]))
    assert ordered == [(JenisRhk.UTAMA, 1), (JenisRhk.UTAMA, 2), (JenisRhk.TAMBAHAN, 1)]
    assert set(URUTAN_JENIS_RHK) == set(JenisRhk)


def test_seven_berakhlak_values_in_their_official_order():
    assert [v.value for v in NilaiBerakhlak][0] == "BERORIENTASI_PELAYANAN"
    assert len(NilaiBerakhlak) == 7


@pytest.mark.parametrize(("jabatan", "rhk", "wajib"), [
    (JenisJabatanSkp.JA, JenisRhk.UTAMA, True),
    (JenisJabatanSkp.JF, JenisRhk.UTAMA, True),
    (JenisJabatanSkp.JPT, JenisRhk.UTAMA, False),
    (JenisJabatanSkp.JA, JenisRhk.TAMBAHAN, False),
    (JenisJabatanSkp.JF, JenisRhk.TAMBAHAN, False),
    (JenisJabatanSkp.JPT, JenisRhk.TAMBAHAN, False),
])
def test_rhk_atasan_is_required_for_utama_rhk_of_ja_and_jf(jabatan, rhk, wajib):
    assert rhk_atasan_wajib(jabatan, rhk) is wajib
