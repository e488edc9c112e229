"""Fields whose value is what a loader holds for a key of the object, built as a type.

Declared once: `related_list(SPEC, "id", Realisasi)` is the resolver
`build_all(info, Realisasi, await loader(info, SPEC).load(self.id))`, and its metadata
tells the compiled read path the same thing, so that path asks the loader for a whole
depth's keys without calling a resolver, making an Info or a coroutine per object.
A one-row field may also pick its row from a list (`pick`), check the row (`check`),
take its key partly from its arguments (`arguments`) and carry guards
(`permission_classes` of api/permissions.Guard, checked on the object first); a list
field may keep the rows its arguments select (`select`).
"""

import inspect
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

import strawberry

from ekinerja_graphql.api.loaders import LoaderSpec, loader
from ekinerja_graphql.api.rows import maker

if TYPE_CHECKING:
    from ekinerja_graphql.services.access import Viewer

RELATED = "ekinerja-related"  # the metadata key of a Related


class RowCheck(Protocol):
    """What a related row must pass to be shown: raises (FORBIDDEN) where it does not;
    `reads`: the columns of the row it reads."""

    reads: frozenset[str]

    def __call__(self, viewer: "Viewer", row: dict) -> None: ...


class Argument(NamedTuple):
    """A field argument with a default, for `arguments=`; a plain type is a required one."""

    annotation: Any
    default: Any


@dataclass(frozen=True, slots=True)
class Related:
    spec: LoaderSpec
    # The attribute of the object whose value the loader is asked for; or a tuple of
    # attributes and of the field's arguments, whose values make the key.
    key: str | tuple[str, ...]
    node_type_of: type | Callable[[], type]  # the type, or a function naming a later one
    many: bool  # the field's value is a list of rows, not one row or None
    check: RowCheck | None = None  # for one row: checked before it is shown
    pick: Callable[[list[dict]], dict | None] | None = None  # one row of the loader's list
    arguments: tuple[str, ...] = ()  # the field's arguments (python names)
    # For a list: the rows kept, from the loader's rows and the field's arguments by name.
    select: Callable[..., list[dict]] | None = None

    @property
    def node_type(self) -> type:
        of = self.node_type_of
        return of if isinstance(of, type) else of()

    @property
    def attributes(self) -> tuple[str, ...]:
        """The attributes of the object the key is made of."""
        if isinstance(self.key, str):
            return (self.key,)
        return tuple(part for part in self.key if part not in self.arguments)

    def key_of(self, source: Any, arguments: dict[str, Any],
               read: Callable[[Any, str], Any] = getattr) -> Any:
        """What the loader is asked for, for `source` (its attributes by `read`) and the
        field's arguments."""
        if isinstance(self.key, str):
            return read(source, self.key)
        return tuple(arguments[part] if part in self.arguments else read(source, part)
                     for part in self.key)

    def shown(self, context: Any, loaded: Any) -> Sequence[dict]:
        """The rows shown for what the loader returned (not None): a one-row field's row
        checked, the rows charged to the request's budget."""
        if self.many:
            rows = loaded
        else:
            if self.check is not None:
                self.check(context.require_viewer(), loaded)
            rows = (loaded,)
        context.budget.spend(len(rows))
        return rows

    def value(self, context: Any, loaded: Any) -> Any:
        """The field's value from what the loader returned for the key (a row picked)."""
        if loaded is None and not self.many:
            return None
        objects = list(map(maker(self.node_type), self.shown(context, loaded)))
        return objects if self.many else objects[0]


def related_list(spec: LoaderSpec, key: str, node_type: type, *,
                 arguments: dict[str, Any] | None = None,
                 select: Callable[..., list[dict]] | None = None, **options: Any) -> Any:
    """A `list[node_type]` field: the rows of `spec` for the object's `key`; with
    `arguments` (name: type or Argument), those `select(rows, **arguments)` keeps."""
    related = Related(spec, key, node_type, many=True, arguments=tuple(arguments or ()),
                      select=select)

    async def resolve(self, info: strawberry.Info, **given: Any):
        rows = await loader(info, spec).load(getattr(self, key))
        return related.value(info.context, rows if select is None else select(rows, **given))

    _sign(resolve, list[node_type], arguments)
    return _field(resolve, related, options)


def related_one(spec: LoaderSpec, key: str | tuple[str, ...],
                node_type: type | Callable[[], type], *, nullable: bool = True,
                check: RowCheck | None = None,
                pick: Callable[[list[dict]], dict | None] | None = None,
                arguments: dict[str, Any] | None = None, **options: Any) -> Any:
    """A `node_type | None` field (`node_type` if not nullable): the row of `spec` for the
    object's `key` (`pick`: the row picked from the list a grouped loader holds for it);
    None when the key is None (nothing is asked) or the row does not exist; an error where
    the row fails `check`. `arguments`: the field's arguments and their types, which a
    tuple `key` may name. For the type being defined, give a function returning it and
    annotate the attribute (`parent: "Unit | None" = related_one(...)`)."""
    related = Related(spec, key, node_type, many=False, check=check, pick=pick,
                      arguments=tuple(arguments or ()))

    async def resolve(self, info: strawberry.Info, **given: Any):
        value = related.key_of(self, given)
        if value is None:
            return None
        loaded = await loader(info, spec).load(value)
        return related.value(info.context, loaded if pick is None else pick(loaded))

    returns = (node_type | None if nullable else node_type) if isinstance(node_type, type) \
        else inspect.Signature.empty  # then the attribute's annotation says it
    _sign(resolve, returns, arguments)
    return _field(resolve, related, options)


def _sign(resolve, returns: Any, arguments: dict[str, Any] | None) -> None:
    """Gives `resolve(self, info, **given)` the signature Strawberry reads its arguments
    and return type from."""
    parameters = [
        inspect.Parameter("self", inspect.Parameter.POSITIONAL_OR_KEYWORD),
        inspect.Parameter("info", inspect.Parameter.POSITIONAL_OR_KEYWORD,
                          annotation=strawberry.Info)]
    annotations: dict[str, Any] = {"info": strawberry.Info}
    for name, argument in (arguments or {}).items():
        annotation, default = argument if isinstance(argument, Argument) \
            else (argument, inspect.Parameter.empty)
        parameters.append(inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY,
                                            annotation=annotation, default=default))
        annotations[name] = annotation
    resolve.__signature__ = inspect.Signature(parameters, return_annotation=returns)
    if returns is not inspect.Signature.empty:
        annotations["return"] = returns
    resolve.__annotations__ = annotations


def first(rows: list[dict]) -> dict | None:
    """For `pick`: the first of the rows, in the loader's order."""
    return rows[0] if rows else None


def last(rows: list[dict]) -> dict | None:
    """For `pick`: the last of the rows, in the loader's order."""
    return rows[-1] if rows else None


def _field(resolve, related: Related, options: dict) -> Any:
    metadata = {**options.pop("metadata", {}), RELATED: related}
    return strawberry.field(resolver=resolve, metadata=metadata, **options)
