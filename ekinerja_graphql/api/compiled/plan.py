"""A compiled plan: for each selection of a document, the fields it asks of one object type
and how each gets its value. Built on first use, kept for the same document, operation
and @include/@skip variable values."""

from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    GraphQLField,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLSchema,
    VariableNode,
    is_leaf_type,
    visit,
)
from graphql.execution.collect_fields import FieldDetailsList
from graphql.language import DirectiveNode, Visitor
from strawberry import relay
from strawberry.permission import PermissionExtension

from ekinerja_graphql.api.compiled.leaves import leaf_writer
from ekinerja_graphql.api.permissions import Guard
from ekinerja_graphql.api.related import RELATED as RELATED_METADATA

DEFINITION = "strawberry-definition"  # where Strawberry keeps its field on a GraphQLField

# How a field's value is obtained.
TYPENAME = 0  # __typename: the object type's name
ATTRIBUTE = 1  # a plain attribute of the object (Strawberry's basic field)
NODE_ID = 2  # relay Node.id: the global ID of the type's NodeID attribute
CALL = 3  # the Strawberry resolver itself, with arguments converted once per request
RESOLVE = 4  # the GraphQL field's own resolve function (permissions, relay, introspection)
RELATED = 5  # api/related.py: the loader asked for the object's key, without the resolver


@dataclass(slots=True, eq=False)
class FieldPlan:
    key: str  # the response key (alias or name)
    name: str  # the field's name in the schema
    details: FieldDetailsList
    nodes: list[FieldNode]
    definition: GraphQLField
    parent_type: GraphQLObjectType
    return_type: GraphQLOutputType
    kind: int
    non_null: bool = False
    leaf: Any = None  # for a leaf type (or a non-null one): value -> JSON value
    attribute: str | None = None  # ATTRIBUTE, NODE_ID
    strawberry_field: Any = None  # CALL
    # CALL, RELATED: coerced argument values -> keyword arguments (compiled/arguments.py)
    convert_arguments: Any = None
    guards: tuple = ()  # CALL, RELATED: permissions checked first (api/permissions.py Guard)
    related: Any = None  # RELATED: its api.related.Related
    related_rows: tuple | None = None  # RELATED: how its rows are read, found on first use
    # RELATED: the selection its rows are written with, standing for their objects; False
    # where objects must be made (compiled/run.py _row_children); found on first use.
    row_children: Any = None
    # For a list of one concrete object type: (the GraphQL type, the Strawberry class whose
    # exact instances are written without the general completion), found on first use.
    list_items: tuple | None = None
    # The selection on each runtime object type returned, collected on first use.
    children: dict[str, list["FieldPlan"]] = field(default_factory=dict)
    # By runtime object type: its compiled/leaf_objects.LeafObject, or None when the
    # selection holds more than leaves.
    leaf_objects: dict[str, Any] = field(default_factory=dict)


def field_plans(
    schema: GraphQLSchema, parent_type: GraphQLObjectType, grouped: dict[str, FieldDetailsList]
) -> list[FieldPlan]:
    plans = []
    for key, details in grouped.items():
        nodes = [detail.node for detail in details]
        name = nodes[0].name.value
        definition = schema.get_field(parent_type, name)
        if definition is None:
            continue  # graphql-core skips it too (validation reports unknown fields)
        plans.append(_field_plan(key, details, nodes, name, definition, parent_type))
    return plans


def _field_plan(key, details, nodes, name, definition, parent_type) -> FieldPlan:
    plan = FieldPlan(key, name, details, nodes, definition, parent_type, definition.type,
                     RESOLVE)
    plan.non_null = isinstance(definition.type, GraphQLNonNull)
    named = definition.type.of_type if plan.non_null else definition.type
    if is_leaf_type(named):
        plan.leaf = leaf_writer(named)
    if name == "__typename":
        plan.kind = TYPENAME
        return plan
    strawberry_field = definition.extensions.get(DEFINITION)
    resolve = definition.resolve
    if strawberry_field is None or resolve is None:
        return plan
    if getattr(resolve, "_is_default", False) and strawberry_field.is_basic_field:
        plan.kind, plan.attribute = ATTRIBUTE, strawberry_field.python_name
    elif _is_plain_node_id(strawberry_field, parent_type):
        plan.kind = NODE_ID
        plan.attribute = parent_type.extensions[DEFINITION].origin.resolve_id_attr()
    elif (guards := _direct_call_guards(strawberry_field)) is not None:
        plan.related = strawberry_field.metadata.get(RELATED_METADATA)
        plan.guards = guards
        plan.kind = CALL if plan.related is None else RELATED
        plan.strawberry_field = strawberry_field
    return plan


