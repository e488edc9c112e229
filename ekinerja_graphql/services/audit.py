"""The audit log: every mutation writes who did what, and the record before and after, in
the same transaction as the change itself."""

from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from tortoise.models import Model

from ekinerja_graphql.models import AuditLog
from ekinerja_graphql.services.access.peran import Actor


async def record(actor: Actor, action: str, obj: Model | None, **details: Any) -> None:
    """Writes one entry (see `entry`)."""
    await entry(actor, action, obj, **details).save()


def entry(
    actor: Actor,
    action: str,
    obj: Model | None,
    *,
    pegawai_id: int | None,
    before: Mapping[str, Any] | None = None,
    object_type: str | None = None,
    object_id: int | None = None,
) -> AuditLog:
    """Who took which mutation on what; `before` is `snapshot(obj)` taken before the change
    (None when the object is new), the after is read from `obj` as it is now (None when
    deleted). Unsaved: `record` saves it; a bulk step writes its entries in one INSERT."""
    return AuditLog(
        subject=actor.subject,
        action=action,
        object_type=object_type or type(obj).__name__,
        object_id=object_id if object_id is not None else getattr(obj, "id", None),
        pegawai_id=pegawai_id,
        before=dict(before) if before is not None else None,
        after=snapshot(obj) if obj is not None else None,
        request_id=actor.request_id,
    )


def snapshot(obj: Model) -> dict[str, Any]:
    """The object's columns as JSON values (dates ISO, decimals as text, enums by value)."""
    return {name: _json(getattr(obj, name)) for name in obj._meta.fields_db_projection}


def _json(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value
