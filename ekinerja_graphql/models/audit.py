"""Every change made through a mutation: who, what, the record before and after."""

from tortoise import fields
from tortoise.models import Model


class AuditLog(Model):
    id = fields.IntField(primary_key=True)
    at = fields.DatetimeField(auto_now_add=True, db_index=True)
    subject = fields.CharField(max_length=64)  # the token's subject
    action = fields.CharField(max_length=60)  # the mutation
    object_type = fields.CharField(max_length=40)
    object_id = fields.IntField(null=True)
    # The pegawai whose record it is: admins see the entries of the pegawai they administer.
    pegawai = fields.ForeignKeyField(
        "models.Pegawai", related_name=False, null=True, db_index=True, on_delete=fields.SET_NULL
    )
    before = fields.JSONField(null=True)
    after = fields.JSONField(null=True)
    request_id = fields.CharField(max_length=64, null=True)

    class Meta:
        table = "audit_log"
        indexes = (("object_type", "object_id"),)
