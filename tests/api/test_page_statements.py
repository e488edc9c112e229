"""A page's kept statement answers exactly as the statement Tortoise builds for that page."""

import itertools

from strawberry import UNSET
from strawberry.relay import GlobalID

from ekinerja_graphql.api.connection import PageRequest, keyset
from ekinerja_graphql.api.enums import Golongan, JenisPegawai
from ekinerja_graphql.api.page_statements import UNKEPT, PageStatements, _frozen, _key
from ekinerja_graphql.api.pegawai.dataloaders import pegawai_fields
from ekinerja_graphql.api.pegawai.filters import PegawaiFilter
from ekinerja_graphql.api.pegawai.schema import _listed
from ekinerja_graphql.api.pegawai.sorts import BY_NAMA, BY_NIP
from ekinerja_graphql.api.plain_values import narrowed, plain_values
from ekinerja_graphql.models import Pegawai, UnitOrganisasi
from ekinerja_graphql.services.access.grants import (
    BawahanOfBawahan,
    DirectBawahan,
    Everyone,
    Listed,
    Self,
    UnitSubtree,
)

PAGE_SIZE = 7
PAGES_WALKED = 3


async def _inputs_to_try() -> list[tuple]:
    unit = await UnitOrganisasi.filter(parent_id__not_isnull=True).order_by("id").first()
    atasan = await Pegawai.filter(pejabat_penilai_id__not_isnull=True).order_by("id") \
        .values_list("pejabat_penilai_id", flat=True)
    chief = atasan[0]
    listed = frozenset(await Pegawai.all().order_by("id").limit(40).values_list("id", flat=True))
    grant_sets = [
        (Everyone(),),
        (UnitSubtree(unit.path),),
        (Self(chief), DirectBawahan(chief), BawahanOfBawahan(chief)),
        (Listed(listed),),
    ]
    unit_id = GlobalID("UnitOrganisasi", str(unit.id))
    filters = [
        (None, None),
        (PegawaiFilter(golongan=[Golongan.III_A, Golongan.III_B]), None),
        (PegawaiFilter(golongan=[Golongan.IV_A]), None),
        (PegawaiFilter(unit_id=unit_id), unit.path),
        (PegawaiFilter(unit_id=unit_id, include_descendants=False), None),
        (PegawaiFilter(nama="an", jenis=[JenisPegawai.PNS]), None),
    ]
    return [(grants, filter, path) for grants in grant_sets for filter, path in filters]


async def test_every_page_answers_as_the_statement_tortoise_builds(seeded_db):
    pages = PageStatements()
    fields = narrowed(pegawai_fields(), frozenset({"nip", "nama", "golongan", "jenis"}), "id",
                      "nama", "nip")
    compared = 0
    for inputs, sort in itertools.product(await _inputs_to_try(), (BY_NIP, BY_NAMA)):
        page = PageRequest(PAGE_SIZE, None)
        for _ in range(PAGES_WALKED):
            kept = await pages.fetch(_listed, inputs, fields, sort, page)
            built = await plain_values(keyset(_listed(*inputs), sort, page), **fields)
            assert kept.rows == built[:PAGE_SIZE], (inputs, sort, page)
            assert kept.has_next_page == (len(built) > PAGE_SIZE)
            compared += len(kept.rows)
            if not kept.has_next_page:
                break
            last = kept.rows[-1]
            page = PageRequest(PAGE_SIZE, (last[sort.column], last["id"]))
    assert compared > 300
    kept_statements = list(pages._kept._entries.values())
    # Two per input and order (first page, later pages), and every one of them kept.
    assert len(kept_statements) > 60
    assert UNKEPT not in kept_statements


async def test_a_page_whose_inputs_are_not_plain_values_is_built_every_time(seeded_db):
    pages = PageStatements()
    fields = {"id": "id", "nip": "nip"}
    page = PageRequest(5, None)
    assert _key(_listed, ((Everyone(),), UNSET, None), fields, BY_NIP, page) is None

    def everyone_unless_unset(grants, marker, unit_path):
        return _listed(grants, None, unit_path)

    found = await pages.fetch(everyone_unless_unset, ((Everyone(),), UNSET, None), fields,
                              BY_NIP, page)
    expected = await Pegawai.all().order_by("nip", "id").limit(5).values_list("nip", flat=True)
    assert [row["nip"] for row in found.rows] == list(expected)
    assert not pages._kept._entries


def test_keys_tell_apart_values_that_compare_equal_across_types():
    assert len({_frozen((1,)), _frozen((True,)), _frozen(("1",)), _frozen((1.0,))}) == 4
    assert _frozen((frozenset({1, 2}),)) == _frozen((frozenset({2, 1}),))
    assert _frozen(([1, 2],)) != _frozen(([2, 1],))
