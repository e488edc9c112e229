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
        ours = [(type(h.extension), h.is_async) for h in getattr(runner, stage)().hooks]
        theirs = [(type(h.extension), h.is_async) for h in getattr(base, stage)().hooks]
        assert ours == theirs and ours, stage
