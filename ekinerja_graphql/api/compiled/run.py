"""Executes a query from its plan, one depth at a time, with graphql-core's semantics:
values completed as graphql-core completes them and errors located at their paths (their
nulls propagate as compiled/outcome.py says)."""

from collections.abc import Callable
from inspect import isawaitable
from typing import Any

from graphql import (
    GraphQLError,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLResolveInfo,
    is_abstract_type,
    is_leaf_type,
    located_error,
)
from graphql.execution import ExecutionResult, Executor
from graphql.execution.collect_fields import collect_fields, collect_subfields
from graphql.execution.values import get_argument_values
from graphql.pyutils import Path
from strawberry.relay.utils import to_base64

from ekinerja_graphql.api.compiled.arguments import arguments_converter
from ekinerja_graphql.api.compiled.drive import drive
from ekinerja_graphql.api.compiled.leaf_objects import LeafObject, leaf_object
from ekinerja_graphql.api.compiled.leaves import leaf_writer
from ekinerja_graphql.api.compiled.outcome import Outcome, Slot
from ekinerja_graphql.api.compiled.plan import (
    ATTRIBUTE,
    CALL,
    DEFINITION,
    NODE_ID,
    RELATED,
    TYPENAME,
    FieldPlan,
    Plan,
    field_plans,
    list_items,
)
from ekinerja_graphql.api.connection import RowNodes
from ekinerja_graphql.api.rows import init_fields, maker


class Work:
    """An object whose selection is still to be written, at `slot`; `read(source, name)`
    its attribute: getattr, or for a loader's row standing for its object, the row's key."""

    __slots__ = ("source", "out", "path", "slot", "fields", "read")

    def __init__(self, source, out: dict, path: Path | None, slot: Slot | None,
                 fields: list[FieldPlan], read: Callable[[Any, str], Any] = getattr):
        self.source = source
        self.out = out
        self.path = path
        self.slot = slot
        self.fields = fields
        self.read = read


_ROW_ITEM = dict.__getitem__  # Work.read of a row: the object's attributes are its keys


