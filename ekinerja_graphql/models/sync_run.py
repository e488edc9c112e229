from enum import StrEnum

from tortoise import fields

from ekinerja_graphql.models.base import TimestampedModel


class SyncKind(StrEnum):
    PULL_FULL = "PULL_FULL"
    PULL_INCREMENTAL = "PULL_INCREMENTAL"
    PULL_UNOR = "PULL_UNOR"
    PUSH_EVALUASI = "PUSH_EVALUASI"


class SyncStatus(StrEnum):
    PENDING = "PENDING"
    RUNNING = "RUNNING"
    SUCCEEDED = "SUCCEEDED"
    FAILED = "FAILED"
    CANCELLED = "CANCELLED"


class SyncRun(TimestampedModel):
    """One run of a SIASN sync: its progress, checkpoint and outcome counts."""

    id = fields.IntField(primary_key=True)
    kind = fields.CharEnumField(SyncKind, max_length=20, db_index=True)
    scope = fields.CharField(max_length=120, default="")
    status = fields.CharEnumField(SyncStatus, max_length=10, db_index=True)
    requested_by = fields.CharField(max_length=18, null=True)
    started_at = fields.DatetimeField(null=True)
    finished_at = fields.DatetimeField(null=True)
    heartbeat_at = fields.DatetimeField(null=True)
    cursor_before = fields.JSONField(null=True)
    cursor_after = fields.JSONField(null=True)
    created_count = fields.IntField(default=0)
    updated_count = fields.IntField(default=0)
    unchanged_count = fields.IntField(default=0)
    deactivated_count = fields.IntField(default=0)
    quarantined_count = fields.IntField(default=0)
    failed_count = fields.IntField(default=0)
    error_summary = fields.TextField(null=True)

    class Meta:
        table = "sync_run"
