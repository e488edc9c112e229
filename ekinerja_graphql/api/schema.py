"""The GraphQL schema (exported to schema/schema.graphql): the domains' root fields, composed."""

import strawberry
from strawberry.tools import merge_types

from ekinerja_graphql.api.admin.audit import AuditQuery
from ekinerja_graphql.api.admin.schema import AdminQuery
from ekinerja_graphql.api.evaluasi.antrian import AntrianQuery
from ekinerja_graphql.api.evaluasi.mutations import EvaluasiMutation
from ekinerja_graphql.api.evaluasi.types import Evaluasi
from ekinerja_graphql.api.extension_hooks import Schema
from ekinerja_graphql.api.node import NodeQuery
from ekinerja_graphql.api.organisasi.predikat import (
    PredikatOrganisasi,
    PredikatOrganisasiMutation,
    PredikatOrganisasiQuery,
)
from ekinerja_graphql.api.organisasi.schema import OrganisasiQuery
from ekinerja_graphql.api.organisasi.types import Jabatan, PejabatNegara, UnitOrganisasi
from ekinerja_graphql.api.pegawai.mutations import PegawaiMutation
from ekinerja_graphql.api.pegawai.schema import PegawaiQuery
from ekinerja_graphql.api.pegawai.types import Pegawai
from ekinerja_graphql.api.sinkronisasi.schema import SinkronisasiMutation, SinkronisasiQuery
from ekinerja_graphql.api.sinkronisasi.types import SyncRun
from ekinerja_graphql.api.skp.mutations import SkpMutation
from ekinerja_graphql.api.skp.types import IndikatorKinerja, Realisasi, RencanaHasilKerja, Skp
from ekinerja_graphql.api.tukin.schema import TukinMutation, TukinQuery
from ekinerja_graphql.api.tukin.types import TukinRun
from ekinerja_graphql.config import Settings, get_settings

Query = merge_types("Query", (PegawaiQuery, OrganisasiQuery, NodeQuery, AdminQuery, AuditQuery,
                              AntrianQuery, PredikatOrganisasiQuery,
                              SinkronisasiQuery, TukinQuery))  # fmt: skip
Mutation = merge_types("Mutation", (SkpMutation, EvaluasiMutation, PredikatOrganisasiMutation,
                                    PegawaiMutation, SinkronisasiMutation,
                                    TukinMutation))  # fmt: skip
NODE_TYPES = [UnitOrganisasi, Jabatan, PejabatNegara, Pegawai, Skp, RencanaHasilKerja,
              IndikatorKinerja, Realisasi, Evaluasi, PredikatOrganisasi, SyncRun, TukinRun]


def build_schema(settings: Settings | None = None) -> strawberry.Schema:
    from ekinerja_graphql.api.extensions import schema_extensions

    return Schema(
        query=Query, mutation=Mutation, types=NODE_TYPES,
        extensions=schema_extensions(settings or get_settings()),
    )


schema = build_schema()
