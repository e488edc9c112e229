from tortoise import fields
from tortoise.expressions import Q

from ekinerja_graphql.domain.jabatan import Eselon
from ekinerja_graphql.domain.organisasi import JenisUnit, subtree_bounds
from ekinerja_graphql.models.base import TimestampedModel


class UnitOrganisasi(TimestampedModel):
    id = fields.IntField(primary_key=True)
    siasn_id = fields.CharField(max_length=42, unique=True, null=True)
    parent = fields.ForeignKeyField(
        "models.UnitOrganisasi",
        related_name="children",
        null=True,
        db_index=True,
        on_delete=fields.RESTRICT,
    )
    # Ancestor ids and own id, zero-padded and concatenated: see domain/organisasi.py.
    path = fields.CharField(max_length=120, unique=True)
    depth = fields.SmallIntField()
    nama = fields.CharField(max_length=255)
    nama_jabatan_pimpinan = fields.CharField(max_length=255, null=True)
    jenis = fields.CharEnumField(JenisUnit, max_length=20, db_index=True)
    eselon = fields.CharEnumField(Eselon, max_length=2, null=True)
    pemimpin = fields.ForeignKeyField(
        "models.Pegawai", related_name=False, null=True, db_index=True, on_delete=fields.SET_NULL
    )
    aktif = fields.BooleanField(default=True)

    class Meta:
        table = "unit_organisasi"


def in_subtree(path: str, path_field: str = "unit__path") -> Q:
    """A filter for rows whose unit (reached by `path_field`) is the unit at `path` or below:
    one range on the path index (domain/organisasi.py)."""
    low, high = subtree_bounds(path)
    return Q(**{f"{path_field}__gte": low, f"{path_field}__lte": high})
