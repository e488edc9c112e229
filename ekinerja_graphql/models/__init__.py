"""Tortoise models, one module per aggregate."""

from ekinerja_graphql.models.absensi import Absensi, ImporAbsensi
from ekinerja_graphql.models.admin_assignment import AdminAssignment
from ekinerja_graphql.models.audit import AuditLog
from ekinerja_graphql.models.evaluasi import Evaluasi, Keberatan, Realisasi
from ekinerja_graphql.models.jabatan import Jabatan
from ekinerja_graphql.models.kepegawaian_periode import HukumanDisiplin, PeriodeStatus
from ekinerja_graphql.models.outbox import JenisKiriman, SiasnOutbox, StatusKiriman
from ekinerja_graphql.models.pegawai import Pegawai
from ekinerja_graphql.models.pejabat_negara import PejabatNegara
from ekinerja_graphql.models.predikat_organisasi import PredikatOrganisasi
from ekinerja_graphql.models.riwayat import EvaluasiRiwayat, SkpRiwayat
from ekinerja_graphql.models.skp import (
    IndikatorKinerja,
    PerilakuKerja,
    RencanaHasilKerja,
    Skp,
    UmpanBalik,
)
from ekinerja_graphql.models.sync_run import (
    StatusBatch,
    SyncBatch,
    SyncDifference,
    SyncFailure,
    SyncKind,
    SyncQuarantine,
    SyncRun,
    SyncStatus,
)
from ekinerja_graphql.models.tukin import AturanTukin, Tukin, TukinBatch, TukinRiwayat, TukinRun
from ekinerja_graphql.models.unit_organisasi import UnitOrganisasi

__all__ = [
    "Absensi",
    "AdminAssignment",
    "AturanTukin",
    "AuditLog",
    "Evaluasi",
    "EvaluasiRiwayat",
    "HukumanDisiplin",
    "ImporAbsensi",
    "IndikatorKinerja",
    "Jabatan",
    "JenisKiriman",
    "Keberatan",
    "Pegawai",
    "PejabatNegara",
    "PerilakuKerja",
    "PeriodeStatus",
    "PredikatOrganisasi",
    "Realisasi",
    "RencanaHasilKerja",
    "SiasnOutbox",
    "Skp",
    "SkpRiwayat",
    "StatusBatch",
    "StatusKiriman",
    "SyncBatch",
    "SyncDifference",
    "SyncFailure",
    "SyncKind",
    "SyncQuarantine",
    "SyncRun",
    "SyncStatus",
    "Tukin",
    "TukinBatch",
    "TukinRiwayat",
    "TukinRun",
    "UmpanBalik",
    "UnitOrganisasi",
]
