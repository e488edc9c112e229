"""Strawberry's conversion of a field's arguments (strawberry.types.arguments
.convert_arguments), compiled once per field plan: the same values, without resolving the
argument's annotation again for every request. Anything it does not cover (Maybe, an
input type with its own from_input) is converted by Strawberry itself."""

from collections.abc import Callable
from dataclasses import MISSING
from typing import Any

from strawberry.relay.types import GlobalID, GlobalIDValueError, InvalidGlobalIDError
from strawberry.types.arguments import (
    _is_leaf_type,
    _is_optional_leaf_type,
    convert_argument,
)
from strawberry.types.base import (
    StrawberryList,
    StrawberryMaybe,
    StrawberryOptional,
    has_object_definition,
)
from strawberry.types.enum import has_enum_definition
from strawberry.types.lazy_type import LazyType
from strawberry.types.unset import UNSET

Convert = Callable[[Any], Any]


class _NotCovered(Exception):
    pass


def arguments_converter(strawberry_field, strawberry_schema) -> Callable[[dict], dict]:
    """coerced GraphQL argument values -> the resolver's keyword arguments."""
    registry = strawberry_schema.schema_converter.scalar_registry
    config = strawberry_schema.config
    steps = []
    for argument in strawberry_field.arguments:
        name = config.name_converter.from_argument(argument)
        try:
            convert = _converter(argument.type, registry, config, {})
        except _NotCovered:
            convert = _strawberry(argument.type, registry, config, name)
        steps.append((name, argument.python_name, convert))

    def convert_all(values: dict) -> dict:
        kwargs = {}
        for name, python_name, convert in steps:
            if name in values:
                kwargs[python_name] = convert(values[name])
        return kwargs

    return convert_all


def _strawberry(type_, registry, config, name: str) -> Convert:
    return lambda value: convert_argument(value, type_, registry, config, path=(name,))


def _identity(value: Any) -> Any:
    return value


def _global_id(value: Any) -> GlobalID:
    try:
        return GlobalID.from_id(value)
    except GlobalIDValueError as error:
        raise InvalidGlobalIDError(f'Value cannot represent a GlobalID: "{value}".') from error


def _converter(type_, registry, config, made: dict) -> Convert:
    """In convert_argument's order: Maybe, Optional, then None and UNSET as they are, lists,
    leaves, lazy types, enums, input types."""
    if isinstance(type_, StrawberryMaybe):
        raise _NotCovered
    if isinstance(type_, StrawberryOptional):
        return _converter(type_.of_type, registry, config, made)
    convert = _value_converter(type_, registry, config, made)
    return lambda value: value if value is None or value is UNSET else convert(value)


def _value_converter(type_, registry, config, made: dict) -> Convert:
    if isinstance(type_, StrawberryList):
        item = type_.of_type
        if _is_leaf_type(item, registry, skip_classes=(GlobalID,)) \
                or _is_optional_leaf_type(item, registry, skip_classes=(GlobalID,)):
            return list  # a copy: graphql-core shares a default list between requests
        convert_item = _converter(item, registry, config, made)
        return lambda value: [convert_item(entry) for entry in value]
    if _is_leaf_type(type_, registry):
        return _global_id if type_ is GlobalID else _identity
    if isinstance(type_, LazyType):
        return _value_converter(type_.resolve_type(), registry, config, made)
    if has_enum_definition(type_):
        return _value_converter(type_.__strawberry_definition__, registry, config, made)
    if has_object_definition(type_):
        return _input_converter(type_, registry, config, made)
    raise _NotCovered


def _input_converter(cls: type, registry, config, made: dict) -> Convert:
    found = made.get(cls)
    if found is not None:  # a recursive input type: its converter is being made
        return found
    definition = cls.__strawberry_definition__
    if definition.from_input is not None:
        raise _NotCovered
    # As Strawberry: input fields without a default are None unless given.
    defaults = {field.python_name: None for field in definition.fields
                if field.default_value is MISSING and field.default_factory is MISSING} \
        if definition.is_input else {}
    fields: list[tuple[str, str, Convert]] = []

    def convert(value: dict) -> Any:
        kwargs = dict(defaults)
        for graphql_name, python_name, convert_field in fields:
            if graphql_name in value:
                kwargs[python_name] = convert_field(value[graphql_name])
        return cls(**kwargs)

    made[cls] = convert
    fields.extend(
        (config.name_converter.from_field(field), field.python_name,
         _converter(field.resolve_type(type_definition=definition), registry, config, made))
        for field in definition.fields)
    return convert
