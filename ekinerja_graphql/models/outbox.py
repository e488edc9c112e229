"""Fixed evaluations waiting to be pushed to SIASN (sent by the SIASN workers)."""

from enum import StrEnum

from tortoise import fields

from ekinerja_graphql.models.base import TimestampedModel


class JenisKiriman(StrEnum):
    """SIASN's endpoint: skp22/save for TAHUNAN, kinerjaperiodik/save for the periods."""

    SKP22 = "SKP22"
    KINERJA_PERIODIK = "KINERJA_PERIODIK"


class StatusKiriman(StrEnum):
    PENDING = "PENDING"
    SENT = "SENT"
    FAILED = "FAILED"  # will be retried
    DEAD = "DEAD"  # given up: an admin resends it


class SiasnOutbox(TimestampedModel):
    id = fields.IntField(primary_key=True)
    evaluasi = fields.OneToOneField(
        "models.Evaluasi", related_name="kiriman_siasn", on_delete=fields.RESTRICT
    )
    jenis = fields.CharEnumField(JenisKiriman, max_length=20)
    status = fields.CharEnumField(StatusKiriman, max_length=10, db_index=True)
    attempts = fields.IntField(default=0)
    next_attempt_at = fields.DatetimeField(null=True)
    last_error = fields.TextField(null=True)
    siasn_id = fields.CharField(max_length=64, null=True)  # mapData id once sent

    class Meta:
        table = "siasn_outbox"
