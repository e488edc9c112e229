"""How a leaf value is written: graphql-core's output coercion, with the common cases
(strings, small ints, booleans, enum members) answered without it."""

from collections.abc import Callable
from functools import cache
from typing import Any

from graphql import GraphQLBoolean, GraphQLEnumType, GraphQLID, GraphQLInt, GraphQLString

MIN_INT, MAX_INT = -(2**31), 2**31 - 1
# Leaf types whose output is the value itself when it already has this Python type.
_EXACT_TYPES = {GraphQLString: str, GraphQLID: str, GraphQLBoolean: bool}


@cache
def leaf_writer(leaf_type) -> Callable[[Any], Any]:
    """value (not None) -> its JSON value; raises as graphql-core's completion does.
    Tagged for compiled/leaf_objects.py with what its common case is: `exact_type` (the
    value itself when of that type), `int_range` (an int within Int), `enum_names`
    (member -> name, filled as members are met)."""
    exact = _EXACT_TYPES.get(leaf_type)
    if exact is not None:
        def write_exact(value):
            return value if type(value) is exact else _checked(leaf_type, value)

        write_exact.exact_type = exact
        return write_exact
    if leaf_type is GraphQLInt:
        def write_int(value):
            return (value if type(value) is int and MIN_INT <= value <= MAX_INT
                    else _checked(leaf_type, value))

        write_int.int_range = True
        return write_int
    if isinstance(leaf_type, GraphQLEnumType):
        names: dict = {}  # the coercion is a pure function of the member: remember it

        def enum_name(value):
            try:
                return names[value]
            except (KeyError, TypeError):
                name = _checked(leaf_type, value)
                if len(names) < 1000 and value.__hash__ is not None:
                    names[value] = name
                return name

        enum_name.enum_names = names
        return enum_name
    return lambda value: _checked(leaf_type, value)


def _checked(leaf_type, value: Any) -> Any:
    coerced = leaf_type.coerce_output_value(value)
    if coerced is None:
        raise TypeError(f"Expected `{leaf_type}.coerce_output_value({value!r})` to return"
                        " non-nullable value, returned: None")
    return coerced
