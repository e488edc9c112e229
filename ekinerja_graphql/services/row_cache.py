"""Rows a mutation reads by id, each once."""


class Cache:
    """Rows read once per mutation by id, however many records a bulk step touches."""

    def __init__(self) -> None:
        self._rows: dict[tuple[type, int], object] = {}

    async def get(self, model: type, row_id: int | None):
        if row_id is None:
            return None
        key = (model, row_id)
        if key not in self._rows:
            self._rows[key] = await model.get_or_none(id=row_id)
        return self._rows[key]

    async def preload(self, model: type, row_ids) -> list:
        """Reads the rows not yet here in one query; returns all of them."""
        wanted = {row_id for row_id in row_ids if row_id is not None}
        missing = [row_id for row_id in wanted if (model, row_id) not in self._rows]
        if missing:
            for row in await model.filter(id__in=missing):
                self._rows[(model, row.id)] = row
        return [self._rows[(model, row_id)] for row_id in wanted if (model, row_id) in self._rows]
