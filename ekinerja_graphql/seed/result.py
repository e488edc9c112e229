"""What a seed run reports back, and the error for a database that is not empty."""

from dataclasses import dataclass


class SeedError(RuntimeError):
    """The database cannot be seeded (for example it already holds data)."""


@dataclass(frozen=True, slots=True)
class SeedSummary:
    """Rows written per table and the wall-clock seconds the run took."""

    units: int
    pejabat_negara: int
    jabatan: int
    pegawai: int
    skp: int
    rhk: int
    indikator: int
    perilaku: int
    realisasi: int
    evaluasi: int
    elapsed_seconds: float
