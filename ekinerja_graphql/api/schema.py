"""The GraphQL schema (exported to schema/schema.graphql)."""

import strawberry

from ekinerja_graphql.api.query import Query
from ekinerja_graphql.api.types.evaluasi import Evaluasi
from ekinerja_graphql.api.types.organisasi import Jabatan, UnitOrganisasi
from ekinerja_graphql.api.types.pegawai import Pegawai
from ekinerja_graphql.api.types.skp import IndikatorKinerja, Realisasi, RencanaHasilKerja, Skp
from ekinerja_graphql.config import get_settings


def build_schema(settings=None) -> strawberry.Schema:
    from ekinerja_graphql.api.extensions import schema_extensions

    return strawberry.Schema(
        query=Query,
        types=[UnitOrganisasi, Jabatan, Pegawai, Skp, RencanaHasilKerja, IndikatorKinerja,
               Realisasi, Evaluasi],
        extensions=schema_extensions(settings or get_settings()),
    )


schema = build_schema()
