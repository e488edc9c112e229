"""Query cost, computed from the validated document before execution and capped.

Every field costs 1. A field with a `first` (or `last`) argument multiplies the
cost of its sub-selection by the page size it asks for (the default page size
when omitted); a field with an `ids` (or a bulk mutation's `items`) argument
multiplies it by the length of that list; a list
field without either by the fan-out it declares (`metadata=fan_out(n)`). Inline
fragments on different types are summed, an upper bound for interfaces and unions.

The cost becomes the request's result budget (api/rows.py): the objects a query
returns never exceed it.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from graphql import (
    ExecutionResult,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLField,
    GraphQLNamedType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    SchemaMetaFieldDef,
    SelectionSetNode,
    TypeMetaFieldDef,
    get_named_type,
    value_from_ast_untyped,
)
from strawberry.extensions import SchemaExtension

from ekinerja_graphql.api.errors import BAD_USER_INPUT
from ekinerja_graphql.api.operation import current_operation
from ekinerja_graphql.api.walk_memo import WalkMemo

PAGE_ARGUMENTS = ("first", "last")
BATCH_ARGUMENTS = ("ids", "items")
COST_ARGUMENTS = frozenset(PAGE_ARGUMENTS + BATCH_ARGUMENTS)  # the only values the cost reads
FAN_OUT = "fan_out"


# Fan-outs that follow the configuration, named in metadata and resolved per schema.
PER_PERIODE = "per_periode"  # one item per evaluation period of the year, and the year


def fan_out(items: int | str) -> dict[str, int | str]:
    """Field metadata: a list field counts `items` times its sub-selection in the cost;
    a name (PER_PERIODE) takes its number from the settings."""
    return {FAN_OUT: items}


def named_fan_outs(evaluation_period: str) -> dict[str, int]:
    return {PER_PERIODE: (12 if evaluation_period == "BULANAN" else 4) + 1}


def declared_fan_out(definition: GraphQLField, named: dict[str, int]) -> int | None:
    strawberry_field = (definition.extensions or {}).get("strawberry-definition")
    metadata = getattr(strawberry_field, "metadata", None) or {}
    declared = metadata.get(FAN_OUT)
    return named[declared] if isinstance(declared, str) else declared


_META_FIELDS = {"__schema": SchemaMetaFieldDef, "__type": TypeMetaFieldDef}


@dataclass
class CostWalker:
    schema: GraphQLSchema
    fragments: dict[str, FragmentDefinitionNode]
    variables: dict[str, Any]
    default_page_size: int
    max_page_size: int
    named: dict[str, int] = field(default_factory=lambda: named_fan_outs("BULANAN"))
    errors: list[GraphQLError] = field(default_factory=list)
    _fragment_costs: dict[str, int] = field(default_factory=dict)

    def selection_set(self, node: SelectionSetNode | None, parent: GraphQLNamedType) -> int:
        if node is None:
            return 0
        total = 0
        for selection in node.selections:
            if isinstance(selection, FieldNode):
                total += self.field(selection, parent)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                on = self.schema.get_type(condition.name.value) if condition else parent
                total += self.selection_set(selection.selection_set, on or parent)
            elif isinstance(selection, FragmentSpreadNode):
                total += self.fragment(selection.name.value)
        return total

    def fragment(self, name: str) -> int:
        # Memoised: a fragment's cost does not depend on where it is spread, and
        # re-walking it per spread would let nested spreads grow exponentially.
        if name not in self._fragment_costs:
            self._fragment_costs[name] = 0  # a cycle (only without validation) costs nothing
            definition = self.fragments.get(name)
            if definition is not None:
                on = self.schema.get_type(definition.type_condition.name.value)
                self._fragment_costs[name] = self.selection_set(definition.selection_set, on)
        return self._fragment_costs[name]

    def field(self, node: FieldNode, parent: GraphQLNamedType) -> int:
        definition = _field_definition(parent, node.name.value)
        if definition is None:
            return 1
        multiplier = self.multiplier(node, definition)  # checks `first` on leaf lists too
        child = get_named_type(definition.type)
        return 1 + multiplier * self.selection_set(node.selection_set, child)

    def multiplier(self, node: FieldNode, definition: GraphQLField) -> int:
        arguments = {argument.name.value: argument.value for argument in node.arguments or ()}
        for name in BATCH_ARGUMENTS:
            if name in definition.args and name in arguments:
                batch = value_from_ast_untyped(arguments[name], self.variables)
                return len(batch) if isinstance(batch, list) else 1
        if not any(name in definition.args for name in PAGE_ARGUMENTS):
            return declared_fan_out(definition, self.named) or 1
        sizes = [self.page_size(node, name, arguments.get(name)) for name in PAGE_ARGUMENTS]
        given = [size for size in sizes if size is not None]
        return max(given) if given else self.default_page_size

    def page_size(self, node: FieldNode, name: str, value_node: Any) -> int | None:
        value = value_from_ast_untyped(value_node, self.variables) if value_node else None
        if not isinstance(value, int) or isinstance(value, bool):
            return None
        if not 0 <= value <= self.max_page_size:
            message = f"{name} must be between 0 and {self.max_page_size}"
            extensions = {"code": BAD_USER_INPUT, "field": name}
            self.errors.append(GraphQLError(message, nodes=node, extensions=extensions))
        return min(max(value, 0), self.max_page_size)


def _field_definition(parent: GraphQLNamedType, name: str) -> GraphQLField | None:
    if name in _META_FIELDS:
        return _META_FIELDS[name]
    fields = getattr(parent, "fields", None)
    return fields.get(name) if fields else None


@dataclass(frozen=True)
class QueryCost:
    requested: int
    errors: list[GraphQLError]


def query_cost(
    schema: GraphQLSchema,
    operation: OperationDefinitionNode,
    fragments: dict[str, FragmentDefinitionNode],
    variables: dict[str, Any] | None,
    default_page_size: int,
    max_page_size: int,
    named: dict[str, int] | None = None,
) -> QueryCost:
    walker = CostWalker(
        schema, fragments, _with_defaults(operation, variables), default_page_size, max_page_size,
        named if named is not None else named_fan_outs("BULANAN"),
    )
    root = schema.get_root_type(operation.operation)
    requested = walker.selection_set(operation.selection_set, root)
    return QueryCost(requested, walker.errors)


def _with_defaults(operation: OperationDefinitionNode, variables: dict | None) -> dict:
    # graphql-core 3.3 leaves empty node lists as None.
    defaults = {
        definition.variable.name.value: value_from_ast_untyped(definition.default_value)
        for definition in operation.variable_definitions or ()
        if definition.default_value is not None
    }
    return {**defaults, **(variables or {})}


class QueryCostLimit(SchemaExtension):
    """Rejects an operation whose cost exceeds `maximum`, before any resolver runs."""

    def __init__(self, maximum: int, default_page_size: int, max_page_size: int,
                 named: dict[str, int] | None = None,
                 memo: WalkMemo | None = None) -> None:  # fmt: skip
        self.maximum = maximum
        self.default_page_size = default_page_size
        self.max_page_size = max_page_size
        self.named = named
        self.memo = memo  # costs found without errors
        self.requested: int | None = None

    def on_execute(self) -> Iterator[None]:
        cost = None if self.execution_context.result is not None else self._measure()
        if cost is not None:
            self.requested = cost.requested
            errors = cost.errors or self._over_maximum(cost.requested)
            if errors:
                # Strawberry skips execution when an extension has already set the result.
                self.execution_context.result = ExecutionResult(data=None, errors=errors)
            budget = getattr(self.execution_context.context, "budget", None)
            if budget is not None:
                budget.limit = cost.requested
        yield

    def _measure(self) -> QueryCost | None:
        context = self.execution_context
        key = self.memo.key(context) if self.memo is not None else None
        cost = self.memo.get(key) if key is not None else None
        if cost is not None:
            return cost
        operation = current_operation(context)
        if operation is None:
            return None
        cost = query_cost(
            context.schema._schema,
            operation.definition,
            operation.fragments,
            context.variables,
            self.default_page_size,
            self.max_page_size,
            self.named,
        )
        if not cost.errors and self.memo is not None:
            self.memo.put(key, cost)
        return cost

    def _over_maximum(self, requested: int) -> list[GraphQLError]:
        if requested <= self.maximum:
            return []
        message = (
            f"Query cost {requested} exceeds the maximum of {self.maximum}; "
            "request fewer items with `first` or select fewer fields"
        )
        return [GraphQLError(message, extensions={"code": BAD_USER_INPUT})]

    def get_results(self) -> dict[str, Any]:
        if self.requested is None:
            return {}
        return {"cost": {"requested": self.requested, "maximum": self.maximum}}
