"""The GraphQL schema (exported to schema/schema.graphql): the domains' root fields, composed."""

import strawberry
from strawberry.tools import merge_types

from ekinerja_graphql.api.admin.schema import AdminQuery
from ekinerja_graphql.api.evaluasi.types import Evaluasi
from ekinerja_graphql.api.node import NodeQuery
from ekinerja_graphql.api.organisasi.schema import OrganisasiQuery
from ekinerja_graphql.api.organisasi.types import Jabatan, UnitOrganisasi
from ekinerja_graphql.api.pegawai.schema import PegawaiQuery
from ekinerja_graphql.api.pegawai.types import Pegawai
from ekinerja_graphql.api.skp.types import IndikatorKinerja, Realisasi, RencanaHasilKerja, Skp
from ekinerja_graphql.config import Settings, get_settings

Query = merge_types("Query", (PegawaiQuery, OrganisasiQuery, NodeQuery, AdminQuery))
NODE_TYPES = [UnitOrganisasi, Jabatan, Pegawai, Skp, RencanaHasilKerja, IndikatorKinerja,
              Realisasi, Evaluasi]


def build_schema(settings: Settings | None = None) -> strawberry.Schema:
    from ekinerja_graphql.api.extensions import schema_extensions

    return strawberry.Schema(
        query=Query, types=NODE_TYPES, extensions=schema_extensions(settings or get_settings())
    )


schema = build_schema()
