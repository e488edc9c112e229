"""Recording hukuman disiplin and status periods (admins of the pegawai's unit): dated
facts the tukin of each month they touch is recomputed from."""

from datetime import date, timedelta

from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from ekinerja_graphql.domain.kepegawaian import StatusPegawai
from ekinerja_graphql.domain.tukin.aturan import TingkatHukuman
from ekinerja_graphql.domain.tukin.bulan import TAHUN_TERAWAL, tambah_bulan
from ekinerja_graphql.errors import BadUserInput, Forbidden, NotFound
from ekinerja_graphql.models import HukumanDisiplin, Pegawai, PeriodeStatus
from ekinerja_graphql.services import audit
from ekinerja_graphql.services.access import SCOPE_COLUMNS, Access
from ekinerja_graphql.services.access.peran import Actor
from ekinerja_graphql.services.tukin.aturan import aturan_berlaku
from ekinerja_graphql.services.tukin.stale import tandai_stale_sejak

# Statuses a period records; AKTIF is the absence of one, the others end employment.
STATUS_PERIODE = (StatusPegawai.CLTN, StatusPegawai.TUGAS_BELAJAR, StatusPegawai.MPP,
                  StatusPegawai.UANG_TUNGGU, StatusPegawai.DIBERHENTIKAN_SEMENTARA)  # fmt: skip
HARI_KE_DEPAN = 366
PANJANG_SK = 100


async def catat_hukuman(actor: Actor, pegawai_id: int, tingkat: TingkatHukuman, nomor_sk: str,
                        tmt: date, bulan: int | None) -> HukumanDisiplin:  # fmt: skip
    _tanggal(actor, "input.tmt", tmt)
    nomor_sk = _nomor_sk(nomor_sk, required=True)
    if bulan is None:
        try:
            _, aturan = await aturan_berlaku(tmt.replace(day=1))
        except LookupError:
            raise BadUserInput("input.bulan", "given: no rule set is in force at tmt to take "
                               "the default from") from None
        bulan = aturan.hukuman[tingkat].bulan
    elif not 1 <= bulan <= 60:
        raise BadUserInput("input.bulan", "1 to 60 months, or null for the rule set's default")
    async with in_transaction():
        await _pegawai(actor, pegawai_id)
        row = await HukumanDisiplin.create(pegawai_id=pegawai_id, tingkat=tingkat,
                                           nomor_sk=nomor_sk, tmt=tmt, bulan=bulan,
                                           dicatat_oleh=actor.subject)  # fmt: skip
        await tandai_stale_sejak(pegawai_id, tmt, tambah_bulan(tmt.replace(day=1), bulan - 1))
        await audit.record(actor, "catatHukumanDisiplin", row, pegawai_id=pegawai_id)
    return row


async def catat_periode_status(actor: Actor, pegawai_id: int, status: StatusPegawai,
                               mulai: date, selesai: date | None,
                               nomor_sk: str | None) -> PeriodeStatus:  # fmt: skip
    if status not in STATUS_PERIODE:
        raise BadUserInput("input.status", f"one of {', '.join(STATUS_PERIODE)}")
    _tanggal(actor, "input.mulai", mulai)
    if selesai is not None:
        _tanggal(actor, "input.selesai", selesai)
        if selesai < mulai:
            raise BadUserInput("input.selesai", f"on or after mulai ({mulai}), or null")
    nomor_sk = _nomor_sk(nomor_sk, required=False)
    async with in_transaction():
        await _pegawai(actor, pegawai_id)
        overlap = PeriodeStatus.filter(Q(selesai__isnull=True) | Q(selesai__gte=mulai),
                                       pegawai_id=pegawai_id)  # fmt: skip
        if selesai is not None:
            overlap = overlap.filter(mulai__lte=selesai)
        other = await overlap.first()
        if other is not None:
            raise BadUserInput("input.mulai", f"a period not overlapping the recorded "
                               f"{other.status} from {other.mulai}")  # fmt: skip
        row = await PeriodeStatus.create(pegawai_id=pegawai_id, status=status, mulai=mulai,
                                         selesai=selesai, nomor_sk=nomor_sk,
                                         dicatat_oleh=actor.subject)  # fmt: skip
        await tandai_stale_sejak(pegawai_id, mulai, selesai)
        await audit.record(actor, "catatPeriodeStatus", row, pegawai_id=pegawai_id)
    return row


