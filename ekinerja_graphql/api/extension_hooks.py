"""Strawberry's schema extensions, with each class's hooks looked up once, not per request.

For every request and each of its four stages, Strawberry inspects every extension for
the stage's hook and wraps it in a new context-manager function (`inspect`, then
`functools.update_wrapper`): 36 look-ups for our nine extensions, about a tenth of the
server's time for a `{ __typename }`. A hook is a method of the extension's class, so
which extensions have one for a stage, and of what kind (a generator or an async
generator), is known per list of classes; only binding the hooks to the request's
extension instances remains. A stage with a hook of any other form goes Strawberry's way.
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


_STAGES = {
    "operation": OperationContextManager,
    "validation": ValidationContextManager,
    "parsing": ParsingContextManager,
    "executing": ExecutingContextManager,
}


@cache
def _stage_plan(extension_classes: tuple[type, ...], stage: str):
    """(position, factory, is_async) of each extension with a hook for the stage, in order;
    None when one of them has a hook of another form."""
    plan = []
    for position, extension_class in enumerate(extension_classes):
        known = _generator_hook(extension_class, _STAGES[stage].HOOK_NAME)
        if known is _OTHER:
            return None
        if known is not None:
            plan.append((position, *known))
    return tuple(plan)


class ClassHooksRunner(SchemaExtensionsRunner):
    def __init__(self, execution_context: ExecutionContext,
                 extensions: list[SchemaExtension] | None = None) -> None:
        super().__init__(execution_context, extensions)
        self._classes = tuple(type(extension) for extension in self.extensions)

    def _stage(self, stage: str):
        manager_class = _STAGES[stage]
        plan = _stage_plan(self._classes, stage)
        if plan is None:
            return manager_class(self.extensions)
        manager = manager_class.__new__(manager_class)  # hooks bound here, not looked up
        extensions = self.extensions
        manager.hooks = [WrappedHook(extensions[position], partial(factory, extensions[position]),
                                     is_async) for position, factory, is_async in plan]
        return manager

    def operation(self) -> OperationContextManager:
        return self._stage("operation")

    def validation(self) -> ValidationContextManager:
        return self._stage("validation")

    def parsing(self) -> ParsingContextManager:
        return self._stage("parsing")

    def executing(self) -> ExecutingContextManager:
        return self._stage("executing")


class Schema(strawberry.Schema):
    """strawberry.Schema running its extensions through ClassHooksRunner."""

    def create_extensions_runner(
        self, execution_context: ExecutionContext, extensions: list[SchemaExtension]
    ) -> SchemaExtensionsRunner:
        return ClassHooksRunner(execution_context=execution_context, extensions=extensions)
