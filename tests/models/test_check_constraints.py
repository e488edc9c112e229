"""Rules the database itself enforces: the bulk load and plain SQL bypass the ORM's
validators, so these hold even for rows written without Tortoise."""

from datetime import date

import pytest
from tortoise import connections
from tortoise.exceptions import IntegrityError, ValidationError

from ekinerja_graphql.domain.organisasi import child_path
from ekinerja_graphql.models import Jabatan, Pegawai, PejabatNegara, Skp, UnitOrganisasi


async def sql(statement: str) -> None:
    await connections.get("default").execute_query(statement)


@pytest.fixture
async def unit(empty_db) -> UnitOrganisasi:
    return await UnitOrganisasi.create(id=1, path=child_path(None, 1), depth=0,
                                       nama="Kementerian Agama", jenis="KEMENTERIAN")


@pytest.mark.parametrize("kelas", [0, 18, -1])
async def test_kelas_jabatan_outside_1_to_17_is_refused_even_in_plain_sql(unit, kelas):
    with pytest.raises(IntegrityError):
        await sql(
            "INSERT INTO jabatan (created_at, updated_at, nama, jenis, kelas_jabatan)"
            f" VALUES ('2026-01-01', '2026-01-01', 'X', 'FUNGSIONAL_UMUM', {kelas})"
        )
    with pytest.raises(ValidationError):
        await Jabatan.create(nama="X", jenis="FUNGSIONAL_UMUM", kelas_jabatan=kelas)
    assert await Jabatan.all().count() == 0


async def _pegawai(unit, **fields) -> Pegawai:
    defaults = {"nip": "199312282025212001", "nama": "Siti", "jenis_kelamin": "PEREMPUAN",
                "tanggal_lahir": date(1993, 12, 28), "jenis": "PPPK", "status": "AKTIF"}
    return await Pegawai.create(unit=unit, **(defaults | fields))


@pytest.mark.parametrize("fields", [
    {"jenis": "PPPK", "golongan": "31"},
    {"jenis": "PPPK_PARUH_WAKTU", "golongan_awal": "21"},
    {"jenis": "PNS", "golongan": "31", "golongan_pppk": "IX"},
    {"jenis": "CPNS", "golongan_pppk": "IX"},
])
async def test_the_pns_and_pppk_golongan_scales_never_mix(unit, fields):
    with pytest.raises(IntegrityError):
        await _pegawai(unit, **fields)


async def test_a_pppk_has_a_pppk_golongan_and_a_pns_a_pns_one(unit):
    await _pegawai(unit, golongan_pppk="IX")
    await _pegawai(unit, nip="198503142010012003", jenis="PNS", golongan="33",
                   golongan_awal="31")
    assert await Pegawai.all().count() == 2


async def test_a_pegawai_has_one_penilai_not_two(unit):
    menteri = await PejabatNegara.create(nama="Menteri", jabatan="Menteri Agama", unit=unit,
                                         mulai=date(2024, 10, 21))
    sekjen = await _pegawai(unit, nip="196801011990031001", jenis="PNS", golongan="44",
                            pejabat_penilai_negara=menteri)
    with pytest.raises(IntegrityError):
        await _pegawai(unit, pejabat_penilai=sekjen, pejabat_penilai_negara=menteri)


async def test_status_penilai_says_who_the_penilai_is(unit):
    menteri = await PejabatNegara.create(nama="Menteri", jabatan="Menteri Agama", unit=unit,
                                         mulai=date(2024, 10, 21))
    sekjen = await _pegawai(unit, nip="196801011990031001", jenis="PNS", golongan="44",
                            pejabat_penilai_negara=menteri)
    skp = {"pegawai": sekjen, "unit": unit, "tahun": 2026, "periode_awal": date(2026, 1, 1),
           "periode_akhir": date(2026, 12, 31), "pendekatan": "KUANTITATIF",
           "jenis_jabatan": "JPT", "status": "DRAFT"}
    assert (await Skp.create(**skp)).status_penilai == "ASN"  # the default
    with pytest.raises(IntegrityError):  # NON_ASN names the pejabat negara
        await Skp.create(**skp | {"periode_awal": date(2026, 2, 1), "status_penilai": "NON_ASN"})
    with pytest.raises(IntegrityError):  # and a pejabat negara means NON_ASN
        await Skp.create(**skp | {"periode_awal": date(2026, 3, 1),
                                  "pejabat_penilai_negara": menteri})
    with pytest.raises(IntegrityError):  # NON_ASN has no ASN penilai besides
        await Skp.create(**skp | {"periode_awal": date(2026, 5, 1), "status_penilai": "NON_ASN",
                                  "pejabat_penilai_negara": menteri, "pejabat_penilai": sekjen})
    created = await Skp.create(**skp | {"periode_awal": date(2026, 4, 1),
                                        "status_penilai": "NON_ASN",
                                        "pejabat_penilai_negara": menteri})
    assert created.pejabat_penilai_negara_id == menteri.id
