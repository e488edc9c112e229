from enum import StrEnum

from tortoise import fields
from tortoise.models import Model

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
    total = fields.IntField(null=True)  # items to go through, once known
    done = fields.IntField(default=0, db_default=0)
    # "kind:scope" while RUNNING, null after: one running run per kind and scope.
    active_key = fields.CharField(max_length=160, null=True, unique=True)
    # The worker task running it: a second delivery of its message finds it taken.
    claimed_by = fields.CharField(max_length=64, null=True)

    class Meta:
        table = "sync_run"


class SyncDifference(Model):
    """A field SIASN holds otherwise than we did, as the run found (and applied) it."""

    id = fields.IntField(primary_key=True)
    run = fields.ForeignKeyField("models.SyncRun", related_name="differences", db_index=True,
                                 on_delete=fields.CASCADE)  # fmt: skip
    code = fields.CharField(max_length=40)  # UNOR_RENAMED, PEGAWAI_GOLONGAN_CHANGED …
    object_type = fields.CharField(max_length=40)
    object_id = fields.IntField(null=True)
    siasn_id = fields.CharField(max_length=42, null=True)
    field = fields.CharField(max_length=60)
    old = fields.TextField(null=True)
    new = fields.TextField(null=True)
    at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "sync_difference"


class SyncQuarantine(Model):
    """A SIASN payload that did not parse, kept whole with the reason."""

    id = fields.IntField(primary_key=True)
    run = fields.ForeignKeyField("models.SyncRun", related_name="quarantined", db_index=True,
                                 on_delete=fields.CASCADE)  # fmt: skip
    source = fields.CharField(max_length=120)  # the call: "ref-unor", "data-utama 1990…"
    reason = fields.TextField()
    payload = fields.JSONField(null=True)
    at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "sync_quarantine"


class SyncFailure(Model):
    """An item a run could not take, with a stable code and who can fix it."""

    id = fields.IntField(primary_key=True)
    run = fields.ForeignKeyField("models.SyncRun", related_name="failures", db_index=True,
                                 on_delete=fields.CASCADE)  # fmt: skip
    code = fields.CharField(max_length=40)
    penanggung = fields.CharField(max_length=24)  # siasn.errors.Penanggung
    key = fields.CharField(max_length=120, null=True)  # a NIP, a unor id
    message = fields.TextField()
    at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "sync_failure"


class StatusBatch(StrEnum):
    PENDING = "PENDING"
    DONE = "DONE"


class SyncBatch(Model):
    """A slice of a pegawai run's NIPs: the unit of work of one message and the run's
    checkpoint. Marked DONE in the transaction that applies it, so a batch is applied once
    however often its message arrives, and a resumed run skips what is done."""

    id = fields.IntField(primary_key=True)
    run = fields.ForeignKeyField("models.SyncRun", related_name="batches", db_index=True,
                                 on_delete=fields.CASCADE)  # fmt: skip
    nomor = fields.IntField()
    nips = fields.JSONField()
    status = fields.CharEnumField(StatusBatch, max_length=8, default=StatusBatch.PENDING)
    claimed_by = fields.CharField(max_length=64, null=True)
    claimed_at = fields.DatetimeField(null=True)
    done_at = fields.DatetimeField(null=True)

    class Meta:
        table = "sync_batch"
        unique_together = (("run", "nomor"),)