class CompiledRun:
    def __init__(self, executor: Executor, plan: Plan, strawberry_schema) -> None:
        self.executor = executor
        self.plan = plan
        self.strawberry_schema = strawberry_schema
        self.schema = executor.schema
        self.outcome = Outcome()
        self._arguments: dict[int, tuple[dict, dict | None]] = {}
        self._pending: list[tuple[Any, FieldPlan, Work, Path]] = []  # awaitable, where
        self._pending_items: list[tuple[Any, FieldPlan, Work, Any, Slot]] = []
        # Related fields by the loader they ask: (key, field, work) each.
        self._asks: dict[Any, list[tuple[Any, FieldPlan, Work]]] = {}
        self._next: list[Work] = []

    async def execute(self) -> ExecutionResult:
        executor = self.executor
        root_type = self.schema.query_type
        if self.plan.root is None:
            grouped = collect_fields(self.schema, executor.fragments, executor.variable_values,
                                     root_type, executor.operation).grouped_field_set
            self.plan.root = field_plans(self.schema, root_type, grouped)
        level = [Work(executor.root_value, self.outcome.data, None, None, self.plan.root)]
        while level:
            self._next, self._pending, self._pending_items, self._asks = [], [], [], {}
            for work in level:
                if self.outcome.is_dead(work.slot):
                    continue
                self._write_fields(work)
            while self._pending or self._pending_items or self._asks:
                await self._settle()
            level = self._next
        return self.outcome.result()

    def _write_fields(self, work: Work) -> None:
        source, out, read = work.source, work.out, work.read
        for field in work.fields:
            kind = field.kind
            if kind == ATTRIBUTE:
                value = read(source, field.attribute)
                if field.leaf is None:
                    self._complete(field, value, work, None)
                elif value is not None:
                    try:
                        out[field.key] = field.leaf(value)
                    except Exception as error:  # noqa: BLE001 - located like graphql-core
                        self._field_error(error, field, work, None)
                elif field.non_null:
                    self._field_error(self._null_in_non_null(field), field, work, None)
                else:
                    out[field.key] = None
            elif kind == TYPENAME:
                out[field.key] = field.parent_type.name
            elif kind == NODE_ID:
                out[field.key] = to_base64(field.parent_type.name,
                                           read(source, field.attribute))
            elif kind == RELATED:
                self._ask_loader(field, work)
            else:
                path = Path(work.path, field.key, field.parent_type.name)
                try:
                    value = self._call(field, work, path)
                except Exception as error:  # noqa: BLE001 - located like graphql-core
                    self._field_error(error, field, work, path)
                    continue
                if isawaitable(value):
                    out[field.key] = None  # keeps the key's place in the response
                    self._pending.append((value, field, work, path))
                else:
                    self._complete(field, value, work, path)

    def _ask_loader(self, field: FieldPlan, work: Work) -> None:
        """What the related field's resolver would await, asked for without it: the key
        joins the depth's batch for its loader (_settle). Its guards first, as Strawberry's
        PermissionExtension checks them."""
        related, source = field.related, work.source
        if field.guards:
            try:
                self._check_guards(field, source)
            except Exception as error:  # noqa: BLE001 - located like graphql-core
                self._field_error(error, field, work, None)
                return
        if related.arguments:
            key = related.key_of(source, self._arguments_of(field)[1], work.read)
        else:
            key = work.read(source, related.key)
        if key is None and not related.many:
            self._complete(field, None, work, None)
            return
        work.out[field.key] = None  # keeps the key's place in the response
        spec = self._related_rows(field)[1]
        asks = self._asks.get(spec)
        if asks is None:
            asks = self._asks[spec] = []
        asks.append((key, field, work))

    def _call(self, field: FieldPlan, work: Work, path: Path) -> Any:
        arguments, converted = self._arguments_of(field)
        info = self._info(field, path)
        if field.kind == CALL:
            strawberry_field = field.strawberry_field
            resolver = strawberry_field.base_resolver
            kwargs = dict(converted)
            if field.guards:
                self._check_guards(field, work.source)
            if resolver.info_parameter is not None:
                kwargs[resolver.info_parameter.name] = self.strawberry_schema.config.info_class(
                    _raw_info=info, _field=strawberry_field)
            if resolver.self_parameter is not None:
                return resolver.wrapped_func(work.source, **kwargs)
            return resolver.wrapped_func(**kwargs)
        resolve = field.definition.resolve or self.executor.field_resolver
        return resolve(work.source, info, **arguments)

    def _check_guards(self, field: FieldPlan, source: Any) -> None:
        """Raises what the first guard refusing the object raises (FORBIDDEN), as
        Strawberry's PermissionExtension checks them (api/permissions.Guard)."""
        viewer = self.executor.context_value.require_viewer()
        for guard in field.guards:
            if not guard.allows(viewer, source):
                guard.on_unauthorized()

    def _arguments_of(self, field: FieldPlan) -> tuple[dict, dict | None]:
        """The field's arguments as graphql-core coerces them, and as Strawberry converts
        them for a direct call: once per field and request, the same for every object."""
        found = self._arguments.get(id(field))
        if found is None:
            arguments = get_argument_values(field.definition, field.nodes[0],
                                            self.executor.variable_values)
            converted = None
            if field.kind in (CALL, RELATED):
                if field.convert_arguments is None:
                    field.convert_arguments = arguments_converter(field.strawberry_field,
                                                                  self.strawberry_schema)
                converted = field.convert_arguments(arguments)
            found = self._arguments[id(field)] = (arguments, converted)
        return found

    def _info(self, field: FieldPlan, path: Path) -> GraphQLResolveInfo:
        executor = self.executor
        return GraphQLResolveInfo(
            field.nodes[0].name.value, field.nodes, field.return_type, field.parent_type,
            path, self.schema, executor.fragment_definitions, executor.root_value,
            executor.operation, executor.variable_values, executor.context_value,
            executor.is_awaitable, executor.abort_signal, executor.async_helpers,
        )

    async def _settle(self) -> None:
        """Awaits this depth's resolvers and loader batches together (a resolver's
        DataLoader batches with the others of the depth)."""
        pending, items, asks = self._pending, self._pending_items, self._asks
        self._pending, self._pending_items, self._asks = [], [], {}
        try:
            loaders = self.executor.context_value.require_loaders()
            batches = [loaders.load_all(spec, {key for key, _, _ in entries})
                       for spec, entries in asks.items()]
        except Exception as error:  # noqa: BLE001 - each asking field reports it
            batches = [_raise(error) for _ in asks]
        # The batches first: a resolver then asking one of their keys waits for them.
        values = await drive(batches + [entry[0] for entry in pending]
                             + [entry[0] for entry in items])
        related_done = self._related_done
        for entries, found in zip(asks.values(), values[:len(asks)], strict=True):
            if isinstance(found, BaseException):
                for _, field, work in entries:
                    related_done(field, work, found)
            else:
                for key, field, work in entries:
                    related_done(field, work, found[key])
        values = values[len(asks):]
        for (_, field, work, path), value in zip(pending, values[:len(pending)], strict=True):
            if self.outcome.is_dead(work.slot):
                continue
            if isinstance(value, BaseException):
                self._field_error(_exception(value), field, work, path)
                continue
            self._complete(field, value, work, path)
        for (_, field, work, item_type, slot), value in zip(items, values[len(pending):],
                                                            strict=True):
            if self.outcome.is_dead(slot):
                continue
            if isinstance(value, BaseException):
                error = located_error(_exception(value), field.nodes, slot.path.as_list())
                self.outcome.fail(error, slot)
            else:
                self._item(field, work, item_type, value, slot)

    def _related_done(self, field: FieldPlan, work: Work, loaded: Any) -> None:
        if self.outcome.nulled and self.outcome.is_dead(work.slot):
            return
        if isinstance(loaded, BaseException):
            self._field_error(_exception(loaded), field, work, None)
            return
        try:
            related = field.related
            if related.pick is not None:
                loaded = related.pick(loaded)
            elif related.select is not None:
                loaded = related.select(loaded, **self._arguments_of(field)[1])
            value = self._related_value(field, work, loaded)
        except NotCompilable:
            raise
        except Exception as error:  # noqa: BLE001 - located like graphql-core
            self._field_error(error, field, work, None)
            return
        if value is not _WRITTEN:
            self._complete(field, value, work, None)

    def _related_value(self, field: FieldPlan, work: Work, loaded: Any) -> Any:
        """The related field's objects from the loader's rows; _WRITTEN when the rows were
        written as they are (a selection of leaves, each row written without a problem)."""
        related, context = field.related, self.executor.context_value
        writer, _, narrowed = field.related_rows  # found when the loader was asked
        if writer is None and loaded is not None \
                and (children := self._row_children(field)) is not None:
            return self._row_works(field, work, loaded, children)
        if writer is None or loaded is None:
            return related.value(context, loaded)
        rows = related.shown(context, loaded)
        write, read = writer.write, writer.from_row
        written = [write(read(row)) for row in rows]
        if None in written:  # a row the general way must word an error for
            if narrowed:  # its objects cannot be made from the columns read
                raise NotCompilable("a related row graphql-core must report on")
            objects = list(map(maker(related.node_type), rows))  # charged above
            return objects if related.many else objects[0]
        work.out[field.key] = written if related.many else written[0]
        return _WRITTEN

    def _row_works(self, field: FieldPlan, work: Work, loaded: Any,
                   children: list[FieldPlan]) -> Any:
        """The related rows as the next depth's objects, without making them: what
        related.value and _value would do, each row standing for its object."""
        related = field.related
        rows = related.shown(self.executor.context_value, loaded)
        path = Path(work.path, field.key, field.parent_type.name)
        field_slot = _field_slot(field, work, path)
        next_works = self._next
        if not related.many:
            out: dict = {}
            next_works.append(Work(loaded, out, path, field_slot, children, _ROW_ITEM))
            work.out[field.key] = out
            return _WRITTEN
        list_type = field.return_type.of_type if field.non_null else field.return_type
        item_nullable = not isinstance(list_type.of_type, GraphQLNonNull)
        items: list = []
        for index, row in enumerate(rows):
            out = {}
            items.append(out)
            item_path = Path(path, index, None)
            next_works.append(Work(row, out, item_path,
                                   Slot(items, index, item_nullable, item_path, field_slot),
                                   children, _ROW_ITEM))
        work.out[field.key] = items
        return _WRITTEN

    def _row_children(self, field: FieldPlan) -> list[FieldPlan] | None:
        """For a related field whose rows hold their objects' attributes by name: the
        selection on its object type, if every field of it reads the object only through
        those attributes (no resolver, no guard); None otherwise."""
        found = field.row_children
        if found is None:
            found = False
            object_type = self._related_object_type(field)
            if object_type is not None:
                children = self._children(field, object_type)
                attributes = set(init_fields(field.related.node_type))
                if all(child.kind == TYPENAME
                       or (child.kind in (ATTRIBUTE, NODE_ID) and child.attribute in attributes)
                       or (child.kind == RELATED and not child.guards
                           and set(child.related.attributes) <= attributes)
                       for child in children):
                    found = children
            field.row_children = found
        return found or None

    def _related_rows(self, field: FieldPlan) -> tuple[LeafObject | None, Any, bool]:
        """For a related field: the writer of its rows if its selection holds only leaves;
        the loader to ask, reading only the columns the rows are written or made from (and
        its check reads); whether the rows are too narrow to make objects of."""
        found = field.related_rows
        if found is None:
            related = field.related
            writer, spec, narrowed = self._rows_writer(field), related.spec, None
            if spec.narrow is not None:
                names = set(writer.attributes if writer is not None
                            else init_fields(related.node_type))
                narrowed = spec.narrow(frozenset(names.union(
                    related.check.reads if related.check is not None else ())))
            found = field.related_rows = (writer, narrowed or spec,
                                          writer is not None and narrowed is not None)
        return found

    def _rows_writer(self, field: FieldPlan) -> LeafObject | None:
        object_type = self._related_object_type(field)
        if object_type is None:
            return None
        writer = self._leaf_object(field, object_type)
        return writer if writer is not None and writer.from_row is not None else None

    @staticmethod
    def _related_object_type(field: FieldPlan) -> GraphQLObjectType | None:
        """The object type of a related field's rows, if it is their node type's."""
        object_type = field.return_type.of_type if field.non_null else field.return_type
        if field.related.many:
            object_type, _ = list_items(field)
        if not isinstance(object_type, GraphQLObjectType) \
                or object_type.extensions[DEFINITION].origin is not field.related.node_type:
            return None
        return object_type

    def _leaf_object(self, field: FieldPlan, object_type: GraphQLObjectType) -> LeafObject | None:
        try:
            return field.leaf_objects[object_type.name]
        except KeyError:
            row_class = field.related.node_type if field.kind == RELATED else None
            found = field.leaf_objects[object_type.name] = leaf_object(
                self._children(field, object_type), object_type, row_class)
            return found

    # -- completion ---------------------------------------------------------------------

    def _complete(self, field: FieldPlan, value: Any, work: Work, path: Path | None) -> None:
        return_type = field.return_type
        try:
            work.out[field.key] = self._value(field, return_type, value, work, path, None)
        except Exception as error:  # noqa: BLE001 - located like graphql-core
            self._field_error(error, field, work, path)

    def _value(self, field: FieldPlan, return_type, value: Any, work: Work,
               path: Path | None, field_slot: Slot | None) -> Any:
        if isinstance(return_type, GraphQLNonNull):
            completed = self._value(field, return_type.of_type, value, work, path, field_slot)
            if completed is None:
                raise self._null_in_non_null(field)
            return completed
        if value is None:
            return None
        if is_leaf_type(return_type):
            return leaf_writer(return_type)(value)
        path = path or Path(work.path, field.key, field.parent_type.name)
        if isinstance(return_type, GraphQLList):
            return self._list(field, return_type, value, work, path, field_slot)
        object_type = (self._runtime_type(field, return_type, value, path)
                       if is_abstract_type(return_type) else return_type)
        writer = self._leaf_object(field, object_type)
        if writer is not None and (written := writer.write(writer.from_object(value))) \
                is not None:
            return written
        out: dict = {}
        slot = field_slot or _field_slot(field, work, path)
        self._next.append(Work(value, out, path, slot, self._children(field, object_type)))
        return out

    @staticmethod
    def _null_in_non_null(field: FieldPlan) -> TypeError:
        return TypeError(f"Cannot return null for non-nullable field {field.parent_type.name}."
                         f"{field.name}.")

    def _list(self, field: FieldPlan, list_type: GraphQLList, value: Any, work: Work,
              path: Path, field_slot: Slot | None) -> list:
        if isinstance(value, (str, bytes, dict)) or not hasattr(value, "__iter__"):
            raise GraphQLError("Expected Iterable, but did not find one for field"
                               f" '{field.parent_type.name}.{field.name}'.")
        item_type = list_type.of_type
        items: list = []
        list_slot = field_slot or _field_slot(field, work, path)
        item_nullable = not isinstance(item_type, GraphQLNonNull)
        object_type, item_class = list_items(field)
        children = writer = None
        if object_type is not None:
            children = self._children(field, object_type)
            writer = self._leaf_object(field, object_type)
            if writer is not None and type(value) is RowNodes \
                    and (written := writer.write_rows(value.rows)) is not None:
                return written
        for index, item in enumerate(value):
            if type(item) is item_class and writer is not None \
                    and (written := writer.write(writer.from_object(item))) is not None:
                items.append(written)
                continue
            item_path = Path(path, index, None)
            item_slot = Slot(items, index, item_nullable, item_path, list_slot)
            if type(item) is item_class:  # what _item would do for it, without the checks
                out: dict = {}
                items.append(out)
                self._next.append(Work(item, out, item_path, item_slot, children))
                continue
            items.append(None)
            if isawaitable(item):  # e.g. relay's nodes(ids:): one awaitable per node
                self._pending_items.append((item, field, work, item_type, item_slot))
            else:
                self._item(field, work, item_type, item, item_slot)
        return items

    def _item(self, field: FieldPlan, work: Work, item_type, item: Any, slot: Slot) -> None:
        try:
            slot.container[slot.key] = self._value(field, item_type, item, work, slot.path,
                                                    slot)
        except Exception as error:  # noqa: BLE001 - located like graphql-core
            self.outcome.fail(located_error(error, field.nodes, slot.path.as_list()), slot)

    def _runtime_type(self, field: FieldPlan, abstract, value: Any, path: Path):
        info = self._info(field, path)
        resolve_type = abstract.resolve_type or self.executor.type_resolver
        name = resolve_type(value, info, abstract)
        if isawaitable(name):
            raise NotCompilable("an abstract type resolved asynchronously")
        details = field.details
        return self.executor.ensure_valid_runtime_type(name, abstract, details, info, value)

    def _children(self, field: FieldPlan, object_type: GraphQLObjectType) -> list[FieldPlan]:
        children = field.children.get(object_type.name)
        if children is None:
            executor = self.executor
            grouped = collect_subfields(self.schema, executor.fragments,
                                        executor.variable_values, executor.operation,
                                        object_type, field.details).grouped_field_set
            children = field.children[object_type.name] = field_plans(self.schema, object_type,
                                                                      grouped)
        return children

    # -- errors -------------------------------------------------------------------------

    def _field_error(self, raw: Exception, field: FieldPlan, work: Work,
                     path: Path | None) -> None:
        path = path or Path(work.path, field.key, field.parent_type.name)
        self.outcome.fail(located_error(raw, field.nodes, path.as_list()),
                          _field_slot(field, work, path))


_WRITTEN = object()  # _related_value's answer: the rows are already in the response


class NotCompilable(Exception):
    """Something this path does not cover: the request runs on graphql-core instead."""


async def _raise(error: Exception) -> None:
    raise error


def _exception(value: BaseException) -> Exception:
    if not isinstance(value, Exception):
        raise value  # cancellation and exits are not field errors
    return value


def _field_slot(field: FieldPlan, work: Work, path: Path) -> Slot:
    """Where `field`'s value goes in `work`'s object."""
    return Slot(work.out, field.key, not field.non_null, path, work.slot)
