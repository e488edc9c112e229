"""pegawaiList filters and ordering, turned into ORM conditions."""

from enum import Enum

import strawberry
from strawberry import relay
from tortoise.expressions import Q

from ekinerja_graphql.api.enums import Golongan, JenisPegawai, StatusPegawai
from ekinerja_graphql.api.errors import BadUserInput
from ekinerja_graphql.api.ids import decode_id
from ekinerja_graphql.domain.organisasi import subtree_bounds

MIN_NAME_SEARCH = 2


@strawberry.enum(description="Order of pegawaiList; both are keyset-paginated")
class PegawaiOrder(Enum):
    NAMA = "nama"
    NIP = "nip"


@strawberry.input(description="All given conditions must hold")
class PegawaiFilter:
    unit_id: relay.GlobalID | None = None
    include_descendants: bool = strawberry.field(
        default=True, description="With unitId: the whole subtree (default) or the unit only"
    )
    jabatan_id: relay.GlobalID | None = None
    golongan: list[Golongan] | None = None
    jenis: list[JenisPegawai] | None = None
    status: list[StatusPegawai] | None = None
    nama: str | None = strawberry.field(
        default=None, description="Part of the name, case-insensitive, at least 2 characters"
    )


def pegawai_conditions(filter: PegawaiFilter, unit_path: str | None) -> Q:
    """unit_path: the path of filter.unit_id, looked up by the caller (None if no unit)."""
    condition = Q()
    if filter.unit_id is not None:
        if filter.include_descendants:
            low, high = subtree_bounds(unit_path)
            condition &= Q(unit__path__gte=low, unit__path__lt=high)
        else:
            condition &= Q(unit_id=decode_id(filter.unit_id, "UnitOrganisasi", "filter.unitId"))
    if filter.jabatan_id is not None:
        condition &= Q(jabatan_id=decode_id(filter.jabatan_id, "Jabatan", "filter.jabatanId"))
    for name in ("golongan", "jenis", "status"):
        values = getattr(filter, name)
        if values is not None:
            condition &= Q(**{f"{name}__in": [v.value for v in values]})
    if filter.nama is not None:
        text = filter.nama.strip()
        if len(text) < MIN_NAME_SEARCH:
            raise BadUserInput("filter.nama", f"at least {MIN_NAME_SEARCH} characters")
        condition &= Q(nama__icontains=text)
    return condition
