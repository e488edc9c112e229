"""node(id)/nodes(ids): global id -> loader -> access check -> GraphQL object.

Each id resolves, and may fail, on its own: a bad or forbidden id nulls only its
own item, and its key never reaches a batch shared with the good ones.
"""

from dataclasses import dataclass

import strawberry
from strawberry import relay

from ekinerja_graphql.api.errors import BadUserInput, NotFound
from ekinerja_graphql.api.evaluasi.dataloaders import EVALUASI_BY_ID
from ekinerja_graphql.api.evaluasi.types import Evaluasi
from ekinerja_graphql.api.ids import parse_global_id, row_id
from ekinerja_graphql.api.loaders import LoaderSpec, loader
from ekinerja_graphql.api.organisasi.dataloaders import (
    JABATAN_BY_ID,
    PEJABAT_NEGARA_BY_ID,
    UNIT_BY_ID,
)
from ekinerja_graphql.api.organisasi.predikat import load_predikat_organisasi
from ekinerja_graphql.api.organisasi.types import Jabatan, PejabatNegara, UnitOrganisasi
from ekinerja_graphql.api.pegawai.dataloaders import PEGAWAI_BY_ID
from ekinerja_graphql.api.pegawai.types import visible_pegawai
from ekinerja_graphql.api.permissions import ensure_records_visible
from ekinerja_graphql.api.rows import build
from ekinerja_graphql.api.sinkronisasi.schema import load_sync_run
from ekinerja_graphql.api.skp.dataloaders import (
    INDIKATOR_BY_ID,
    REALISASI_BY_ID,
    RHK_BY_ID,
    SKP_BY_ID,
)
from ekinerja_graphql.api.skp.types import IndikatorKinerja, Realisasi, RencanaHasilKerja, Skp
from ekinerja_graphql.api.tukin.schema import load_tukin_run

MAX_NODES = 100


@dataclass(frozen=True, slots=True)
class NodeType:
    spec: LoaderSpec
    graphql_type: type
    owned: bool  # a pegawai's record: visible where the owner's records are


NODE_TYPES = {
    "UnitOrganisasi": NodeType(UNIT_BY_ID, UnitOrganisasi, owned=False),
    "Jabatan": NodeType(JABATAN_BY_ID, Jabatan, owned=False),
    "PejabatNegara": NodeType(PEJABAT_NEGARA_BY_ID, PejabatNegara, owned=False),
    "Skp": NodeType(SKP_BY_ID, Skp, owned=True),
    "RencanaHasilKerja": NodeType(RHK_BY_ID, RencanaHasilKerja, owned=True),
    "IndikatorKinerja": NodeType(INDIKATOR_BY_ID, IndikatorKinerja, owned=True),
    "Realisasi": NodeType(REALISASI_BY_ID, Realisasi, owned=True),
    "Evaluasi": NodeType(EVALUASI_BY_ID, Evaluasi, owned=True),
}
NODE_TYPE_NAMES = ("Pegawai", "PredikatOrganisasi", "SyncRun", "TukinRun", *NODE_TYPES)


async def resolve_node(info: strawberry.Info, text: str, argument: str) -> relay.Node:
    global_id = parse_global_id(text, argument)
    if global_id.type_name not in NODE_TYPE_NAMES:
        raise BadUserInput(argument, "an id returned by this API (node.id)")
    key = row_id(global_id, argument)
    if global_id.type_name == "Pegawai":
        row = await loader(info, PEGAWAI_BY_ID).load(key)
        return visible_pegawai(info, row, f"Pegawai {text}")
    if global_id.type_name == "PredikatOrganisasi":
        return await load_predikat_organisasi(info, key, f"PredikatOrganisasi {text}")
    if global_id.type_name == "SyncRun":
        return await load_sync_run(info, key, f"SyncRun {text}")
    if global_id.type_name == "TukinRun":
        return await load_tukin_run(info, key, f"TukinRun {text}")
    node_type = NODE_TYPES[global_id.type_name]
    row = await loader(info, node_type.spec).load(key)
    if row is None:
        raise NotFound(f"{global_id.type_name} {text} does not exist")
    if node_type.owned:
        await ensure_records_visible(info, row["pegawai_id"], f"{global_id.type_name} {text}")
    return build(info, node_type.graphql_type, row)


@strawberry.type
class NodeQuery:
    @strawberry.field(description="Any object by its global id; null with an error when it "
                      "does not exist or is outside your scope")
    async def node(self, info: strawberry.Info, id: strawberry.ID) -> relay.Node | None:
        return await resolve_node(info, id, "id")

    @strawberry.field(description=f"Objects by global ids, in order (at most {MAX_NODES}); each "
                      "failing id is null with its own error")
    def nodes(
        self, info: strawberry.Info, ids: list[strawberry.ID]
    ) -> list[relay.Node | None] | None:
        if len(ids) > MAX_NODES:
            raise BadUserInput("ids", f"at most {MAX_NODES} ids")
        return [resolve_node(info, text, f"ids[{n}]") for n, text in enumerate(ids)]
