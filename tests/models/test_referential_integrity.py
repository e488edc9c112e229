"""Deletes never take history or other people's work with them."""

from datetime import date

import pytest
from tortoise.exceptions import IntegrityError

from ekinerja_graphql.domain.organisasi import child_path
from ekinerja_graphql.models import Pegawai, RencanaHasilKerja, Skp, UnitOrganisasi


async def _unit(unit_id: int, parent: UnitOrganisasi | None = None) -> UnitOrganisasi:
    return await UnitOrganisasi.create(
        id=unit_id, parent=parent, path=child_path(parent.path if parent else None, unit_id),
        depth=0 if parent is None else parent.depth + 1, nama=f"Unit {unit_id}",
        jenis="KEMENTERIAN" if parent is None else "KANWIL",
    )


async def _pegawai(nip: str, unit: UnitOrganisasi, penilai: Pegawai | None = None) -> Pegawai:
    return await Pegawai.create(
        nip=nip, nama=f"Pegawai {nip[-3:]}", jenis_kelamin="LAKI_LAKI",
        tanggal_lahir=date(1980, 1, 1), jenis="PNS", status="AKTIF", unit=unit,
        pejabat_penilai=penilai,
    )


async def _skp(pegawai: Pegawai) -> Skp:
    return await Skp.create(
        pegawai=pegawai, unit_id=pegawai.unit_id, tahun=2026, periode_awal=date(2026, 1, 1),
        periode_akhir=date(2026, 12, 31), pendekatan="KUANTITATIF", jenis_jabatan="JA",
        status="DISETUJUI",
    )


async def test_a_superiors_rhk_cannot_go_while_cascaded_to(empty_db):
    """rhk_atasan is required for the UTAMA RHK of JA/JF: deleting the RHK (or the whole
    SKP) it points to is refused, not a silent unlink."""
    root = await _unit(1)
    kepala = await _pegawai("198001012005011001", root)
    staf = await _pegawai("199001012015011002", root, kepala)
    skp_kepala = await _skp(kepala)
    rhk_kepala = await RencanaHasilKerja.create(skp=skp_kepala, jenis="UTAMA",
                                                uraian="Meningkatnya layanan")
    rhk_staf = await RencanaHasilKerja.create(skp=await _skp(staf), jenis="UTAMA",
                                              uraian="Terlayaninya pemohon",
                                              rhk_atasan=rhk_kepala)
    with pytest.raises(IntegrityError):
        await rhk_kepala.delete()
    with pytest.raises(IntegrityError):
        await skp_kepala.delete()
    assert (await RencanaHasilKerja.get(id=rhk_staf.id)).rhk_atasan_id == rhk_kepala.id
    await rhk_staf.delete()
    await rhk_kepala.delete()
    assert not await RencanaHasilKerja.exists(id=rhk_kepala.id)


async def test_a_unit_with_pegawai_cannot_be_deleted(empty_db):
    root = await _unit(1)
    kanwil = await _unit(2, root)
    await _pegawai("198001012005011001", kanwil)
    with pytest.raises(IntegrityError):
        await kanwil.delete()
    assert await Pegawai.filter(unit_id=kanwil.id).count() == 1


async def test_deleting_a_penilai_keeps_the_bawahan(empty_db):
    root = await _unit(1)
    kepala = await _pegawai("198001012005011001", root)
    staf = await _pegawai("199001012015011002", root, kepala)
    await kepala.delete()
    assert (await Pegawai.get(id=staf.id)).pejabat_penilai_id is None
