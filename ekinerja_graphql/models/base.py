from tortoise import fields
from tortoise.models import Model


class TimestampedModel(Model):
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        abstract = True


class VersionedModel(TimestampedModel):
    """Optimistic concurrency: every write checks and bumps `version`."""

    version = fields.IntField(default=1)

    class Meta:
        abstract = True
