"""Root Query: thin resolvers over the loaders and the access scope."""

import strawberry
from strawberry import relay

from ekinerja_graphql.api.context import loaders_of, viewer_of
from ekinerja_graphql.api.dataloaders.keyset import fetch_page
from ekinerja_graphql.api.dataloaders.rows import columns
from ekinerja_graphql.api.errors import BadUserInput, NotFound
from ekinerja_graphql.api.filters import PegawaiFilter, PegawaiOrder, pegawai_conditions
from ekinerja_graphql.api.ids import decode_id, parse_global_id
from ekinerja_graphql.api.nodes import resolve_node
from ekinerja_graphql.api.pagination import page_request
from ekinerja_graphql.api.types.organisasi import UnitOrganisasi
from ekinerja_graphql.api.types.pegawai import Pegawai, PegawaiConnection, ensure_visible
from ekinerja_graphql.api.types.rows import from_row
from ekinerja_graphql.domain.nip import InvalidNip, parse_nip
from ekinerja_graphql.models import Pegawai as PegawaiModel
from ekinerja_graphql.models import UnitOrganisasi as UnitModel

MAX_NODES = 100


@strawberry.type
class Query:
    @strawberry.field(description="The signed-in pegawai (null for a service account)")
    async def me(self, info: strawberry.Info) -> Pegawai | None:
        viewer = viewer_of(info)
        if viewer.pegawai_id is None:
            return None
        row = await loaders_of(info).pegawai.load(viewer.pegawai_id)
        return ensure_visible(info, row, "your pegawai record")

    @strawberry.field(description="Any object by its global id")
    async def node(self, info: strawberry.Info, id: strawberry.ID) -> relay.Node:
        return await resolve_node(info, parse_global_id(id, "id"))

    @strawberry.field(description=f"Objects by global ids, in order (at most {MAX_NODES})")
    def nodes(self, info: strawberry.Info, ids: list[strawberry.ID]) -> list[relay.Node | None]:
        """Each item resolves (and may fail) on its own; all loads share one batch per type."""
        if len(ids) > MAX_NODES:
            raise BadUserInput("ids", f"at most {MAX_NODES} ids")
        global_ids = [parse_global_id(i, f"ids[{n}]") for n, i in enumerate(ids)]
        return [resolve_node(info, global_id) for global_id in global_ids]

    @strawberry.field
    async def unit_organisasi(self, info: strawberry.Info, id: strawberry.ID) -> UnitOrganisasi:
        unit_id = decode_id(parse_global_id(id), "UnitOrganisasi", "id")
        row = await loaders_of(info).unit.load(unit_id)
        if row is None:
            raise NotFound(f"unit organisasi {id} does not exist")
        return from_row(UnitOrganisasi, row)

    @strawberry.field(description="Units without a parent (the ministry)")
    async def unit_organisasi_roots(self, info: strawberry.Info) -> list[UnitOrganisasi]:
        viewer_of(info)  # signed-in users only
        rows = await UnitModel.filter(parent_id=None).order_by("nama").values(**columns(UnitModel))
        return [from_row(UnitOrganisasi, row) for row in rows]

    @strawberry.field(description="A pegawai by NIP; FORBIDDEN outside the viewer's scope")
    async def pegawai(self, info: strawberry.Info, nip: str) -> Pegawai:
        try:
            value = parse_nip(nip).value
        except InvalidNip as error:
            raise BadUserInput("nip", "18 digits: birth date, TMT CPNS, gender, sequence",
                               detail=str(error)) from None
        row = await loaders_of(info).pegawai_by_nip.load(value)
        return ensure_visible(info, row, f"pegawai with NIP {value}")

    @strawberry.field(description="Pegawai visible to the viewer, keyset-paginated")
    async def pegawai_list(
        self,
        info: strawberry.Info,
        first: int | None = None,
        after: str | None = None,
        filter: PegawaiFilter | None = None,
        order_by: PegawaiOrder = PegawaiOrder.NAMA,
    ) -> PegawaiConnection:
        page = page_request(info.context.settings, first, after)
        queryset = loaders_of(info).visible_pegawai()
        if filter is not None:
            queryset = queryset.filter(pegawai_conditions(filter, await _unit_path(info, filter)))
        sort_field = order_by.value
        result = await fetch_page(
            queryset, columns(PegawaiModel, unit_path="unit__path"), sort_field, page
        )
        return PegawaiConnection.from_rows(
            result.rows, result.has_next_page, sort_field, queryset.count
        )


async def _unit_path(info: strawberry.Info, filter: PegawaiFilter) -> str | None:
    if filter.unit_id is None or not filter.include_descendants:
        return None
    unit_id = decode_id(filter.unit_id, "UnitOrganisasi", "filter.unitId")
    row = await loaders_of(info).unit.load(unit_id)
    if row is None:
        raise NotFound(f"filter.unitId: unit organisasi {filter.unit_id} does not exist")
    return row["path"]
