"""Objects whose selection holds only leaves (scalars, enums, __typename, Node.id) are
written where they are found, from the object or straight from a loader's row: no Work,
path or slot for the next depth, and for a row no object at all.

A writer answers None wherever graphql-core would report something (a null in a non-null
field, a value the leaf type refuses, a Node without its id): that object then takes the
general way, which words and locates the error. A writer is a pure function of the values,
so the second attempt meets the same problem.
"""

from collections.abc import Callable
from operator import attrgetter, itemgetter
from typing import Any

from graphql import GraphQLObjectType
from strawberry.relay.utils import to_base64

from ekinerja_graphql.api.compiled.plan import ATTRIBUTE, NODE_ID, TYPENAME, FieldPlan
from ekinerja_graphql.api.rows import init_fields

_TYPENAME = -1  # a spec's index for __typename: no value is read


class LeafObject:
    __slots__ = ("_specs", "attributes", "from_object", "from_mapping", "from_row")

    def __init__(self, specs: tuple, attributes: tuple[str, ...], row_class: type | None):
        self._specs = specs
        self.attributes = attributes
        self.from_object: Callable[[Any], tuple] = _reader(attrgetter, attributes)
        self.from_mapping: Callable[[dict], tuple] = _reader(itemgetter, attributes)
        # Rows of `row_class` hold exactly the attributes its objects are made with.
        self.from_row: Callable[[dict], tuple] | None = (
            self.from_mapping
            if row_class is not None and set(attributes) <= set(init_fields(row_class))
            else None)

    def write_rows(self, rows: list[dict]) -> list[dict] | None:
        """Rows holding their objects' attributes by name (connection.RowNodes), written;
        None: a row lacks a column, or one must take the general way."""
        if rows and not set(self.attributes) <= rows[0].keys():
            return None
        read, write = self.from_mapping, self.write
        written = [write(read(row)) for row in rows]
        return None if None in written else written

    def write(self, values: tuple) -> dict | None:
        """The object's JSON from its attribute values; None: take the general way."""
        out = {}
        for key, index, leaf, non_null in self._specs:
            if index == _TYPENAME:
                out[key] = leaf
                continue
            value = values[index]
            if value is None:
                if non_null:
                    return None
                out[key] = None
                continue
            try:
                out[key] = leaf(value)
            except Exception:  # noqa: BLE001 - the general way reports it
                return None
        return out


def leaf_object(fields: list[FieldPlan], object_type: GraphQLObjectType,
                row_class: type | None) -> LeafObject | None:
    """The writer for `fields` of `object_type`, if every one is a leaf read off the object;
    `row_class`: the class a loader's rows are made into, when the value comes as rows."""
    specs, attributes = [], []
    for field in fields:
        if field.kind == TYPENAME:
            specs.append((field.key, _TYPENAME, object_type.name, True))
        elif field.kind == ATTRIBUTE and field.leaf is not None:
            specs.append((field.key, len(attributes), field.leaf, field.non_null))
            attributes.append(field.attribute)
        elif field.kind == NODE_ID:
            specs.append((field.key, len(attributes), _node_id(object_type.name), True))
            attributes.append(field.attribute)
        else:
            return None
    return LeafObject(tuple(specs), tuple(attributes), row_class)


def _node_id(type_name: str) -> Callable[[Any], str]:
    return lambda value: to_base64(type_name, value)


def _reader(getter, attributes: tuple[str, ...]) -> Callable[[Any], tuple]:
    if not attributes:
        return lambda _: ()
    if len(attributes) == 1:
        read = getter(attributes[0])
        return lambda source: (read(source),)
    return getter(*attributes)
