"""Evaluation lifecycle states (spec/domain.md §4)."""

from enum import StrEnum


class StatusEvaluasi(StrEnum):
    DRAFT = "DRAFT"
    DINILAI = "DINILAI"
    DITETAPKAN = "DITETAPKAN"
    KEBERATAN = "KEBERATAN"
    FINAL = "FINAL"


class KeputusanKeberatan(StrEnum):
    """The atasan pejabat penilai's decision on a keberatan, final (PP 30/2019)."""

    DITERIMA = "DITERIMA"  # the ratings are changed as decided
    DITOLAK = "DITOLAK"  # the ratings stand

