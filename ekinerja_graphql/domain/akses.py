"""Roles of spec/domain.md §8."""

from enum import StrEnum


class Peran(StrEnum):
    PEGAWAI = "PEGAWAI"
    PENILAI = "PENILAI"
    ATASAN_PENILAI = "ATASAN_PENILAI"
    ADMIN_UNIT = "ADMIN_UNIT"
    ADMIN_PUSAT = "ADMIN_PUSAT"


ADMIN_ROLES = frozenset({Peran.ADMIN_UNIT, Peran.ADMIN_PUSAT})