async def _pegawai(actor: Actor, pegawai_id: int) -> None:
    rows = await Pegawai.filter(id=pegawai_id).values(**SCOPE_COLUMNS)
    if not rows:
        raise NotFound(f"Pegawai {pegawai_id} does not exist")
    if not actor.viewer.allows(Access.ADMINISTRATION, rows[0]):
        raise Forbidden("recorded by ADMIN_UNIT of the pegawai's unit or ADMIN_PUSAT")


def _tanggal(actor: Actor, field: str, value: date) -> None:
    latest = actor.today + timedelta(days=HARI_KE_DEPAN)
    if not date(TAHUN_TERAWAL, 1, 1) <= value <= latest:
        raise BadUserInput(field, f"a date from {TAHUN_TERAWAL}-01-01 to {latest}")


def _nomor_sk(value: str | None, required: bool) -> str | None:
    value = (value or "").strip()
    if not value:
        if required:
            raise BadUserInput("input.nomorSk", f"1 to {PANJANG_SK} characters")
        return None
    if len(value) > PANJANG_SK:
        raise BadUserInput("input.nomorSk", f"1 to {PANJANG_SK} characters")
    return value


async def akhiri_periode_status(actor: Actor, periode_id: int, selesai: date) -> PeriodeStatus:
    """Ends (or corrects the end of) a status period; the months between the old and the
    new end are computed again."""
    _tanggal(actor, "selesai", selesai)
    async with in_transaction():
        row = await PeriodeStatus.select_for_update().get_or_none(id=periode_id)
        if row is None:
            raise NotFound(f"PeriodeStatus {periode_id} does not exist")
        await _pegawai(actor, row.pegawai_id)
        if selesai < row.mulai:
            raise BadUserInput("selesai", f"on or after the period's mulai ({row.mulai})")
        later = await PeriodeStatus.filter(pegawai_id=row.pegawai_id, mulai__gt=row.mulai,
                                           mulai__lte=selesai).first()  # fmt: skip
        if later is not None:
            raise BadUserInput("selesai", f"before the next recorded period ({later.status} "
                               f"from {later.mulai})")  # fmt: skip
        before = audit.snapshot(row)
        earliest = min(d for d in (row.selesai, selesai) if d is not None)
        row.selesai = selesai
        await row.save(update_fields=["selesai", "updated_at"])
        await tandai_stale_sejak(row.pegawai_id, earliest, None)
        await audit.record(actor, "akhiriPeriodeStatus", row, pegawai_id=row.pegawai_id,
                           before=before)  # fmt: skip
    return row


async def batalkan_hukuman(actor: Actor, hukuman_id: int) -> HukumanDisiplin:
    """Removes a hukuman recorded in error (or annulled); its months are computed again.
    The audit log keeps what it was."""
    async with in_transaction():
        row = await HukumanDisiplin.select_for_update().get_or_none(id=hukuman_id)
        if row is None:
            raise NotFound(f"HukumanDisiplin {hukuman_id} does not exist")
        await _pegawai(actor, row.pegawai_id)
        before = audit.snapshot(row)
        await row.delete()
        await tandai_stale_sejak(row.pegawai_id, row.tmt,
                                 tambah_bulan(row.tmt.replace(day=1), row.bulan - 1))
        await audit.record(actor, "batalkanHukumanDisiplin", None, pegawai_id=row.pegawai_id,
                           before=before, object_type="HukumanDisiplin", object_id=hukuman_id)
    return row
