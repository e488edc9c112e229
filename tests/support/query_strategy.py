"""Hypothesis strategies for valid GraphQL queries over the real schema: nested selections
of every type's fields, aliases, repeated fields, inline and named fragments, @include and
@skip (literal and variable), arguments inline or as variables."""

import json
from dataclasses import dataclass, field

from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    GraphQLUnionType,
    get_named_type,
)
from hypothesis import strategies as st

MAX_DEPTH = 5


@dataclass
class Samples:
    """Argument values the data can answer: ids, NIPs, years and months of the seed."""

    ids: list[str]  # global ids of several node types, and unknown ones
    unit_ids: list[str]
    nips: list[str]
    tahun: list[int] = field(default_factory=lambda: [2026, 2025])
    bulan: list[str] = field(default_factory=lambda: ["2026-10", "2026-13"])


@dataclass
class Query:
    text: str
    variables: dict


class _Builder:
    def __init__(self, draw, schema: GraphQLSchema, samples: Samples) -> None:
        self.draw, self.schema, self.samples = draw, schema, samples
        self.declarations: list[str] = []
        self.variables: dict = {}
        self.fragments: list[str] = []

    def variable(self, type_name: str, value) -> str:
        name = f"v{len(self.declarations)}"
        self.declarations.append(f"${name}: {type_name}")
        self.variables[name] = value
        return f"${name}"

    def selection(self, type_, depth: int) -> str:
        """A non-empty selection set on an object or abstract type."""
        if isinstance(type_, (GraphQLInterfaceType, GraphQLUnionType)):
            possible = self.schema.get_possible_types(type_)
            chosen = self.draw(st.lists(st.sampled_from(possible), min_size=1, max_size=2,
                                        unique_by=lambda t: t.name))
            parts = ["__typename"]
            if isinstance(type_, GraphQLInterfaceType):
                parts += self.fields(type_, depth, at_most=2)
            parts += [f"... on {t.name} {{ {self.selection(t, depth)} }}" for t in chosen]
            return " ".join(parts)
        parts = self.fields(type_, depth, at_most=4) or ["__typename"]
        if self.draw(st.integers(0, 5)) == 0:  # a named fragment on the same type
            body = " ".join(self.fields(type_, depth, at_most=2) or ["__typename"])
            name = f"F{len(self.fragments)}"  # after the body: it may define fragments too
            self.fragments.append(f"fragment {name} on {type_.name} {{ {body} }}")
            parts.append(f"...{name}")
        if self.draw(st.integers(0, 5)) == 0:
            parts = [f"... on {type_.name} {{ {' '.join(parts)} }}"]
        return " ".join(parts)

    def fields(self, type_, depth: int, at_most: int) -> list[str]:
        usable = [(name, f) for name, f in type_.fields.items() if self.usable(f, depth)]
        if not usable:
            return []
        chosen = self.draw(st.lists(st.sampled_from(usable), min_size=1, max_size=at_most,
                                    unique_by=lambda pair: pair[0]))
        parts = []
        for name, definition in chosen:
            head = self.head(name, definition)
            parts.append(self.field(head, definition, depth))
            if self.draw(st.integers(0, 7)) == 0:  # the same field again: selections merge
                parts.append(self.field(head, definition, depth))
        if self.draw(st.integers(0, 6)) == 0:
            parts.append("__typename")
        return parts

    def usable(self, definition, depth: int) -> bool:
        named = get_named_type(definition.type)
        leaf = not isinstance(named, (GraphQLObjectType, GraphQLInterfaceType,
                                      GraphQLUnionType))
        if not leaf and depth >= MAX_DEPTH:
            return False
        return all(self.argument_values(name, arg.type) is not None
                   for name, arg in definition.args.items()
                   if isinstance(arg.type, GraphQLNonNull))

    def head(self, name: str, definition) -> str:
        """Alias, name, arguments and directive of a field."""
        alias = f"a{self.draw(st.integers(0, 99))}: " if self.draw(st.integers(0, 4)) == 0 else ""
        return f"{alias}{name}{self.arguments(definition)}{self.directive()}"

    def field(self, head: str, definition, depth: int) -> str:
        named = get_named_type(definition.type)
        if isinstance(named, (GraphQLObjectType, GraphQLInterfaceType, GraphQLUnionType)):
            return f"{head} {{ {self.selection(named, depth + 1)} }}"
        return head

    def directive(self) -> str:
        roll = self.draw(st.integers(0, 9))
        if roll == 0:
            return f" @include(if: {self.variable('Boolean!', self.draw(st.booleans()))})"
        if roll == 1:
            return f" @skip(if: {json.dumps(self.draw(st.booleans()))})"
        return ""

    def arguments(self, definition) -> str:
        parts = []
        for name, arg in definition.args.items():
            required = isinstance(arg.type, GraphQLNonNull)
            if not required and self.draw(st.integers(0, 2)) != 0:
                continue
            options = self.argument_values(name, arg.type)
            if options is None:
                continue
            value = self.draw(st.sampled_from(options))
            if self.draw(st.booleans()):
                parts.append(f"{name}: {self.variable(str(arg.type), value)}")
            else:
                parts.append(f"{name}: {literal(value, arg.type)}")
        return f"({', '.join(parts)})" if parts else ""

    def argument_values(self, name: str, type_) -> list | None:
        samples = self.samples
        named = get_named_type(type_)
        if isinstance(type_, GraphQLNonNull):
            type_ = type_.of_type
        if isinstance(type_, GraphQLList):
            inner = self.argument_values(name, type_.of_type)
            return None if inner is None else [inner[:1], inner[:3], []]
        if isinstance(named, GraphQLEnumType):
            return list(named.values)
        if isinstance(named, GraphQLInputObjectType):
            if "unitId" in named.fields:
                return [{"unitId": unit} for unit in samples.unit_ids] + [{}]
            return [{}] if not any(isinstance(f.type, GraphQLNonNull)
                                   for f in named.fields.values()) else None
        by_name = {
            "tahun": samples.tahun, "nip": samples.nips + ["123"], "bulan": samples.bulan,
            "first": [0, 1, 3, 7], "last": [0, 1, 3], "after": ["bm90LWEtY3Vyc29y"],
            "nomorPeriode": [1, 2, 4], "unitId": samples.unit_ids, "id": samples.ids,
            "ids": samples.ids, "includeDescendants": [True, False],
        }
        if name in by_name:
            return by_name[name]
        if named.name == "Boolean":
            return [True, False]
        if named.name == "Int":
            return [0, 1, 2]
        if named.name == "ID":
            return samples.ids
        return None


def literal(value, type_) -> str:
    named = get_named_type(type_)
    if isinstance(value, list):
        return f"[{', '.join(literal(item, type_) for item in value)}]"
    if isinstance(value, dict):
        fields = named.fields if isinstance(named, GraphQLInputObjectType) else {}
        inner = ", ".join(f"{k}: {literal(v, fields[k].type if k in fields else named)}"
                          for k, v in value.items())
        return f"{{{inner}}}"
    if isinstance(named, GraphQLEnumType):
        return value
    return json.dumps(value)


@st.composite
def queries(draw, schema: GraphQLSchema, samples: Samples) -> Query:
    builder = _Builder(draw, schema, samples)
    body = builder.selection(schema.query_type, depth=1)
    declarations = f"({', '.join(builder.declarations)})" if builder.declarations else ""
    text = " ".join([f"query Q{declarations} {{ {body} }}", *builder.fragments])
    return Query(text, builder.variables)
