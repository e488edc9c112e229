"""Abstract bases: timestamps, and the version counter of mutable aggregates."""

from tortoise import fields
from tortoise.models import Model


class TimestampedModel(Model):
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        abstract = True


class VersionedModel(TimestampedModel):
    """Carries `version` for optimistic concurrency: every write compares and bumps it
    (services/versioning.py)."""

    version = fields.IntField(default=1)

    class Meta:
        abstract = True
