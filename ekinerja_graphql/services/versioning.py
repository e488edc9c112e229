"""Optimistic concurrency: a write names the version it read; a stale one is refused."""

from datetime import UTC, datetime
from typing import Any

from tortoise.models import Model

from ekinerja_graphql.errors import BadUserInput, Conflict, NotFound

MAKS_VERSION = 2**31 - 1  # the column is a 32-bit integer


async def save_versioned(obj: Model, expected_version: int, **changes: Any) -> None:
    """Applies `changes` to `obj` if it is still at `expected_version`, bumping the version;
    CONFLICT with the current version otherwise. Call inside the mutation's transaction."""
    name = type(obj).__name__
    if expected_version >= MAKS_VERSION:  # no row has it, and version + 1 would not fit
        raise BadUserInput("version", f"the version you read, below {MAKS_VERSION}")
    if "updated_at" in obj._meta.fields_map:  # update() does not set auto_now fields
        changes["updated_at"] = datetime.now(UTC)
    updated = await type(obj).filter(id=obj.id, version=expected_version).update(
        **changes, version=expected_version + 1
    )
    if not updated:
        current = await type(obj).filter(id=obj.id).values_list("version", flat=True)
        if not current:
            raise NotFound(f"{name} {obj.id} does not exist")
        raise Conflict(f"{name} {obj.id} changed since you read it (version {expected_version},"
                       f" now {current[0]}): reload it and try again",
                       current_version=current[0])  # fmt: skip
    for field, value in changes.items():
        setattr(obj, field, value)
    obj.version = expected_version + 1
