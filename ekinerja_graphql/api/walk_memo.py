"""What a pre-execution walk (the query cost, the input limits) found for a document, an
operation and the variables it was sent with: the walks are pure functions of the three,
and clients send the same request again and again (dashboards, reports, retries)."""

from typing import Any

import orjson
from strawberry.types import ExecutionContext

from ekinerja_graphql.api.lru import Lru

MAX_VARIABLE_BYTES = 2048  # only small variable sets are kept, so the memo stays small


class WalkMemo(Lru):
    """`key(context)` is None for a request not kept."""

    __slots__ = ("max_document_bytes",)

    def __init__(self, maxsize: int, max_document_bytes: int) -> None:
        super().__init__(maxsize)
        self.max_document_bytes = max_document_bytes

    def key(self, context: ExecutionContext) -> tuple | None:
        query = context.query or ""
        if len(query) > self.max_document_bytes:
            return None
        try:
            variables = orjson.dumps(context.variables or {}, option=orjson.OPT_SORT_KEYS)
        except TypeError:  # an upload, say: not JSON
            return None
        if len(variables) > MAX_VARIABLE_BYTES:
            return None
        return query, context.operation_name, variables

    def get(self, key: tuple | None, default: Any = None) -> Any:
        return default if key is None else super().get(key, default)

    def put(self, key: tuple | None, value: Any) -> Any:
        return value if key is None else super().put(key, value)
