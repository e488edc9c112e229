"""Strawberry's schema extensions, with each class's hooks looked up once, not per request.

For every request and each of its four stages, Strawberry inspects every extension for
the stage's hook and wraps it in a new context-manager function (`inspect`, then
`functools.update_wrapper`): 36 look-ups for our nine extensions, about a tenth of the
server's time for a `{ __typename }`. A hook is a method of the extension's class, so
what it is (none, a generator, an async generator) is known per class; only binding it to
the request's extension instance remains. Hooks of any other form go Strawberry's way.
"""

import contextlib
import inspect
from functools import cache, partial

import strawberry
from strawberry.extensions import SchemaExtension
from strawberry.extensions.context import (
    ExecutingContextManager,
    OperationContextManager,
    ParsingContextManager,
    ValidationContextManager,
    WrappedHook,
)
from strawberry.extensions.runner import SchemaExtensionsRunner
from strawberry.types import ExecutionContext

_OTHER = object()


@cache
def _generator_hook(extension_class: type, hook_name: str):
    """(context-manager factory taking the extension, is_async), None for no hook, or _OTHER."""
    hook = getattr(extension_class, hook_name)
    if hook is getattr(SchemaExtension, hook_name):
        return None
    if inspect.isasyncgenfunction(hook):
        return contextlib.asynccontextmanager(hook), True
    if inspect.isgeneratorfunction(hook):
        return contextlib.contextmanager(hook), False
    return _OTHER


class _ClassHooks:
    HOOK_NAME: str

    def get_hook(self, extension: SchemaExtension) -> WrappedHook | None:
        known = _generator_hook(type(extension), self.HOOK_NAME)
        if known is _OTHER:
            return super().get_hook(extension)
        if known is None:
            return None
        factory, is_async = known
        return WrappedHook(extension, partial(factory, extension), is_async)


class _Operation(_ClassHooks, OperationContextManager):
    pass


class _Validation(_ClassHooks, ValidationContextManager):
    pass


class _Parsing(_ClassHooks, ParsingContextManager):
    pass


class _Executing(_ClassHooks, ExecutingContextManager):
    pass


class ClassHooksRunner(SchemaExtensionsRunner):
    def operation(self) -> OperationContextManager:
        return _Operation(self.extensions)

    def validation(self) -> ValidationContextManager:
        return _Validation(self.extensions)

    def parsing(self) -> ParsingContextManager:
        return _Parsing(self.extensions)

    def executing(self) -> ExecutingContextManager:
        return _Executing(self.extensions)


class Schema(strawberry.Schema):
    """strawberry.Schema running its extensions through ClassHooksRunner."""

    def create_extensions_runner(
        self, execution_context: ExecutionContext, extensions: list[SchemaExtension]
    ) -> SchemaExtensionsRunner:
        return ClassHooksRunner(execution_context=execution_context, extensions=extensions)
