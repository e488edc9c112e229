"""Pegawai rows, always with the columns the access rule checks (SCOPE_COLUMNS)."""

from collections.abc import Sequence

from ekinerja_graphql.api.keyed_select import KeyedSelect
from ekinerja_graphql.api.loaders import (
    BatchFunction,
    LoaderSpec,
    RequestLoaders,
    by_id,
    grouped,
)
from ekinerja_graphql.api.plain_values import columns
from ekinerja_graphql.models import Pegawai
from ekinerja_graphql.services.access import SCOPE_COLUMNS

# The scope columns that are not Pegawai's own (joined from unit and the pejabat penilai).
SCOPE_JOINS = {name: source for name, source in SCOPE_COLUMNS.items() if name != source}

PEGAWAI_BY_ID = by_id("pegawai", Pegawai, **SCOPE_JOINS)


def _by_nip(loaders: RequestLoaders) -> BatchFunction:
    async def load(nips: Sequence[str]) -> list[dict | None]:
        rows = await _BY_NIP.fetch([set(nips)])
        by_nip = {row["nip"]: row for row in rows}
        for row in rows:
            loaders[PEGAWAI_BY_ID].prime(row["id"], row)
        return [by_nip.get(nip) for nip in nips]

    return load


PEGAWAI_BY_NIP = LoaderSpec("pegawai_by_nip", _by_nip)
_BY_NIP = KeyedSelect(Pegawai, ("nip",), (), SCOPE_JOINS)


def pegawai_fields() -> dict[str, str]:
    """Every pegawai column plus the scope joins: what a Pegawai object is built from."""
    return columns(Pegawai, **SCOPE_JOINS)

# Direct subordinates, by name.
BAWAHAN = grouped("bawahan", Pegawai, ("pejabat_penilai_id",), ("nama", "id"), **SCOPE_JOINS)
