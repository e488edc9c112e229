"""Root fields of the pegawai domain."""

import strawberry
from tortoise.queryset import QuerySet

from ekinerja_graphql.api.connection import CONNECTION_NODES, page_request
from ekinerja_graphql.api.context import viewer_of
from ekinerja_graphql.api.errors import BadUserInput, NotFound
from ekinerja_graphql.api.loaders import loader
from ekinerja_graphql.api.organisasi.dataloaders import UNIT_BY_ID
from ekinerja_graphql.api.page_statements import PageStatements
from ekinerja_graphql.api.pegawai.dataloaders import PEGAWAI_BY_ID, PEGAWAI_BY_NIP, pegawai_fields
from ekinerja_graphql.api.pegawai.filters import PegawaiFilter, pegawai_conditions, unit_filter_id
from ekinerja_graphql.api.pegawai.sorts import PegawaiOrder
from ekinerja_graphql.api.pegawai.types import Pegawai, PegawaiConnection, visible_pegawai
from ekinerja_graphql.api.plain_values import narrowed
from ekinerja_graphql.api.selection import attributes_read
from ekinerja_graphql.domain.nip import InvalidNip, parse_nip
from ekinerja_graphql.models import Pegawai as PegawaiModel
from ekinerja_graphql.services.access import Access, Grant
from ekinerja_graphql.services.access.grants import any_condition


@strawberry.type
class PegawaiQuery:
    @strawberry.field(description="The signed-in pegawai (null for a service account)")
    async def me(self, info: strawberry.Info) -> Pegawai | None:
        viewer = viewer_of(info)
        if viewer.pegawai_id is None:
            return None
        row = await loader(info, PEGAWAI_BY_ID).load(viewer.pegawai_id)
        return visible_pegawai(info, row, "your pegawai record")

    @strawberry.field(description="A pegawai by NIP; null with FORBIDDEN outside your scope")
    async def pegawai(self, info: strawberry.Info, nip: str) -> Pegawai | None:
        try:
            value = parse_nip(nip, plausible=False).value
        except InvalidNip as error:
            raise BadUserInput("nip", "18 digits: a PNS NIP (birth date, TMT CPNS, gender, "
                               "sequence) or an NI PPPK (birth date, year, 21 or 24, gender, "
                               "sequence)", detail=str(error)) from None
        row = await loader(info, PEGAWAI_BY_NIP).load(value)
        return visible_pegawai(info, row, f"pegawai with NIP {value}")

    @strawberry.field(description="Pegawai whose records the viewer may see (their own pejabat "
                      "penilai and atasan are reachable through pejabatPenilai, not listed), "
                      "keyset-paginated")
    async def pegawai_list(
        self,
        info: strawberry.Info,
        first: int | None = None,
        after: str | None = None,
        filter: PegawaiFilter | None = None,
        order_by: PegawaiOrder = PegawaiOrder.NAMA,
    ) -> PegawaiConnection | None:
        sort = order_by.sort_key
        page = page_request(info.context.settings, sort, first, after)
        unit_path = await _unit_path(info, filter) if filter is not None else None
        inputs = (viewer_of(info).grants[Access.RECORDS], filter, unit_path)
        read = attributes_read(info, *CONNECTION_NODES)
        fields = narrowed(pegawai_fields(), read, "id", sort.column)
        found = await PAGES.fetch(_listed, inputs, fields, sort, page)
        make_node = Pegawai.from_row if read is None else Pegawai.from_columns

        async def count() -> int:  # its query is built only when totalCount is asked
            return await _listed(*inputs).count()

        return PegawaiConnection.of(info, found, sort, make_node, count)


PAGES = PageStatements()


def _listed(records: tuple[Grant, ...], filter: PegawaiFilter | None,
            unit_path: str | None) -> QuerySet:
    """The pegawai of pegawaiList: those the grants open to records, within the filter."""
    scope = any_condition(records)
    queryset = PegawaiModel.filter(scope) if scope is not None else PegawaiModel.all()
    if filter is not None:
        queryset = queryset.filter(pegawai_conditions(filter, unit_path))
    return queryset


async def _unit_path(info: strawberry.Info, filter: PegawaiFilter) -> str | None:
    unit_id = unit_filter_id(filter)
    if unit_id is None or not filter.include_descendants:
        return None
    row = await loader(info, UNIT_BY_ID).load(unit_id)
    if row is None:
        raise NotFound(f"filter.unitId: unit organisasi {filter.unit_id} does not exist")
    return row["path"]
