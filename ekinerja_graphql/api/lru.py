"""A bounded memo: the `maxsize` most recently used entries, the least recently used out."""

from collections import OrderedDict
from typing import Any

_MISSING = object()


class Lru:
    __slots__ = ("maxsize", "_entries")

    def __init__(self, maxsize: int) -> None:
        self.maxsize = maxsize
        self._entries: OrderedDict = OrderedDict()

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: Any, default: Any = None) -> Any:
        """The entry (now the most recently used), or `default`; TypeError for a key that
        cannot be hashed, as a dict raises."""
        found = self._entries.get(key, _MISSING)
        if found is _MISSING:
            return default
        self._entries.move_to_end(key)
        return found

    def put(self, key: Any, value: Any) -> Any:
        self._entries[key] = value
        if len(self._entries) > self.maxsize:
            self._entries.popitem(last=False)
        return value
