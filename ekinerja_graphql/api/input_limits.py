"""Every argument value bounded before execution: no NUL characters, strings and lists capped.

Checked on the operation's arguments: a literal as graphql-core coerces it, once per
document; an argument holding variables as written, with each variable's value as sent,
on every request. So a hostile value never reaches a resolver or the database. The error
names the argument path (`filter.nama`) and what is allowed.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from graphql import (
    ArgumentNode,
    ExecutionResult,
    FieldNode,
    FragmentDefinitionNode,
    GraphQLError,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLList,
    GraphQLNamedType,
    GraphQLNonNull,
    GraphQLSchema,
    InlineFragmentNode,
    ListValueNode,
    ObjectValueNode,
    SelectionSetNode,
    StringValueNode,
    ValueNode,
    VariableNode,
    get_named_type,
    value_from_ast,
)
from graphql.pyutils import Undefined
from strawberry.extensions import SchemaExtension

from ekinerja_graphql.api.errors import BAD_USER_INPUT
from ekinerja_graphql.api.operation import current_operation
from ekinerja_graphql.api.walk_memo import WalkMemo, variables_of


@dataclass
class _ArgumentSites:
    """The arguments of an operation's fields, in document order, with their declared types:
    where the checks apply. A fragment is walked once, however often it is spread."""

    schema: GraphQLSchema
    fragments: dict[str, FragmentDefinitionNode]
    found: list[tuple[ArgumentNode, GraphQLInputType]] = field(default_factory=list)
    _seen_fragments: set[str] = field(default_factory=set)

    def selection_set(self, node: SelectionSetNode | None, parent: GraphQLNamedType) -> None:
        for selection in node.selections if node else ():
            if isinstance(selection, FieldNode):
                self.field(selection, parent)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                on = self.schema.get_type(condition.name.value) if condition else parent
                self.selection_set(selection.selection_set, on or parent)
            elif selection.name.value not in self._seen_fragments:
                self._seen_fragments.add(selection.name.value)
                definition = self.fragments.get(selection.name.value)
                if definition is not None:
                    on = self.schema.get_type(definition.type_condition.name.value)
                    self.selection_set(definition.selection_set, on or parent)

    def field(self, node: FieldNode, parent: GraphQLNamedType) -> None:
        definition = getattr(parent, "fields", {}).get(node.name.value)
        if definition is None:
            return  # validation reports unknown fields
        for argument in node.arguments or ():
            argument_definition = definition.args.get(argument.name.value)
            if argument_definition is not None:
                self.found.append((argument, argument_definition.type))
        self.selection_set(node.selection_set, get_named_type(definition.type))


@dataclass
class _Checker:
    variables: dict[str, Any]
    max_string: int
    max_list: int
    errors: list[GraphQLError] = field(default_factory=list)

    def arguments(self, sites: list) -> None:
        """`sites`: (argument, type) to check, or the errors found in a literal beforehand."""
        for site in sites:
            if isinstance(site, list):
                self.errors += site
                continue
            argument, type_ = site
            self.written(argument.value, type_, argument.name.value, argument)

    def literal(self, argument: ArgumentNode, type_: GraphQLInputType) -> None:
        """A literal argument, coerced as graphql-core will coerce it (defaults included)."""
        value = value_from_ast(argument.value, type_, {})
        if value is not Undefined:
            self.value(value, type_, argument.name.value, argument)

    def written(self, node: ValueNode, type_: Any, path: str, argument: ArgumentNode) -> None:
        """A value holding variables, as written: each variable's value as sent (what
        graphql-core's value_from_ast gives for it), the literal parts around it as
        validation accepted them. Input fields left to their defaults hold no variable."""
        if isinstance(node, VariableNode):
            value = self.variables.get(node.name.value, Undefined)
            if value is not Undefined:
                self.value(value, type_, path, argument)
            return
        if isinstance(type_, GraphQLNonNull):
            type_ = type_.of_type
        if isinstance(type_, GraphQLList):
            items = node.values if isinstance(node, ListValueNode) else (node,)
            if len(items) > self.max_list:
                self.fail(path, f"a list of at most {self.max_list} items", argument)
                return
            for n, item in enumerate(items):
                self.written(item, type_.of_type, f"{path}[{n}]", argument)
        elif isinstance(type_, GraphQLInputObjectType) and isinstance(node, ObjectValueNode):
            for field_node in node.fields:
                name = field_node.name.value
                if name in type_.fields:
                    self.written(field_node.value, type_.fields[name].type, f"{path}.{name}",
                                 argument)
        elif isinstance(node, StringValueNode):
            self.string(node.value, path, argument)

    def value(self, value: Any, type_: Any, path: str, node: Any) -> None:
        """Follows the declared type, so the depth of the walk is the schema's, not the input's."""
        if isinstance(type_, GraphQLNonNull):
            type_ = type_.of_type
        if isinstance(type_, GraphQLList):
            if not isinstance(value, list):
                value = [value]  # GraphQL's input coercion of a single item
            if len(value) > self.max_list:
                self.fail(path, f"a list of at most {self.max_list} items", node)
                return
            for n, item in enumerate(value):
                self.value(item, type_.of_type, f"{path}[{n}]", node)
        elif isinstance(type_, GraphQLInputObjectType):
            if isinstance(value, dict):
                for name, item in value.items():
                    found = _input_field(type_, name)
                    if found is not None:
                        self.value(item, found[1].type, f"{path}.{found[0]}", node)
        elif isinstance(value, str):
            self.string(value, path, node)

    def string(self, value: str, path: str, node: Any) -> None:
        if "\x00" in value:
            self.fail(path, "free of NUL characters", node)
        elif len(value) > self.max_string:
            self.fail(path, f"at most {self.max_string} characters", node)

    def fail(self, path: str, allowed: str, node: Any) -> None:
        extensions = {"code": BAD_USER_INPUT, "field": path}
        self.errors.append(GraphQLError(f"{path} must be {allowed}", nodes=node,
                                        extensions=extensions))


def _input_field(type_: GraphQLInputObjectType, name: str):
    """(GraphQL name, field) for a key of a raw variable (GraphQL name) or of a coerced
    literal (Python out_name)."""
    if name in type_.fields:
        return name, type_.fields[name]
    for graphql_name, input_field in type_.fields.items():
        if input_field.out_name == name:
            return graphql_name, input_field
    return None


class InputLimits(SchemaExtension):
    """Rejects the operation, before any resolver runs, when an argument is out of bounds."""

    def __init__(self, max_string_length: int, max_list_length: int,
                 memo: WalkMemo | None = None) -> None:
        self.max_string_length = max_string_length
        self.max_list_length = max_list_length
        self.memo = memo  # the argument sites of a document and operation

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        sites = self._sites() if context.result is None else None
        if sites:
            checker = _Checker(context.variables or {}, self.max_string_length,
                               self.max_list_length)
            checker.arguments(sites)
            if checker.errors:
                context.result = ExecutionResult(data=None, errors=checker.errors[:10])
        yield

    def _literal_errors(self, site: tuple[ArgumentNode, GraphQLInputType]) -> list:
        checker = _Checker({}, self.max_string_length, self.max_list_length)
        checker.literal(*site)
        return checker.errors

    def _sites(self) -> list | None:
        """The document's argument sites; a literal's site is checked now, once."""
        context = self.execution_context
        key = self.memo.key(context) if self.memo is not None else None
        sites = self.memo.get(key) if key is not None else None
        if sites is None:
            operation = current_operation(context)
            if operation is None:
                return None
            schema = context.schema._schema
            walk = _ArgumentSites(schema, operation.fragments)
            walk.selection_set(operation.definition.selection_set,
                               schema.get_root_type(operation.definition.operation))
            sites = []
            for site in walk.found:
                if any(variables_of(site[0].value)):  # names are never empty
                    sites.append(site)
                elif errors := self._literal_errors(site):
                    sites.append(errors)
            if self.memo is not None:
                self.memo.put(key, sites)
        return sites

