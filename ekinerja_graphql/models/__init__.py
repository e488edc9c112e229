"""Tortoise models, one module per aggregate."""

from ekinerja_graphql.models.admin_assignment import AdminAssignment
from ekinerja_graphql.models.evaluasi import Evaluasi, Realisasi
from ekinerja_graphql.models.jabatan import Jabatan
from ekinerja_graphql.models.pegawai import Pegawai
from ekinerja_graphql.models.pejabat_negara import PejabatNegara
from ekinerja_graphql.models.skp import IndikatorKinerja, PerilakuKerja, RencanaHasilKerja, Skp
from ekinerja_graphql.models.sync_run import SyncKind, SyncRun, SyncStatus
from ekinerja_graphql.models.unit_organisasi import UnitOrganisasi

__all__ = [
    "AdminAssignment",
    "Evaluasi",
    "IndikatorKinerja",
    "Jabatan",
    "Pegawai",
    "PejabatNegara",
    "PerilakuKerja",
    "Realisasi",
    "RencanaHasilKerja",
    "Skp",
    "SyncKind",
    "SyncRun",
    "SyncStatus",
    "UnitOrganisasi",
]