def _is_plain_node_id(strawberry_field, parent_type: GraphQLObjectType) -> bool:
    """Node.id of a type that keeps Strawberry's own resolve_id and resolve_typename."""
    if strawberry_field.python_name != "_id":
        return False
    definition = parent_type.extensions.get(DEFINITION)
    origin = getattr(definition, "origin", None)
    return (isinstance(origin, type) and issubclass(origin, relay.Node)
            and origin.resolve_id.__func__ is relay.Node.resolve_id.__func__
            and origin.resolve_typename.__func__ is relay.Node.resolve_typename.__func__)


def _direct_call_guards(strawberry_field) -> tuple | None:
    """For a resolver that may be called directly (it takes at most self, info and
    arguments; its only field extension checks the read guards of api/permissions.py):
    those guards, checked before the call as Strawberry's PermissionExtension checks them
    (empty: none). None: the field's own resolve must run."""
    resolver = strawberry_field.base_resolver
    if resolver is None or resolver.parent_parameter is not None \
            or resolver.root_parameter is not None:
        return None
    extensions = strawberry_field.extensions
    if not extensions:
        return ()
    if len(extensions) != 1 or type(extensions[0]) is not PermissionExtension \
            or extensions[0].fail_silently:
        return None
    permissions = tuple(extensions[0].permissions)
    return permissions if all(isinstance(p, Guard) for p in permissions) else None


def list_items(plan: FieldPlan) -> tuple:
    """(object type, class) when the field is a list of a concrete Strawberry object type,
    nullable items or not; (None, None) otherwise."""
    if plan.list_items is None:
        named = plan.return_type.of_type if plan.non_null else plan.return_type
        found: tuple = (None, None)
        if isinstance(named, GraphQLList):
            item = named.of_type.of_type if isinstance(named.of_type, GraphQLNonNull) \
                else named.of_type
            origin = getattr(item.extensions.get(DEFINITION), "origin", None) \
                if isinstance(item, GraphQLObjectType) else None
            if isinstance(origin, type):
                found = (item, origin)
        plan.list_items = found
    return plan.list_items


@dataclass(slots=True, eq=False)
class Plan:
    root: list[FieldPlan] | None = None  # collected on first use


class PlanCache:
    """Plans by (document, operation name, values of the variables @include/@skip read),
    least recently used first out; `maxsize` documents, each with a few variable sets."""

    VARIANTS_PER_DOCUMENT = 8

    def __init__(self, maxsize: int) -> None:
        self.maxsize = maxsize
        self._documents: OrderedDict[tuple, tuple[tuple[str, ...], dict]] = OrderedDict()

    def plan_for(self, query: str, operation_name: str | None, document: DocumentNode,
                 variables: dict[str, Any]) -> Plan:
        key = (query, operation_name)
        entry = self._documents.get(key)
        if entry is None:
            entry = (directive_variables(document), {})
            self._documents[key] = entry
            if len(self._documents) > self.maxsize:
                self._documents.popitem(last=False)
        else:
            self._documents.move_to_end(key)
        names, variants = entry
        values = tuple(variables.get(name) for name in names)
        plan = variants.get(values)
        if plan is None:
            if len(variants) >= self.VARIANTS_PER_DOCUMENT:
                variants.clear()
            plan = variants[values] = Plan()
        return plan


def directive_variables(document: DocumentNode) -> tuple[str, ...]:
    """The variables any @include or @skip of the document reads: they shape the plan."""
    names: set[str] = set()

    class Reader(Visitor):
        def enter_directive(self, node: DirectiveNode, *_: Any) -> None:
            if node.name.value in ("include", "skip"):
                names.update(argument.value.name.value for argument in node.arguments
                             if isinstance(argument.value, VariableNode))

    visit(document, Reader())
    return tuple(sorted(names))
