"""Roles of spec/domain.md §8 and who may sign in."""

from enum import StrEnum

from ekinerja_graphql.domain.kepegawaian import StatusPegawai


class Peran(StrEnum):
    PEGAWAI = "PEGAWAI"
    PENILAI = "PENILAI"
    ATASAN_PENILAI = "ATASAN_PENILAI"
    ADMIN_UNIT = "ADMIN_UNIT"
    ADMIN_PUSAT = "ADMIN_PUSAT"


# Roles held through the admin assignment table; the others follow from the penilai chain.
ADMIN_ROLES = frozenset({Peran.ADMIN_UNIT, Peran.ADMIN_PUSAT})

# Still employed (paid or not), so still reading their own records and filing keberatan;
# pensioned, deceased and deactivated pegawai no longer sign in. [D]
STATUS_BOLEH_MASUK = frozenset({
    StatusPegawai.AKTIF,
    StatusPegawai.CLTN,
    StatusPegawai.DIBERHENTIKAN_SEMENTARA,
    StatusPegawai.UANG_TUNGGU,
    StatusPegawai.MPP,
    StatusPegawai.TUGAS_BELAJAR,
})
