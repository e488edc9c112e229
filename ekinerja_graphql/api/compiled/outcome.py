"""The response a compiled run writes: its data, its errors, and the positions nulled so
far, with graphql-core's null propagation (a null in a non-null position moves up to the
nearest nullable one) and its rule that an error under a nulled position is dropped."""

from graphql import ExecutionResult, GraphQLError
from graphql.pyutils import Path


class Slot:
    """Where a completed value was written, and the slot of the object holding it."""

    __slots__ = ("container", "key", "nullable", "path", "owner")

    def __init__(self, container, key, nullable: bool, path: Path | None, owner: "Slot | None"):
        self.container = container
        self.key = key
        self.nullable = nullable
        self.path = path
        self.owner = owner


class Outcome:
    __slots__ = ("data", "errors", "nulled")

    def __init__(self) -> None:
        self.data: dict | None = {}
        self.errors: list[GraphQLError] = []
        self.nulled: set[Path | None] = set()

    def result(self) -> ExecutionResult:
        return ExecutionResult(self.data, self.errors or None)

    def fail(self, error: GraphQLError, slot: Slot | None) -> None:
        """Null the nearest nullable slot from `slot` up (the response itself at the top)."""
        while slot is not None and not slot.nullable:
            slot = slot.owner
        if slot is None:
            self.data = None
            self.add_error(error, None)
            return
        slot.container[slot.key] = None
        self.add_error(error, slot.path)

    def add_error(self, error: GraphQLError, position: Path | None) -> None:
        if self._under_nulled(position):
            return
        self.nulled.add(position)
        self.errors.append(error)

    def is_dead(self, slot: Slot | None) -> bool:
        """Whether the value at `slot` has been nulled with one of its holders."""
        nulled = self.nulled
        if not nulled:
            return False
        while slot is not None:
            if slot.path in nulled:
                return True
            slot = slot.owner
        return None in nulled

    def _under_nulled(self, path: Path | None) -> bool:
        nulled = self.nulled
        if None in nulled:
            return True
        while path is not None:
            if path in nulled:
                return True
            path = path.prev
        return False
