"""The read path's values keep asyncpg's decoding yet equal Tortoise's, value for value."""

from datetime import datetime
from decimal import Decimal

from tortoise import Tortoise

from ekinerja_graphql.api.plain_values import columns, plain_values


async def test_every_column_of_every_model_reads_as_tortoise_reads_it(seeded_db):
    compared = 0
    for model in Tortoise.apps["models"].values():
        queryset = model.all().order_by("id").limit(50) if "id" in model._meta.fields_map \
            else model.all().limit(50)
        fields = columns(model)
        expected = await queryset.values(**fields)
        got = await plain_values(queryset, **fields)
        assert len(got) == len(expected), model
        for ours, theirs in zip(got, expected, strict=True):
            for name in fields:
                a, b = ours[name], theirs[name]
                assert a == b and type(a) is type(b), (model.__name__, name, a, b)
                if isinstance(a, (datetime, Decimal)):
                    assert str(a) == str(b), (model.__name__, name, a, b)
                compared += 1
    assert compared > 5_000
