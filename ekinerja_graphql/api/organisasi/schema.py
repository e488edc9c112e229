"""Root fields of the organisation domain."""

import strawberry

from ekinerja_graphql.api.context import viewer_of
from ekinerja_graphql.api.errors import NotFound
from ekinerja_graphql.api.ids import decode_id, parse_global_id
from ekinerja_graphql.api.limits import fan_out
from ekinerja_graphql.api.loaders import loader
from ekinerja_graphql.api.organisasi.dataloaders import UNIT_BY_ID
from ekinerja_graphql.api.organisasi.types import UnitOrganisasi
from ekinerja_graphql.api.plain_values import columns
from ekinerja_graphql.api.rows import build, build_all
from ekinerja_graphql.models import UnitOrganisasi as UnitModel

ROOTS_FAN_OUT = 1  # one ministry per database today


@strawberry.type
class OrganisasiQuery:
    @strawberry.field
    async def unit_organisasi(
        self, info: strawberry.Info, id: strawberry.ID
    ) -> UnitOrganisasi | None:
        unit_id = decode_id(parse_global_id(id), "UnitOrganisasi", "id")
        row = await loader(info, UNIT_BY_ID).load(unit_id)
        if row is None:
            raise NotFound(f"unit organisasi {id} does not exist")
        return build(info, UnitOrganisasi, row)

    @strawberry.field(description="Units without a parent (the ministry)",
                      metadata=fan_out(ROOTS_FAN_OUT))
    async def unit_organisasi_roots(self, info: strawberry.Info) -> list[UnitOrganisasi] | None:
        viewer_of(info)  # signed-in users only
        rows = await UnitModel.filter(parent_id=None).order_by("nama").values(**columns(UnitModel))
        return build_all(info, UnitOrganisasi, rows)
