from tortoise import fields
from tortoise.validators import MaxValueValidator, MinValueValidator

from ekinerja_graphql.domain.kepegawaian import Eselon, JenisJabatan, JenjangJabatanFungsional
from ekinerja_graphql.models.base import TimestampedModel


class Jabatan(TimestampedModel):
    id = fields.IntField(primary_key=True)
    siasn_id = fields.CharField(max_length=42, unique=True, null=True)
    nama = fields.CharField(max_length=255, db_index=True)
    jenis = fields.CharEnumField(JenisJabatan, max_length=20, db_index=True)
    kelas_jabatan = fields.SmallIntField(validators=[MinValueValidator(1), MaxValueValidator(17)])
    eselon = fields.CharEnumField(Eselon, max_length=2, null=True)
    jenjang = fields.CharEnumField(JenjangJabatanFungsional, max_length=20, null=True)

    class Meta:
        table = "jabatan"
