"""Which attributes of the objects a list field returns the query will read, so that the
field's SELECT reads those columns and no more: a report's page of pegawai needs 6 of
the 32 it could read, and each column costs decoding, converting and building the query.
(An object built from a row has its columns as attributes.)

A field reads: its attribute (a plain field or Node.id), the key its loader is asked for
(api/related.py), nothing (__typename), or, for a resolver, what its `reads(...)`
metadata declares plus the columns its guards check (api/permissions.Guard.reads). A
resolver that declares nothing may read anything: the objects are then read whole.
"""

from collections.abc import Iterable
from weakref import WeakKeyDictionary

import strawberry
from graphql import GraphQLObjectType, GraphQLSchema, get_named_type
from graphql.execution.collect_fields import FieldDetails, FragmentDetails, collect_subfields
from graphql.execution.values import VariableValues

from ekinerja_graphql.api.compiled.plan import (
    ATTRIBUTE,
    CALL,
    NODE_ID,
    RELATED,
    TYPENAME,
    FieldPlan,
    directive_variables,
    field_plans,
)
from ekinerja_graphql.api.lru import Lru

READS = "ekinerja-reads"  # field metadata: the attributes its resolver reads


def reads(*attributes: str) -> dict:
    """`strawberry.field(metadata=reads("id"))`: the resolver reads only these attributes
    of its object (its guards add their own)."""
    return {READS: frozenset(attributes)}


def attributes_read(info: strawberry.Info, *paths: tuple[str, ...]) -> frozenset[str] | None:
    """The attributes the query reads of the objects at `paths` below this field (for a
    connection: ("nodes",), ("edges", "node")); None when a field there may read any.
    Remembered for the field's place in a document, with the values of the variables its
    @include and @skip may read: a report asks the same for each of its pages."""
    raw = info._raw_info
    variables = raw.variable_values
    if isinstance(variables, dict):  # Strawberry gives graphql-core's resolvers the values only
        variables = VariableValues({}, variables)
    location = raw.operation.loc
    if location is None or len(location.source.body) > info.context.settings \
            .max_cached_document_bytes:
        return _attributes_read(raw, variables, paths)  # a large document is not kept
    # Per schema; the nodes and types are kept in the entry: their ids stay theirs meanwhile.
    remembered = _REMEMBERED.get(raw.schema)
    if remembered is None:
        remembered = _REMEMBERED[raw.schema] = Lru(REMEMBERED)
    place = (raw.parent_type, raw.return_type, *raw.field_nodes)
    names = _directive_variables(remembered, place, raw)
    key = (*map(id, place), paths, *(variables.coerced.get(name) for name in names))
    try:
        found = remembered.get(key)
    except TypeError:  # a variable's value that cannot be a key: not remembered
        return _attributes_read(raw, variables, paths)
    if found is None:
        found = remembered.put(key, (place, _attributes_read(raw, variables, paths)))
    return found[1]


REMEMBERED = 1024  # entries per schema
_REMEMBERED: "WeakKeyDictionary[GraphQLSchema, Lru]" = WeakKeyDictionary()


def _directive_variables(remembered: Lru, place: tuple, raw) -> tuple[str, ...]:
    """The variables an @include or @skip below the field or in a fragment may read."""
    key = ("directives", *map(id, place))
    found = remembered.get(key)
    if found is None:
        names = {name for node in (*raw.field_nodes, *raw.fragments.values())
                 for name in directive_variables(node)}
        found = remembered.put(key, (place, tuple(sorted(names))))
    return found[1]


def _attributes_read(raw, variables: VariableValues,
                     paths: tuple[tuple[str, ...], ...]) -> frozenset[str] | None:
    fragments = {name: FragmentDetails(definition) for name, definition in raw.fragments.items()}

    def subfields(parent, details) -> dict | None:
        if not isinstance(parent, GraphQLObjectType):
            return None  # an interface or union: its objects' fields are not known here
        return collect_subfields(raw.schema, fragments, variables, raw.operation, parent,
                                 details).grouped_field_set

    found: set[str] = set()
    for path in paths:
        parent = get_named_type(raw.return_type)
        details = [FieldDetails(node, None) for node in raw.field_nodes]
        for name in path:
            if (grouped := subfields(parent, details)) is None:
                return None
            details = [detail for entries in grouped.values()
                       if entries[0].node.name.value == name for detail in entries]
            if not details:
                break  # the path is not selected
            parent = get_named_type(raw.schema.get_field(parent, name).type)
        else:
            if (grouped := subfields(parent, details)) is None:
                return None
            read = _read_by(field_plans(raw.schema, parent, grouped))
            if read is None:
                return None
            found |= read
    return frozenset(found)


def _read_by(fields: Iterable[FieldPlan]) -> set[str] | None:
    found: set[str] = set()
    for field in fields:
        if field.kind in (ATTRIBUTE, NODE_ID):
            found.add(field.attribute)
            continue
        if field.kind == TYPENAME:
            continue
        if field.kind == RELATED:
            found.update(field.related.attributes)
        elif field.kind == CALL and (declared := field.strawberry_field.metadata.get(READS)):
            found |= declared
        else:
            return None  # a resolver that does not say what it reads
        for guard in field.guards:
            found |= guard.reads
    return found
