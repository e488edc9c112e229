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

import strawberry
from graphql import GraphQLObjectType, get_named_type
from graphql.execution.collect_fields import FieldDetails, FragmentDetails, collect_subfields
from graphql.execution.values import VariableValues

from ekinerja_graphql.api.compiled.plan import (
    ATTRIBUTE,
    CALL,
    NODE_ID,
    RELATED,
    TYPENAME,
    FieldPlan,
    field_plans,
)

READS = "ekinerja-reads"  # field metadata: the attributes its resolver reads


def reads(*attributes: str) -> dict:
    """`strawberry.field(metadata=reads("id"))`: the resolver reads only these attributes
    of its object (its guards add their own)."""
    return {READS: frozenset(attributes)}


def attributes_read(info: strawberry.Info, *paths: tuple[str, ...]) -> frozenset[str] | None:
    """The attributes the query reads of the objects at `paths` below this field (for a
    connection: ("nodes",), ("edges", "node")); None when a field there may read any."""
    raw = info._raw_info
    fragments = {name: FragmentDetails(definition) for name, definition in raw.fragments.items()}
    variables = raw.variable_values
    if isinstance(variables, dict):  # Strawberry gives graphql-core's resolvers the values only
        variables = VariableValues({}, variables)

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
