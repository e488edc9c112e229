"""Extension hooks looked up per class run as Strawberry runs them: same hooks, same order."""

import strawberry
from strawberry.extensions import SchemaExtension

from ekinerja_graphql.api import extension_hooks
from ekinerja_graphql.api.extensions import schema_extensions
from ekinerja_graphql.api.schema import build_schema


def recording(events: list[str]):
    class Generators(SchemaExtension):
        def on_operation(self):
            events.append("operation: enter")
            yield
            failed = bool(self.execution_context.pre_execution_errors)
            events.append(f"operation: exit, errors={failed}")

        async def on_execute(self):
            events.append("execute: enter")
            yield
            events.append("execute: exit")

    class Callables(SchemaExtension):
        def on_parse(self):  # a plain function: Strawberry's own way
            events.append("parse: called")

        async def on_validate(self):  # a coroutine function: Strawberry's own way
            events.append("validate: called")

    return [Generators, Callables]


@strawberry.type
class Query:
    @strawberry.field
    def hello(self, name: str) -> str:
        return f"hello {name}"


async def answers_and_events(schema_class, document: str) -> tuple[dict, list[str]]:
    events: list[str] = []
    schema = schema_class(query=Query, extensions=recording(events))
    result = await schema.execute(document)
    return (result.data, [e.message for e in result.errors or ()]), events


async def test_every_form_of_hook_runs_as_strawberry_runs_it():
    for document in ('{ hello(name: "x") }', "{ hello }", "{ nope"):
        ours = await answers_and_events(extension_hooks.Schema, document)
        strawberrys = await answers_and_events(strawberry.Schema, document)
        assert ours == strawberrys
    assert ours[1] == ["operation: enter", "parse: called",
                       "operation: exit, errors=True"]


def test_our_extensions_have_the_hooks_strawberry_finds(test_settings):
    schema = build_schema(test_settings)
    assert isinstance(schema, extension_hooks.Schema)
    runner = schema.create_extensions_runner(None, [make() for make in
                                                    schema_extensions(test_settings)])
    stages = ("operation", "validation", "parsing", "executing")
    base = strawberry.Schema.create_extensions_runner(schema, None, runner.extensions)
    for stage in stages:
        ours = [(type(extension), is_async)
                for _, extension, is_async in getattr(runner, stage)()._hooks]
        theirs = [(type(h.extension), h.is_async) for h in getattr(base, stage)().hooks]
        assert ours == theirs and ours, stage


def misbehaving(events: list[str], mode: str, asynchronous: bool = True):
    """Hooks that raise, swallow, or do not stop, each recording what it sees."""

    def outer_hook(name):
        def hook(self):
            events.append(f"{name}: enter")
            try:
                yield
            except Exception as error:
                events.append(f"{name}: saw {error!r}")
                if mode.startswith("swallow"):
                    return
                raise
            events.append(f"{name}: exit")
        return hook

    class Outer(SchemaExtension):
        on_operation = outer_hook("operation")

    def inner_hook(self):
        events.append("inner: enter")
        if mode == "raise on enter":
            raise ValueError("on enter")
        yield
        events.append("inner: exit")
        if mode in ("raise on exit", "swallow on exit"):
            raise ValueError("on exit")
        if mode == "no stop":
            yield
            events.append("inner: after a second yield")
        if mode == "no yield":
            return

    def no_yield(self):
        events.append("empty: enter")
        if False:
            yield

    async def async_inner(self):
        for _ in sync_inner(self):
            yield

    sync_inner = inner_hook

    class First(SchemaExtension):
        on_execute = outer_hook("execute")

    class Inner(SchemaExtension):
        on_execute = async_inner if asynchronous else sync_inner

    class Empty(SchemaExtension):
        on_validate = no_yield if mode == "no yield" else SchemaExtension.on_validate

    return [Outer, First, Inner, Empty]


async def outcome_and_events(schema_class, mode: str, asynchronous: bool):
    events: list[str] = []
    schema = schema_class(query=Query, extensions=misbehaving(events, mode, asynchronous))
    document = '{ hello(name: "x") }'
    try:
        if asynchronous:
            result = await schema.execute(document)
        else:
            result = schema.execute_sync(document)
        outcome = (result.data, [str(error.message) for error in result.errors or ()])
    except Exception as error:  # noqa: BLE001 - the raised error is what is compared
        outcome = ("raised", repr(error), repr(error.__context__))
    return outcome, events


async def test_errors_reach_the_hooks_as_through_strawberrys_exit_stack():
    modes = ("none", "raise on enter", "raise on exit", "swallow on exit", "no stop", "no yield")
    for asynchronous in (True, False):
        for mode in modes:
            ours = await outcome_and_events(extension_hooks.Schema, mode, asynchronous)
            strawberrys = await outcome_and_events(strawberry.Schema, mode, asynchronous)
            assert ours == strawberrys, (mode, asynchronous)
    # The scenarios do reach the hooks: an exception thrown into the outer ones.
    failing = await outcome_and_events(extension_hooks.Schema, "raise on exit", True)
    assert "execute: saw ValueError('on exit')" in failing[1]
    assert "operation: saw ValueError('on exit')" in failing[1]
