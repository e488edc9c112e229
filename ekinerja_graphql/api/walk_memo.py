"""What a pre-execution walk (the query cost, the input limits) found for a document, an
operation and the variables it was sent with: the walks are pure functions of the three,
and clients send the same request again and again (dashboards, reports, retries)."""

from collections import OrderedDict
from typing import Any

import orjson
from strawberry.types import ExecutionContext

MAX_VARIABLE_BYTES = 2048  # only small variable sets are kept, so the memo stays small


class WalkMemo:
    """Least recently used first out; `key(context)` is None for a request not kept."""

    def __init__(self, maxsize: int, max_document_bytes: int) -> None:
        self.maxsize = maxsize
        self.max_document_bytes = max_document_bytes
        self._found: OrderedDict[tuple, Any] = OrderedDict()

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

    def get(self, key: tuple | None) -> Any:
        if key is None:
            return None
        found = self._found.get(key)
        if found is not None:
            self._found.move_to_end(key)
        return found

    def put(self, key: tuple | None, found: Any) -> None:
        if key is None:
            return
        self._found[key] = found
        if len(self._found) > self.maxsize:
            self._found.popitem(last=False)
