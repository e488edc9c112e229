"""Objects whose selection holds only leaves (scalars, enums, __typename, Node.id) are
written where they are found, from the object or straight from a loader's row: no Work,
path or slot for the next depth, and for a row no object at all.

A writer answers None wherever graphql-core would report something (a null in a non-null
field, a value the leaf type refuses, a Node without its id): that object then takes the
general way, which words and locates the error. A writer is a pure function of the values,
so the second attempt meets the same problem.

Each writer is also compiled into one Python function for its selection (as graphql-jit
does): the common values (strings, Ints in range, enum members already met, nulls where
allowed) are written inline; anything else is left to the field-by-field writer.
"""

from collections.abc import Callable
from operator import attrgetter, itemgetter
from typing import Any

from graphql import GraphQLObjectType
from strawberry.relay.utils import to_base64

from ekinerja_graphql.api.compiled.leaves import MAX_INT, MIN_INT
from ekinerja_graphql.api.compiled.plan import ATTRIBUTE, NODE_ID, TYPENAME, FieldPlan
from ekinerja_graphql.api.rows import init_fields

_TYPENAME = -1  # a spec's index for __typename: no value is read


class LeafObject:
    __slots__ = ("_specs", "attributes", "from_object", "from_mapping", "from_row", "write")

    def __init__(self, specs: tuple, attributes: tuple[str, ...], row_class: type | None):
        self._specs = specs
        self.attributes = attributes
        self.write: Callable[[tuple], dict | None] = _compiled(specs, self.write_each)
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

    def write_each(self, values: tuple) -> dict | None:
        """The object's JSON from its attribute values, field by field; None: take the
        general way. `write` answers the same, compiled."""
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


def _compiled(specs: tuple, write_each: Callable[[tuple], dict | None]) -> Callable:
    """`write_each` as one function: a condition and an expression per field, and
    `write_each` itself for any value the conditions do not admit or that raises."""
    names: dict[str, Any] = {"_write_each": write_each}
    conditions, entries = [], []
    count = 0
    for n, (key, index, leaf, non_null) in enumerate(specs):
        if index == _TYPENAME:
            entries.append(f"{key!r}: {leaf!r}")
            continue
        count = max(count, index + 1)
        value = f"v{index}"
        if getattr(leaf, "exact_type", None) is not None:
            names[f"_type{n}"] = leaf.exact_type
            condition, written = f"type({value}) is _type{n}", value
        elif getattr(leaf, "int_range", False):
            condition = f"type({value}) is int and {MIN_INT} <= {value} <= {MAX_INT}"
            written = value
        elif getattr(leaf, "enum_names", None) is not None:
            names[f"_names{n}"] = leaf.enum_names  # a member not met yet: KeyError
            condition, written = f"{value} is not None", f"_names{n}[{value}]"
        else:
            names[f"_leaf{n}"] = leaf  # may raise: the field-by-field writer reports it
            condition, written = f"{value} is not None", f"_leaf{n}({value})"
        if not non_null:
            condition = f"({value} is None or {condition})"
            written = f"None if {value} is None else {written}"
        conditions.append(condition)
        entries.append(f"{key!r}: {written}")
    unpack = ", ".join(f"v{index}" for index in range(count))
    source = "\n".join([
        "def write(values):",
        f"    {unpack}{',' if count == 1 else ''} = values" if count else "    pass",
        f"    if not ({' and '.join(conditions) or 'True'}):",
        "        return _write_each(values)",
        "    try:",
        f"        return {{{', '.join(entries)}}}",
        "    except Exception:",
        "        return _write_each(values)",
    ])
    exec(compile(source, "<leaf object>", "exec"), names)  # noqa: S102 - our own text
    return names["write"]


def _node_id(type_name: str) -> Callable[[Any], str]:
    return lambda value: to_base64(type_name, value)


def _reader(getter, attributes: tuple[str, ...]) -> Callable[[Any], tuple]:
    if not attributes:
        return lambda _: ()
    if len(attributes) == 1:
        read = getter(attributes[0])
        return lambda source: (read(source),)
    return getter(*attributes)
