"""Strawberry's schema extensions, with each class's hooks looked up once and run without
a context manager per hook per request.

For every request and each of its four stages, Strawberry inspects every extension for
the stage's hook, wraps it in a new context-manager function (`inspect`, then
`functools.update_wrapper`) and enters the managers through an ExitStack. A hook is a
method of the extension's class, so which extensions have one for a stage, and whether
it is a generator or an async generator, is known per list of classes. `HookStage` then
drives the request's generators itself, as ExitStack drives their managers (for our nine
extensions, `{ __typename }` 1.36 -> 1.22 M instructions); an exception, or a hook that
does not stop, hands the generators still open to a real ExitStack, so what hooks see of
an error is contextlib's. A stage with a hook of any other form (a plain or coroutine
function) goes Strawberry's way.
"""

import contextlib
import inspect
from collections.abc import Callable
from functools import cache

import strawberry
from strawberry.extensions import SchemaExtension
from strawberry.extensions.context import (
    ExecutingContextManager,
    OperationContextManager,
    ParsingContextManager,
    ValidationContextManager,
)
from strawberry.extensions.runner import SchemaExtensionsRunner
from strawberry.types import ExecutionContext

_OTHER = object()


@cache
def _generator_hook(extension_class: type, hook_name: str):
    """(the hook's function, is_async), None for no hook, or _OTHER."""
    hook = getattr(extension_class, hook_name)
    if hook is getattr(SchemaExtension, hook_name):
        return None
    if inspect.isasyncgenfunction(hook):
        return hook, True
    if inspect.isgeneratorfunction(hook):
        return hook, False
    return _OTHER


@cache
def _stage_plan(extension_classes: tuple[type, ...], hook_name: str):
    """(position, function, is_async) of each extension with a hook for the stage, in
    order; None when one of them has a hook of another form."""
    plan = []
    for position, extension_class in enumerate(extension_classes):
        known = _generator_hook(extension_class, hook_name)
        if known is _OTHER:
            return None
        if known is not None:
            plan.append((position, *known))
    return tuple(plan)


class HookStage:
    """A stage's generator hooks, entered in order and exited in reverse, with Strawberry's
    stage manager's behaviour (`with` for a stage of sync hooks, `async with` for any)."""

    __slots__ = ("_hooks", "_hook_name", "_open")

    def __init__(self, hooks: list[tuple[Callable, SchemaExtension, bool]],
                 hook_name: str) -> None:
        self._hooks = hooks
        self._hook_name = hook_name
        self._open: list[tuple] = []  # (generator, is_async), in the order entered

    def __enter__(self) -> None:
        for function, extension, is_async in self._hooks:
            if is_async:
                raise RuntimeError(f"SchemaExtension hook {extension}.{self._hook_name} "
                                   "failed to complete synchronously.")
            generator = function(extension)
            _start(generator)
            self._open.append((generator, False))

    async def __aenter__(self) -> None:
        for function, extension, is_async in self._hooks:
            generator = function(extension)
            if is_async:
                await _start_async(generator)
            else:
                _start(generator)
            self._open.append((generator, is_async))

    def __exit__(self, exc_type, exc, traceback) -> bool:
        opened = self._open
        while exc is None and opened:
            generator, _ = opened.pop()
            try:
                _stop(generator)
            except BaseException as error:  # the rest see it, as ExitStack's callbacks would
                if _stack(opened).__exit__(type(error), error, error.__traceback__):
                    return False
                raise
        return bool(opened) and _stack(opened).__exit__(exc_type, exc, traceback)

    async def __aexit__(self, exc_type, exc, traceback) -> bool:
        opened = self._open
        while exc is None and opened:
            generator, is_async = opened.pop()
            try:
                if is_async:
                    await _stop_async(generator)
                else:
                    _stop(generator)
            except BaseException as error:
                if await _async_stack(opened).__aexit__(type(error), error, error.__traceback__):
                    return False
                raise
        return bool(opened) and await _async_stack(opened).__aexit__(exc_type, exc, traceback)


def _start(generator) -> None:
    try:
        next(generator)
    except StopIteration:
        raise RuntimeError("generator didn't yield") from None


async def _start_async(generator) -> None:
    try:
        await generator.__anext__()
    except StopAsyncIteration:
        raise RuntimeError("generator didn't yield") from None


def _stop(generator) -> None:
    """contextlib's exit without an exception."""
    try:
        next(generator)
    except StopIteration:
        return
    try:
        raise RuntimeError("generator didn't stop")
    finally:
        generator.close()


async def _stop_async(generator) -> None:
    try:
        await generator.__anext__()
    except StopAsyncIteration:
        return
    try:
        raise RuntimeError("generator didn't stop")
    finally:
        await generator.aclose()


def _manager(generator, is_async: bool):
    """contextlib's manager of an already entered generator: its exit uses only `gen`."""
    manager_class = (contextlib._AsyncGeneratorContextManager if is_async
                     else contextlib._GeneratorContextManager)
    manager = manager_class.__new__(manager_class)
    manager.gen = generator
    return manager


def _stack(opened: list[tuple]) -> contextlib.ExitStack:
    stack = contextlib.ExitStack()
    for generator, _ in opened:
        stack.push(_manager(generator, False))
    opened.clear()
    return stack


def _async_stack(opened: list[tuple]) -> contextlib.AsyncExitStack:
    stack = contextlib.AsyncExitStack()
    for generator, is_async in opened:
        if is_async:
            stack.push_async_exit(_manager(generator, True))
        else:
            stack.push(_manager(generator, False))
    opened.clear()
    return stack


class ClassHooksRunner(SchemaExtensionsRunner):
    def __init__(self, execution_context: ExecutionContext,
                 extensions: list[SchemaExtension] | None = None) -> None:
        super().__init__(execution_context, extensions)
        self._classes = tuple(type(extension) for extension in self.extensions)

    def _stage(self, manager_class: type):
        """HookStage, or Strawberry's manager of the stage for a hook of another form."""
        plan = _stage_plan(self._classes, manager_class.HOOK_NAME)
        if plan is None:
            return manager_class(self.extensions)
        extensions = self.extensions
        return HookStage([(function, extensions[position], is_async)
                          for position, function, is_async in plan], manager_class.HOOK_NAME)

    def operation(self) -> OperationContextManager:
        return self._stage(OperationContextManager)

    def validation(self) -> ValidationContextManager:
        return self._stage(ValidationContextManager)

    def parsing(self) -> ParsingContextManager:
        return self._stage(ParsingContextManager)

    def executing(self) -> ExecutingContextManager:
        return self._stage(ExecutingContextManager)


class Schema(strawberry.Schema):
    """strawberry.Schema running its extensions through ClassHooksRunner."""

    def create_extensions_runner(
        self, execution_context: ExecutionContext, extensions: list[SchemaExtension]
    ) -> SchemaExtensionsRunner:
        return ClassHooksRunner(execution_context=execution_context, extensions=extensions)
