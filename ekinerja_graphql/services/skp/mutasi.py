"""A mutasi (a new jabatan or unit during the year): the pegawai's record changes, the open
SKP of that year closes the day before and a new DRAFT SKP starts on the day, with the
new chain. The closed SKP keeps its RHK, realisasi and evaluations (spec/domain.md §2)."""

from dataclasses import dataclass
from datetime import date, timedelta

from tortoise.transactions import in_transaction

from ekinerja_graphql.domain.kepegawaian import StatusPegawai
from ekinerja_graphql.domain.periode import JenisPeriode, Periode
from ekinerja_graphql.domain.skp import NilaiBerakhlak
from ekinerja_graphql.domain.workflow import Aksi
from ekinerja_graphql.errors import BadUserInput, Conflict, NotFound
from ekinerja_graphql.models import (
    Evaluasi,
    Jabatan,
    Pegawai,
    PejabatNegara,
    PerilakuKerja,
    Realisasi,
    Skp,
    UnitOrganisasi,
)
from ekinerja_graphql.services import audit
from ekinerja_graphql.services.access.peran import Actor, Rantai, pastikan_boleh
from ekinerja_graphql.services.skp.perencanaan import isi_skp_baru
from ekinerja_graphql.services.skp.records import catat_riwayat
from ekinerja_graphql.services.tukin.stale import tandai_stale_sejak


@dataclass(frozen=True, slots=True)
class Mutasi:
    pegawai_id: int
    tanggal: date  # the first day in the new position
    unit_id: int
    jabatan_id: int
    # Who rates them there: by default the head of the new unit (its parent's for a head).
    pejabat_penilai_id: int | None = None


MAKS_HARI_KE_DEPAN = 90  # a mutasi is recorded at most this long before it takes effect


async def catat_mutasi(actor: Actor, mutasi: Mutasi) -> Skp | None:
    """Records the move; returns the new SKP (None when the pegawai had no open SKP, or is
    not AKTIF: on leave or tugas belajar nobody has an SKP, spec §2)."""
    earliest = date(actor.today.year - 1, 1, 1)
    latest = actor.today + timedelta(days=MAKS_HARI_KE_DEPAN)
    if not earliest <= mutasi.tanggal <= latest:
        raise BadUserInput("input.tanggal", f"a date from {earliest} to {latest} (last year's "
                           f"start to {MAKS_HARI_KE_DEPAN} days ahead)")  # fmt: skip
    async with in_transaction():
        pegawai = await Pegawai.select_for_update().get_or_none(id=mutasi.pegawai_id)
        if pegawai is None:
            raise NotFound(f"Pegawai {mutasi.pegawai_id} does not exist")
        old_path = await UnitOrganisasi.filter(id=pegawai.unit_id).values_list("path", flat=True)
        # An ADMIN_UNIT must administer both ends of the move (never their own).
        _pastikan_boleh(actor, pegawai, old_path[0])
        unit = await UnitOrganisasi.get_or_none(id=mutasi.unit_id)
        if unit is None:
            raise BadUserInput("input.unitId", "an existing unit organisasi")
        _pastikan_boleh(actor, pegawai, unit.path)
        if not await Jabatan.exists(id=mutasi.jabatan_id):
            raise BadUserInput("input.jabatanId", "an existing jabatan")
        if (unit.id, mutasi.jabatan_id) == (pegawai.unit_id, pegawai.jabatan_id):
            raise BadUserInput("input.unitId", "another unit, or input.jabatanId another "
                               "jabatan: a mutasi changes one of them")  # fmt: skip
        penilai_id, negara_id = await _penilai_baru(pegawai, unit, mutasi.pejabat_penilai_id)
        lama = await Skp.select_for_update().filter(
            pegawai_id=pegawai.id, tahun=mutasi.tanggal.year, ditutup_pada__isnull=True).first()
        if lama is not None:
            await _pastikan_bisa_ditutup(lama, mutasi.tanggal)
        before = audit.snapshot(pegawai)
        pegawai.unit_id, pegawai.jabatan_id = unit.id, mutasi.jabatan_id
        pegawai.pejabat_penilai_id, pegawai.pejabat_penilai_negara_id = penilai_id, negara_id
        pegawai.tmt_jabatan = mutasi.tanggal
        pegawai.version += 1
        await pegawai.save()
        await tandai_stale_sejak(pegawai.id, mutasi.tanggal, None)  # tukin from the move on
        await audit.record(actor, "catatMutasi", pegawai, pegawai_id=pegawai.id, before=before)
        if lama is None:
            return None
        await _tutup(actor, lama, mutasi.tanggal)
        if pegawai.status is not StatusPegawai.AKTIF:  # no SKP on leave, tugas belajar, …
            return None
        return await _buka(actor, pegawai, lama, mutasi.tanggal)


