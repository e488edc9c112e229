"""compiled/arguments.py converts every argument of the real schema as Strawberry's
convert_arguments does: the same values (input objects, enums, lists, GlobalIDs, None and
missing keys), or the same error."""

import datetime

import pytest
from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
)
from hypothesis import given, settings
from hypothesis import strategies as st
from strawberry.relay import to_base64
from strawberry.types.arguments import convert_arguments

from ekinerja_graphql.api.compiled.arguments import arguments_converter
from ekinerja_graphql.api.compiled.plan import DEFINITION
from ekinerja_graphql.api.schema import build_schema

SCHEMA = build_schema()

SCALARS = {
    "String": st.text(max_size=8),
    "Int": st.integers(-(2**31), 2**31 - 1),
    "Float": st.floats(allow_nan=False),
    "Boolean": st.booleans(),
    "Date": st.dates(),
    "DateTime": st.datetimes(timezones=st.just(datetime.UTC)),
    "Decimal": st.decimals(allow_nan=False, allow_infinity=False, places=2),
    "JSON": st.none() | st.integers() | st.dictionaries(st.text(max_size=3), st.integers()),
    # Strawberry's relay ID: a global ID, or text that is not one (an error on both sides).
    "ID": st.builds(to_base64, st.sampled_from(["Pegawai", "Skp"]), st.integers(1, 99))
    | st.text(max_size=6),
}


def coerced(graphql_type, depth: int = 0):
    """Values as graphql-core hands them to a resolver after coercion."""
    if isinstance(graphql_type, GraphQLNonNull):
        return _value(graphql_type.of_type, depth)
    return st.none() | _value(graphql_type, depth)


def _value(graphql_type, depth: int):
    if isinstance(graphql_type, GraphQLList):
        return st.lists(coerced(graphql_type.of_type, depth + 1), max_size=3)
    if isinstance(graphql_type, GraphQLEnumType):
        return st.sampled_from([value.value for value in graphql_type.values.values()])
    if isinstance(graphql_type, GraphQLInputObjectType):
        fields = graphql_type.fields
        required = {name: coerced(f.type, depth + 1) for name, f in fields.items()
                    if isinstance(f.type, GraphQLNonNull)}
        optional = {} if depth > 2 else {name: coerced(f.type, depth + 1)
                                         for name, f in fields.items() if name not in required}
        return st.fixed_dictionaries(required, optional=optional)
    assert isinstance(graphql_type, GraphQLScalarType)
    return SCALARS.get(graphql_type.name, st.none())


def _fields_with_arguments() -> list:
    found = []
    for graphql_type in SCHEMA._schema.type_map.values():
        if isinstance(graphql_type, GraphQLObjectType) and not graphql_type.name.startswith("__"):
            for name, field in graphql_type.fields.items():
                strawberry_field = field.extensions.get(DEFINITION)
                if field.args and strawberry_field is not None \
                        and "Upload" not in str(list(field.args.values())):
                    found.append(pytest.param(field, strawberry_field,
                                              id=f"{graphql_type.name}.{name}"))
    return found


def _outcome(convert, values):
    try:
        return "value", convert(values)
    except Exception as error:  # noqa: BLE001 - the error is the outcome compared
        return "error", (type(error), str(error))


@pytest.mark.parametrize(("field", "strawberry_field"), _fields_with_arguments())
@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_every_argument_converts_as_strawberry_converts_it(field, strawberry_field, data):
    arguments = {name: coerced(argument.type) for name, argument in field.args.items()
                 if isinstance(argument.type, GraphQLNonNull)}
    optional = {name: coerced(argument.type) for name, argument in field.args.items()
                if name not in arguments}
    values = data.draw(st.fixed_dictionaries(arguments, optional=optional))
    compiled = arguments_converter(strawberry_field, SCHEMA)
    strawberry = _outcome(lambda v: convert_arguments(
        v, strawberry_field.arguments, scalar_registry=SCHEMA.schema_converter.scalar_registry,
        config=SCHEMA.config), values)
    assert _outcome(compiled, values) == strawberry


def test_the_schema_has_input_objects_lists_and_enums_among_the_arguments():
    """The parametrised test above is only as good as the arguments it meets."""
    kinds = set()
    for param in _fields_with_arguments():
        for argument in param.values[0].args.values():
            named = argument.type.of_type if isinstance(argument.type, GraphQLNonNull) \
                else argument.type
            kinds.update(kind for kind in (GraphQLInputObjectType, GraphQLList, GraphQLEnumType,
                                           GraphQLScalarType) if isinstance(named, kind))
    assert len(kinds) == 4

