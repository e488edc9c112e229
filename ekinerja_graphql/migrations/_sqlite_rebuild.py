"""Steps around a migration that makes SQLite rebuild tables (not a migration itself: the
loader skips modules starting with "_").

Tortoise 1.1 rebuilds a SQLite table for AlterField and AddConstraint: it copies the rows
into a new table with the columns and CHECKs only, drops the old one and renames. With
foreign keys on, the drop cascades or fails; and the rebuilt table has lost its indexes,
unique_together among them. So a migration that rebuilds starts with `BEFORE` and ends
with `AFTER`:

- before: foreign keys off. PRAGMA foreign_keys is ignored inside a transaction, and
  sqlite3's executescript commits the pending (still empty) migration transaction before
  it runs: so it ends that transaction, turns them off and opens a new one.
- after: every index the models ask for (db_index fields, Meta.indexes, unique_together)
  that is missing is created, every reference is checked, then the transaction is
  committed, foreign keys go back on and an empty transaction is opened for the runner to
  close. A failure in between rolls the whole rebuild back.

Steps in between must use execute_query (executescript would commit). Both steps do
nothing on PostgreSQL and work in either direction.
"""

from tortoise.migrations import operations as ops


def _sqlite(schema_editor) -> bool:
    return schema_editor.client.capabilities.dialect == "sqlite"


async def _foreign_keys_off(apps, schema_editor) -> None:
    if _sqlite(schema_editor):
        await schema_editor.client.execute_script("PRAGMA foreign_keys = OFF; BEGIN;")


async def _indexes_back_foreign_keys_on(apps, schema_editor) -> None:
    if not _sqlite(schema_editor):
        return
    client = schema_editor.client
    for model in apps.get_models_iterable():
        await _ensure_indexes(client, model)
    broken = await client.execute_query_dict("PRAGMA foreign_key_check")
    if broken:
        raise RuntimeError(f"the migration left {len(broken)} broken references: {broken[0]}")
    await client.execute_script("PRAGMA foreign_keys = ON; BEGIN;")


async def _ensure_indexes(client, model) -> None:
    """Creates the model's missing indexes, compared by columns and uniqueness (names differ
    between the ones migrations created and these); skips a table or column the database
    does not have (a migration run backwards)."""
    table = model._meta.db_table
    columns = {row["name"] for row in await client.execute_query_dict(
        f"PRAGMA table_info('{table}')")}  # fmt: skip
    if not columns:
        return
    present = set()
    for index in await client.execute_query_dict(f"PRAGMA index_list('{table}')"):
        info = await client.execute_query_dict(f"PRAGMA index_info('{index['name']}')")
        present.add((tuple(row["name"] for row in info), bool(index["unique"])))
    for wanted, unique in _wanted_indexes(model):
        if set(wanted) <= columns and (wanted, unique) not in present:
            kind = "UNIQUE INDEX" if unique else "INDEX"
            name = f"{'uniq' if unique else 'idx'}_{table}_{'_'.join(wanted)}"
            quoted = ", ".join(f'"{column}"' for column in wanted)
            await client.execute_query(f'CREATE {kind} "{name}" ON "{table}" ({quoted})')


def _wanted_indexes(model) -> list[tuple[tuple[str, ...], bool]]:
    meta = model._meta

    def column(field_name: str) -> str:
        field = meta.fields_map[field_name]
        return meta.fields_db_projection.get(field_name) or field.source_field or field_name

    wanted = [((db_column,), False) for name, db_column in meta.fields_db_projection.items()
              if meta.fields_map[name].index and not meta.fields_map[name].pk
              and not meta.fields_map[name].unique]  # fmt: skip
    for index in meta.indexes:  # tuples of field names, or Index objects
        fields = index if isinstance(index, tuple | list) else getattr(index, "fields", [])
        if fields and all(isinstance(name, str) for name in fields):
            wanted.append((tuple(column(name) for name in fields), False))
    wanted += [(tuple(column(name) for name in fields), True) for fields in meta.unique_together]
    return wanted


BEFORE = ops.RunPython(_foreign_keys_off, _indexes_back_foreign_keys_on)
AFTER = ops.RunPython(_indexes_back_foreign_keys_on, _foreign_keys_off)
