"""A mutasi (a new jabatan or unit during the year): the pegawai's record changes, the open
SKP of that year closes the day before and a new DRAFT SKP starts on the day, with the
new chain. The closed SKP keeps its RHK, realisasi and evaluations (spec/domain.md §2)."""

from dataclasses import dataclass
from datetime import date, timedelta

from tortoise.transactions import in_transaction

from ekinerja_graphql.domain.kepegawaian import StatusPegawai
from ekinerja_graphql.domain.skp import NilaiBerakhlak
from ekinerja_graphql.domain.workflow import Aksi
from ekinerja_graphql.errors import BadUserInput, NotFound
from ekinerja_graphql.models import Jabatan, Pegawai, PerilakuKerja, Skp, UnitOrganisasi
from ekinerja_graphql.services import audit
from ekinerja_graphql.services.access.peran import Actor, Rantai, pastikan_boleh
from ekinerja_graphql.services.skp.perencanaan import isi_skp_baru
from ekinerja_graphql.services.skp.records import catat_riwayat


@dataclass(frozen=True, slots=True)
class Mutasi:
    pegawai_id: int
    tanggal: date  # the first day in the new position
    unit_id: int
    jabatan_id: int
    # Who rates them there: by default the head of the new unit (its parent's for a head).
    pejabat_penilai_id: int | None = None


async def catat_mutasi(actor: Actor, mutasi: Mutasi) -> Skp | None:
    """Records the move; returns the new SKP (None when the pegawai had no open SKP, or is
    not AKTIF: on leave or tugas belajar nobody has an SKP, spec §2)."""
    async with in_transaction():
        pegawai = await Pegawai.select_for_update().get_or_none(id=mutasi.pegawai_id)
        if pegawai is None:
            raise NotFound(f"Pegawai {mutasi.pegawai_id} does not exist")
        unit = await UnitOrganisasi.get_or_none(id=mutasi.unit_id)
        if unit is None:
            raise BadUserInput("input.unitId", "an existing unit organisasi")
        if not await Jabatan.exists(id=mutasi.jabatan_id):
            raise BadUserInput("input.jabatanId", "an existing jabatan")
        old_path = await UnitOrganisasi.filter(id=pegawai.unit_id).values_list("path", flat=True)
        # An ADMIN_UNIT must administer both ends of the move.
        for path in (old_path[0], unit.path):
            pastikan_boleh(actor, Aksi.CATAT_MUTASI, Rantai(pegawai.id, path),
                           f"Pegawai {pegawai.id}")  # fmt: skip
        penilai_id = mutasi.pejabat_penilai_id or await _kepala_bagi(unit, pegawai.id)
        if penilai_id == pegawai.id:
            raise BadUserInput("input.pejabatPenilaiId", "someone other than the pegawai")
        if penilai_id is not None and not await Pegawai.exists(id=penilai_id):
            raise BadUserInput("input.pejabatPenilaiId", "an existing pegawai")
        lama = await Skp.filter(pegawai_id=pegawai.id, tahun=mutasi.tanggal.year,
                                ditutup_pada__isnull=True).first()  # fmt: skip
        if lama is not None and mutasi.tanggal <= lama.periode_awal:
            raise BadUserInput("input.tanggal", f"after {lama.periode_awal}, the start of the "
                               "open SKP it closes")  # fmt: skip
        before = audit.snapshot(pegawai)
        pegawai.unit_id, pegawai.jabatan_id = unit.id, mutasi.jabatan_id
        pegawai.pejabat_penilai_id = penilai_id
        pegawai.pejabat_penilai_negara_id = None
        pegawai.tmt_jabatan = mutasi.tanggal
        pegawai.version += 1
        await pegawai.save()
        await audit.record(actor, "catatMutasi", pegawai, pegawai_id=pegawai.id, before=before)
        if lama is None:
            return None
        await _tutup(actor, lama, mutasi.tanggal)
        if pegawai.status is not StatusPegawai.AKTIF:  # no SKP on leave, tugas belajar, …
            return None
        return await _buka(actor, pegawai, lama, mutasi.tanggal)


async def _kepala_bagi(unit: UnitOrganisasi, pegawai_id: int) -> int | None:
    """The head of the unit rates its staff; the head of the parent rates the unit's head."""
    if unit.pemimpin_id is not None and unit.pemimpin_id != pegawai_id:
        return unit.pemimpin_id
    parent = await UnitOrganisasi.get_or_none(id=unit.parent_id or 0)
    return parent.pemimpin_id if parent else None


async def _tutup(actor: Actor, lama: Skp, tanggal: date) -> None:
    before = audit.snapshot(lama)
    lama.periode_akhir, lama.ditutup_pada = tanggal - timedelta(days=1), tanggal - timedelta(days=1)
    lama.version += 1
    await lama.save(update_fields=["periode_akhir", "ditutup_pada", "version", "updated_at"])
    await catat_riwayat(actor, lama, Aksi.CATAT_MUTASI, lama.status,
                        f"ditutup karena mutasi per {tanggal}")  # fmt: skip
    await audit.record(actor, "catatMutasi", lama, pegawai_id=lama.pegawai_id, before=before)


async def _buka(actor: Actor, pegawai: Pegawai, lama: Skp, tanggal: date) -> Skp:
    baru = await Skp.create(**await isi_skp_baru(pegawai, tanggal.year, lama.pendekatan,
                                                  mulai=tanggal))  # fmt: skip
    await PerilakuKerja.bulk_create(
        [PerilakuKerja(skp_id=baru.id, nilai=nilai) for nilai in NilaiBerakhlak]
    )
    await catat_riwayat(actor, baru, Aksi.CATAT_MUTASI, None, f"dibuka karena mutasi per {tanggal}")
    await audit.record(actor, "catatMutasi", baru, pegawai_id=pegawai.id)
    return baru
