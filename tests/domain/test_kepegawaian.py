"""Pegawai kinds and statuses with SIASN's kedudukan hukum codes (spec/domain.md §5, §6)."""

import pytest

from ekinerja_graphql.domain.kepegawaian import (
    STATUS_TANPA_TUKIN,
    JenisPegawai,
    StatusPegawai,
    kedudukan_hukum,
)

S, J = StatusPegawai, JenisPegawai


@pytest.mark.parametrize(("status", "jenis", "code"), [
    (S.AKTIF, J.PNS, "01"), (S.AKTIF, J.CPNS, "01"), (S.AKTIF, J.PPPK, "71"),
    (S.AKTIF, J.PPPK_PARUH_WAKTU, None),  # 72 is used for PPPK by one client, unnamed
    (S.CLTN, J.PNS, "02"), (S.TUGAS_BELAJAR, J.PNS, "03"),
    (S.DIBERHENTIKAN_SEMENTARA, J.PNS, "04"), (S.UANG_TUNGGU, J.PNS, "05"),
    (S.MPP, J.PNS, "20"), (S.NONAKTIF, J.PNS, "52"), (S.PENSIUN, J.PNS, "99"),
    (S.MENINGGAL, J.PNS, None),
])  # fmt: skip
def test_kedudukan_hukum(status, jenis, code):
    assert kedudukan_hukum(status, jenis) == code


def test_the_unpaid_statuses_of_tukin_are_all_statuses():
    assert {S.CLTN, S.DIBERHENTIKAN_SEMENTARA, S.UANG_TUNGGU, S.MPP,
                                  S.TUGAS_BELAJAR} == STATUS_TANPA_TUKIN  # fmt: skip
