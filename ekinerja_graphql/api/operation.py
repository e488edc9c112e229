"""The operation a request runs and the fragments it may spread, for the pre-execution walks."""

from dataclasses import dataclass

from graphql import FragmentDefinitionNode, OperationDefinitionNode, get_operation_ast
from strawberry.types import ExecutionContext


@dataclass(frozen=True, slots=True)
class Operation:
    definition: OperationDefinitionNode
    fragments: dict[str, FragmentDefinitionNode]


def current_operation(context: ExecutionContext) -> Operation | None:
    """None when there is no document or no such operation (graphql-core reports that)."""
    document = context.graphql_document
    definition = get_operation_ast(document, context.operation_name) if document else None
    if definition is None:
        return None
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    return Operation(definition, fragments)
