"""Keyset pagination: opaque cursors over (sort value, id), `first` capped by settings."""

import base64
from dataclasses import dataclass

import orjson

from ekinerja_graphql.api.errors import BadUserInput

CURSOR_PREFIX = "k:"


def encode_cursor(sort_value: object, row_id: int) -> str:
    payload = orjson.dumps([sort_value, row_id])
    return base64.urlsafe_b64encode(CURSOR_PREFIX.encode() + payload).decode()


def decode_cursor(cursor: str, argument: str = "after") -> tuple[object, int]:
    try:
        raw = base64.urlsafe_b64decode(cursor.encode())
        if not raw.startswith(CURSOR_PREFIX.encode()):
            raise ValueError
        sort_value, row_id = orjson.loads(raw[len(CURSOR_PREFIX) :])
        return sort_value, int(row_id)
    except (ValueError, TypeError):
        raise BadUserInput(argument, "a cursor returned by pageInfo.endCursor or edge.cursor") \
            from None


@dataclass(frozen=True, slots=True)
class PageRequest:
    first: int
    after: tuple[object, int] | None

    @classmethod
    def from_arguments(
        cls, first: int | None, after: str | None, default_size: int, max_size: int
    ) -> "PageRequest":
        size = default_size if first is None else first
        if not 0 <= size <= max_size:
            raise BadUserInput("first", f"an integer from 0 to {max_size}")
        return cls(size, decode_cursor(after) if after else None)


@dataclass(frozen=True, slots=True)
class Page:
    """Rows of one page plus whether more follow; rows are plain dicts."""

    rows: list[dict]
    has_next_page: bool


def page_request(settings, first: int | None, after: str | None) -> PageRequest:
    """The page a connection field's `first`/`after` ask for, within the settings' limits."""
    return PageRequest.from_arguments(
        first, after, settings.default_page_size, settings.max_page_size
    )
