from datetime import date, datetime

import strawberry

from ekinerja_graphql.api.enums import Peran
from ekinerja_graphql.api.loaders import loader
from ekinerja_graphql.api.organisasi.dataloaders import UNIT_BY_ID
from ekinerja_graphql.api.organisasi.types import UnitOrganisasi
from ekinerja_graphql.api.pegawai.types import Pegawai, load_visible_pegawai
from ekinerja_graphql.api.rows import build


@strawberry.type(description="An admin role held by a pegawai or a service account, for a "
                 "unit subtree (ADMIN_UNIT) or everything (ADMIN_PUSAT), over a period")
class AdminAssignment:
    id: int = strawberry.field(description="The number `ekinerja admin revoke` takes")
    role: Peran
    service_account: str | None
    valid_from: date
    valid_until: date | None = strawberry.field(description="Inclusive; null: until revoked")
    granted_by: str
    granted_at: datetime
    revoked_at: datetime | None
    revoked_by: str | None
    pegawai_id: strawberry.Private[int | None]
    unit_id: strawberry.Private[int | None]

    @strawberry.field
    async def pegawai(self, info: strawberry.Info) -> Pegawai | None:
        if self.pegawai_id is None:
            return None
        return await load_visible_pegawai(info, self.pegawai_id)

    @strawberry.field(description="The administered subtree's root; null for ADMIN_PUSAT")
    async def unit(self, info: strawberry.Info) -> UnitOrganisasi | None:
        if self.unit_id is None:
            return None
        return build(info, UnitOrganisasi, await loader(info, UNIT_BY_ID).load(self.unit_id))
