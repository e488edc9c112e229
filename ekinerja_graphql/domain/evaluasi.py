"""Evaluation lifecycle states (spec/domain.md §4)."""

from enum import StrEnum


class StatusEvaluasi(StrEnum):
    DRAFT = "DRAFT"
    DINILAI = "DINILAI"
    DITETAPKAN = "DITETAPKAN"
    KEBERATAN = "KEBERATAN"
    FINAL = "FINAL"

