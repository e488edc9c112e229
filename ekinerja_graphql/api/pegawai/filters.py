"""pegawaiList filters, turned into ORM conditions. Lists are de-duplicated; their length,
and every string's length and characters, are bounded before execution (api/input_limits.py)."""

import strawberry
from strawberry import relay
from tortoise.expressions import Q

from ekinerja_graphql.api.enums import Golongan, GolonganPppk, JenisPegawai, StatusPegawai
from ekinerja_graphql.api.errors import BadUserInput
from ekinerja_graphql.api.ids import decode_id
from ekinerja_graphql.models.unit_organisasi import in_subtree

MIN_NAME_SEARCH = 2
MAX_NAME_SEARCH = 100


@strawberry.input(description="All given conditions must hold")
class PegawaiFilter:
    unit_id: relay.GlobalID | None = None
    include_descendants: bool = strawberry.field(
        default=True, description="With unitId: the whole subtree (default) or the unit only"
    )
    jabatan_id: relay.GlobalID | None = None
    pejabat_penilai_id: relay.GlobalID | None = strawberry.field(
        default=None, description="Those this pegawai appraises: `bawahan`, page by page"
    )
    golongan: list[Golongan] | None = None
    golongan_pppk: list[GolonganPppk] | None = None
    jenis: list[JenisPegawai] | None = None
    status: list[StatusPegawai] | None = None
    nama: str | None = strawberry.field(
        default=None,
        description=f"Part of the name, case-insensitive, {MIN_NAME_SEARCH} to "
        f"{MAX_NAME_SEARCH} characters",
    )


def unit_filter_id(filter: PegawaiFilter) -> int | None:
    if filter.unit_id is None:
        return None
    return decode_id(filter.unit_id, "UnitOrganisasi", "filter.unitId")


def pegawai_conditions(filter: PegawaiFilter, unit_path: str | None) -> Q:
    """unit_path: the path of filter.unit_id, looked up by the caller (None if no unit)."""
    condition = Q()
    unit_id = unit_filter_id(filter)
    if unit_id is not None:
        if filter.include_descendants:
            condition &= in_subtree(unit_path)
        else:
            condition &= Q(unit_id=unit_id)
    if filter.jabatan_id is not None:
        condition &= Q(jabatan_id=decode_id(filter.jabatan_id, "Jabatan", "filter.jabatanId"))
    if filter.pejabat_penilai_id is not None:
        penilai = decode_id(filter.pejabat_penilai_id, "Pegawai", "filter.pejabatPenilaiId")
        condition &= Q(pejabat_penilai_id=penilai)
    for name in ("golongan", "golongan_pppk", "jenis", "status"):
        values = getattr(filter, name)
        if values is not None:
            condition &= Q(**{f"{name}__in": sorted({v.value for v in values})})
    if filter.nama is not None:
        condition &= Q(nama__icontains=_name_search(filter.nama))
    return condition


def _name_search(text: str) -> str:
    text = text.strip()
    if not MIN_NAME_SEARCH <= len(text) <= MAX_NAME_SEARCH:
        raise BadUserInput("filter.nama", f"{MIN_NAME_SEARCH} to {MAX_NAME_SEARCH} characters")
    return text
