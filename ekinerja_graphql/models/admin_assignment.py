"""Who administers what: the source of ADMIN_UNIT and ADMIN_PUSAT (spec/domain.md §8)."""

from tortoise import fields
from tortoise.migrations.constraints import CheckConstraint
from tortoise.models import Model

from ekinerja_graphql.domain.akses import Peran


class AdminAssignment(Model):
    """A grant of an admin role to a pegawai or a service account, for a unit subtree
    (ADMIN_UNIT) or the whole ministry (ADMIN_PUSAT, no unit), from one date to another.

    Rows are never deleted: revoking sets revoked_at, so the history stays readable.
    """

    id = fields.IntField(primary_key=True)
    pegawai = fields.ForeignKeyField(
        "models.Pegawai", related_name=False, null=True, db_index=True, on_delete=fields.RESTRICT
    )
    # A service account named in settings (EKINERJA_SERVICE_ACCOUNTS) instead of a pegawai.
    service_account = fields.CharField(max_length=64, null=True, db_index=True)
    role = fields.CharEnumField(Peran, max_length=20)
    unit = fields.ForeignKeyField(
        "models.UnitOrganisasi", related_name=False, null=True, db_index=True,
        on_delete=fields.RESTRICT,
    )
    valid_from = fields.DateField()
    valid_until = fields.DateField(null=True)  # inclusive; null: until revoked
    granted_by = fields.CharField(max_length=64)
    granted_at = fields.DatetimeField(auto_now_add=True)
    revoked_at = fields.DatetimeField(null=True)
    revoked_by = fields.CharField(max_length=64, null=True)

    class Meta:
        table = "admin_assignment"
        constraints = (
            CheckConstraint(
                check="(pegawai_id IS NULL) <> (service_account IS NULL)",
                name="admin_assignment_one_subject",
            ),
            CheckConstraint(
                check="(role = 'ADMIN_UNIT' AND unit_id IS NOT NULL)"
                " OR (role = 'ADMIN_PUSAT' AND unit_id IS NULL)",
                name="admin_assignment_unit_matches_role",
            ),
            CheckConstraint(
                check="valid_until IS NULL OR valid_until >= valid_from",
                name="admin_assignment_valid_range",
            ),
        )