def _pastikan_boleh(actor: Actor, pegawai: Pegawai, unit_path: str) -> None:
    pastikan_boleh(actor, Aksi.CATAT_MUTASI, Rantai(pegawai.id, unit_path),
                   f"Pegawai {pegawai.id}")  # fmt: skip


async def _penilai_baru(pegawai: Pegawai, unit: UnitOrganisasi, given: int | None
                        ) -> tuple[int | None, int | None]:  # fmt: skip
    """(pejabat penilai, pejabat negara) in the new position: the one given, or by default
    whoever leads the new unit (its head, or the pejabat negara leading it: the Menteri
    rates the eselon I heads), for its own head whoever leads the parent unit."""
    if given is not None:
        penilai = await Pegawai.get_or_none(id=given)
        if penilai is None or penilai.status is not StatusPegawai.AKTIF:
            raise BadUserInput("input.pejabatPenilaiId", "an AKTIF pegawai")
        if penilai.id == pegawai.id or penilai.pejabat_penilai_id == pegawai.id:
            raise BadUserInput("input.pejabatPenilaiId", "someone other than the pegawai and "
                               "those the pegawai rates")  # fmt: skip
        return penilai.id, None
    leading = unit
    if unit.pemimpin_id == pegawai.id:
        leading = await UnitOrganisasi.get_or_none(id=unit.parent_id or 0)
    if leading is not None and leading.pemimpin_id is not None:
        return leading.pemimpin_id, None
    negara = await PejabatNegara.filter(unit_id=leading.id if leading else 0,
                                        selesai__isnull=True).first()  # fmt: skip
    if negara is None:
        raise BadUserInput("input.pejabatPenilaiId", "given: nobody leads the unit above the "
                           "pegawai to rate them")  # fmt: skip
    return None, negara.id


async def _pastikan_bisa_ditutup(lama: Skp, tanggal: date) -> None:
    """The closed SKP keeps the periods that started before the move; one already holding
    realisasi or a rating of a later period cannot be closed at that date."""
    if tanggal <= lama.periode_awal:
        raise BadUserInput("input.tanggal", f"after {lama.periode_awal}, the start of the "
                           "open SKP it closes")  # fmt: skip
    realisasi = await Realisasi.filter(indikator__rhk__skp_id=lama.id).values_list(
        "jenis_periode", "nomor_periode")  # fmt: skip
    dinilai = await Evaluasi.filter(skp_id=lama.id).values_list("jenis_periode", "nomor_periode")
    later = sorted({(jenis, nomor) for jenis, nomor in [*realisasi, *dinilai]
                    if jenis != JenisPeriode.TAHUNAN
                    and Periode(lama.tahun, jenis, nomor).awal >= tanggal})  # fmt: skip
    if later:
        jenis, nomor = later[0]
        raise Conflict(f"Skp {lama.id} already has realisasi or a rating of {jenis} {nomor}, "
                       f"which starts after {tanggal}: date the mutasi later, or remove them "
                       "first", current_status=lama.status)  # fmt: skip


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
