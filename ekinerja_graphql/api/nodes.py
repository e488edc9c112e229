"""node(id)/nodes(ids): global id -> loader -> visibility check -> GraphQL object."""

import strawberry
from strawberry import relay

from ekinerja_graphql.api.context import loaders_of
from ekinerja_graphql.api.errors import BadUserInput, NotFound
from ekinerja_graphql.api.types.evaluasi import Evaluasi
from ekinerja_graphql.api.types.organisasi import Jabatan, UnitOrganisasi
from ekinerja_graphql.api.types.owner import ensure_owner_visible
from ekinerja_graphql.api.types.pegawai import ensure_visible
from ekinerja_graphql.api.types.rows import from_row
from ekinerja_graphql.api.types.skp import IndikatorKinerja, Realisasi, RencanaHasilKerja, Skp

# type name -> (loader attribute, GraphQL type, owned by a pegawai?)
NODE_TYPES = {
    "UnitOrganisasi": ("unit", UnitOrganisasi, False),
    "Jabatan": ("jabatan", Jabatan, False),
    "Skp": ("skp", Skp, True),
    "RencanaHasilKerja": ("rhk", RencanaHasilKerja, True),
    "IndikatorKinerja": ("indikator", IndikatorKinerja, True),
    "Realisasi": ("realisasi", Realisasi, True),
    "Evaluasi": ("evaluasi", Evaluasi, True),
}


async def resolve_node(info: strawberry.Info, global_id: relay.GlobalID) -> relay.Node:
    loaders = loaders_of(info)
    type_name = global_id.type_name
    if type_name != "Pegawai" and type_name not in NODE_TYPES:
        raise BadUserInput("id", "an id returned by this API (node.id)")
    try:
        key = int(global_id.node_id)
    except ValueError:
        raise BadUserInput("id", "an id returned by this API (node.id)") from None
    if type_name == "Pegawai":
        return ensure_visible(info, await loaders.pegawai.load(key), f"Pegawai {global_id}")
    loader_name, graphql_type, owned = NODE_TYPES[type_name]
    row = await getattr(loaders, loader_name).load(key)
    if row is None:
        raise NotFound(f"{type_name} {global_id} does not exist")
    if owned:
        await ensure_owner_visible(info, row["pegawai_id"], f"{type_name} {global_id}")
    return from_row(graphql_type, row)
