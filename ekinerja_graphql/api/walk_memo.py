"""What a pre-execution walk (the query cost, the input limits) found for a document, an
operation and the variables it reads: the walks are pure functions of the three, and
clients send the same request again and again (dashboards, reports, retries) or the same
document with another cursor (a report paging through a unit)."""

from collections.abc import Iterator
from typing import Any

import orjson
from graphql import (
    ArgumentNode,
    DocumentNode,
    ListValueNode,
    ObjectValueNode,
    ValueNode,
    VariableNode,
    Visitor,
    visit,
)
from strawberry.types import ExecutionContext

from ekinerja_graphql.api.lru import Lru

MAX_VARIABLE_BYTES = 2048  # only small variable sets are kept, so the memo stays small


class WalkMemo(Lru):
    """`key(context)` is None for a request not kept.

    `arguments`: the arguments whose values the walk reads; a request's key holds the
    variables used in them (anywhere in the document), so a walk that reads only `first`
    is not repeated for another `after`. None: the walk reads every variable.
    """

    __slots__ = ("max_document_bytes", "arguments", "_used")

    def __init__(self, maxsize: int, max_document_bytes: int,
                 arguments: frozenset[str] | None = None) -> None:
        super().__init__(maxsize)
        self.max_document_bytes = max_document_bytes
        self.arguments = arguments
        self._used = Lru(maxsize)  # by document text: the variables used in `arguments`

    def key(self, context: ExecutionContext) -> tuple | None:
        query = context.query or ""
        if len(query) > self.max_document_bytes:
            return None
        variables = context.variables or {}
        if self.arguments is not None and variables:
            used = self._variables_used(context)
            variables = {name: value for name, value in variables.items() if name in used}
        try:
            encoded = orjson.dumps(variables, option=orjson.OPT_SORT_KEYS)
        except TypeError:  # an upload, say: not JSON
            return None
        if len(encoded) > MAX_VARIABLE_BYTES:
            return None
        return query, context.operation_name, encoded

    def _variables_used(self, context: ExecutionContext) -> frozenset[str]:
        if not self.arguments:
            return frozenset()
        used = self._used.get(context.query)
        if used is None:
            used = self._used.put(context.query,
                                  _variables_in(context.graphql_document, self.arguments))
        return used

    def get(self, key: tuple | None, default: Any = None) -> Any:
        return default if key is None else super().get(key, default)

    def put(self, key: tuple | None, value: Any) -> Any:
        return value if key is None else super().put(key, value)


def _variables_in(document: DocumentNode | None, arguments: frozenset[str]) -> frozenset[str]:
    """The variables used in the values of the arguments so named, in any definition."""
    used: set[str] = set()

    class Collect(Visitor):
        def enter_argument(self, node: ArgumentNode, *_) -> Any:
            if node.name.value in arguments:
                used.update(variables_of(node.value))
            return Visitor.SKIP

    if document is not None:
        visit(document, Collect())
    return frozenset(used)


def variables_of(value: ValueNode) -> Iterator[str]:
    """The names of the variables a literal holds, at any depth."""
    if isinstance(value, VariableNode):
        yield value.name.value
    elif isinstance(value, ListValueNode):
        for item in value.values:
            yield from variables_of(item)
    elif isinstance(value, ObjectValueNode):
        for item in value.fields:
            yield from variables_of(item.value)
