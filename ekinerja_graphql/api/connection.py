"""One keyset connection for every paginated list: typed cursors, `first` within limits.

A cursor records the sort it was made for, the sort value and the row id; a
crafted or foreign cursor (another sort, a value the column cannot hold) is
BAD_USER_INPUT. The next page is `(sort, id) > (value, id)`, written as
`sort >= value AND (sort > value OR id > last)` so that the leading condition
is a range on the `(sort, id)` index and every page costs the same.
"""

import base64
import re
from collections.abc import Awaitable, Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

import orjson
import strawberry
from strawberry import relay
from tortoise.expressions import Q
from tortoise.queryset import QuerySet

from ekinerja_graphql.api.errors import BadUserInput
from ekinerja_graphql.api.ids import MAX_ROW_ID
from ekinerja_graphql.api.plain_values import plain_values

NodeType = TypeVar("NodeType")
CURSOR_PREFIX = b"k1:"
MAX_CURSOR_LENGTH = 400


@dataclass(frozen=True, slots=True)
class SortKey:
    """A sort order of a connection: its name in cursors, its column, the values it holds."""

    name: str
    column: str
    accepts: Callable[[object], bool]


def text_sort(name: str, column: str, pattern: str) -> SortKey:
    compiled = re.compile(pattern, re.DOTALL)
    return SortKey(name, column, lambda v: isinstance(v, str) and bool(compiled.fullmatch(v)))


def _is_row_id(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_ROW_ID


BY_ID = SortKey("ID", "id", _is_row_id)


@dataclass(frozen=True, slots=True)
class PageRequest:
    first: int
    after: tuple[object, int] | None  # (sort value, id) of the last row already seen

    @property
    def size_with_lookahead(self) -> int:
        return self.first + 1


@dataclass(frozen=True, slots=True)
class Page:
    rows: list[dict]
    has_next_page: bool

    @classmethod
    def from_lookahead(cls, rows: list[dict], page: PageRequest) -> "Page":
        return cls(rows[: page.first], len(rows) > page.first)


def encode_cursor(sort: SortKey, row: dict) -> str:
    payload = orjson.dumps([sort.name, row[sort.column], row["id"]])
    return base64.urlsafe_b64encode(CURSOR_PREFIX + payload).decode()


def decode_cursor(cursor: str, sort: SortKey, argument: str = "after") -> tuple[object, int]:
    wrong = BadUserInput(argument, f"a cursor of this list ordered by {sort.name}, "
                         "from pageInfo.endCursor or edge.cursor")
    try:
        raw = base64.urlsafe_b64decode(cursor.encode()) if len(cursor) <= MAX_CURSOR_LENGTH else b""
        name, value, row_id = orjson.loads(raw.removeprefix(CURSOR_PREFIX))
    except (ValueError, TypeError):
        raise wrong from None
    if not (raw.startswith(CURSOR_PREFIX) and name == sort.name and sort.accepts(value)
            and _is_row_id(row_id)):
        raise wrong
    return value, row_id


def page_request(settings, sort: SortKey, first: int | None, after: str | None) -> PageRequest:
    """The page a connection field's `first`/`after` ask for, within the settings' limits."""
    size = settings.default_page_size if first is None else first
    if not 0 <= size <= settings.max_page_size:
        raise BadUserInput("first", f"an integer from 0 to {settings.max_page_size}")
    return PageRequest(size, decode_cursor(after, sort) if after is not None else None)


def newest_count(settings, last: int | None) -> int:
    """How many of the newest items a bounded list's `last` asks for, within the limits."""
    count = settings.default_page_size if last is None else last
    if not 0 <= count <= settings.max_page_size:
        raise BadUserInput("last", f"an integer from 0 to {settings.max_page_size}")
    return count


def after_condition(sort: SortKey, page: PageRequest) -> Q:
    value, last_id = page.after
    column = sort.column
    return Q(**{f"{column}__gte": value}) & (Q(**{f"{column}__gt": value}) | Q(id__gt=last_id))


def keyset(queryset: QuerySet, sort: SortKey, page: PageRequest) -> QuerySet:
    """The rows after the page's cursor, in page order, with one row of lookahead."""
    if page.after is not None:
        queryset = queryset.filter(after_condition(sort, page))
    return queryset.order_by(sort.column, "id").limit(page.size_with_lookahead)


async def fetch_page(
    queryset: QuerySet, fields: dict[str, str], sort: SortKey, page: PageRequest
) -> Page:
    return Page.from_lookahead(await plain_values(keyset(queryset, sort, page), **fields), page)


def _edge_cursor(self) -> str:
    return encode_cursor(self.sort, self.row)


@strawberry.type
class Edge(Generic[NodeType]):
    sort: strawberry.Private[SortKey]
    row: strawberry.Private[dict]
    # Encoded when asked for: most clients read the nodes and pageInfo only.
    cursor: str = strawberry.field(resolver=_edge_cursor)
    node: NodeType


# Where a connection's node objects are, for api/selection.attributes_read.
CONNECTION_NODES = (("nodes",), ("edges", "node"))

CONNECTION_DESCRIPTION = "A keyset page; totalCount costs one COUNT and runs only when selected"


class RowNodes(Sequence):
    """A page's nodes, kept as its rows and made into objects when iterated. Each object's
    attributes are its row's values by the same names, so the compiled path writes a
    selection of leaves straight from the rows (api/compiled/run.py)."""

    __slots__ = ("rows", "make_node")

    def __init__(self, rows: list[dict], make_node: Callable[[dict], object]) -> None:
        self.rows = rows
        self.make_node = make_node

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self.make_node(row) for row in self.rows[index]]
        return self.make_node(self.rows[index])

    def __iter__(self) -> Iterator:
        return map(self.make_node, self.rows)


@strawberry.type
class Connection(Generic[NodeType]):
    """Subclass it per node type (`class PegawaiConnection(Connection[Pegawai])`) with
    CONNECTION_DESCRIPTION: the schema names it after the subclass."""

    page_info: relay.PageInfo
    rows: strawberry.Private[list[dict]]
    sort: strawberry.Private[SortKey]
    make_node: strawberry.Private[Callable[[dict], NodeType]]
    count: strawberry.Private[Callable[[], Awaitable[int]]]

    @strawberry.field
    def edges(self) -> list[Edge[NodeType]]:
        sort, make_node = self.sort, self.make_node
        return [Edge(sort=sort, row=row, node=make_node(row)) for row in self.rows]

    @strawberry.field
    async def total_count(self) -> int:
        return await self.count()

    @strawberry.field(description="The nodes without edges, for clients that need no cursors")
    def nodes(self) -> list[NodeType]:
        return RowNodes(self.rows, self.make_node)

    @classmethod
    def of(
        cls,
        info: strawberry.Info,
        page: Page,
        sort: SortKey,
        make_node: Callable[[dict], NodeType],
        count: Callable[[], Awaitable[int]],
    ) -> "Connection[NodeType]":
        """`make_node(row)`: the node of a row, whose attributes are the row's values by the
        same names (`rows.maker`, Pegawai.from_row, Pegawai.from_columns)."""
        info.context.budget.spend(len(page.rows))
        rows = page.rows
        page_info = relay.PageInfo(
            has_next_page=page.has_next_page,
            has_previous_page=False,
            start_cursor=encode_cursor(sort, rows[0]) if rows else None,
            end_cursor=encode_cursor(sort, rows[-1]) if rows else None,
        )
        return cls(page_info=page_info, rows=rows, sort=sort, make_node=make_node, count=count)
