"""Tukin root fields: runs and the rekap for admins, rule sets for ADMIN_PUSAT, attendance
and dated facts for the admins of the pegawai's unit. Every check is the services' own."""

import asyncio
from contextlib import suppress
from datetime import date

import strawberry
from strawberry import relay
from strawberry.file_uploads import Upload

from ekinerja_graphql.api.actor import actor_of
from ekinerja_graphql.api.connection import BY_ID, Page, decode_cursor, page_request
from ekinerja_graphql.api.context import viewer_of
from ekinerja_graphql.api.enums import StatusPegawai
from ekinerja_graphql.api.errors import BadUserInput, Forbidden, NotFound, ServiceUnavailable
from ekinerja_graphql.api.ids import decode_id
from ekinerja_graphql.api.loaders import loader
from ekinerja_graphql.api.queue import send
from ekinerja_graphql.api.rows import build, maker, row_of
from ekinerja_graphql.api.sinkronisasi.types import page_by_id
from ekinerja_graphql.api.tukin.arguments import bulan_of
from ekinerja_graphql.api.tukin.dataloaders import TUKIN_RUN_BY_ID
from ekinerja_graphql.api.tukin.types import (
    AturanTukin,
    AturanTukinConnection,
    HukumanDisiplin,
    ImporAbsensi,
    PeriodeStatus,
    TingkatHukuman,
    TukinRekapConnection,
    TukinRekapUnit,
    TukinRun,
)
from ekinerja_graphql.domain.tukin.validasi import BerkasTidakValid
from ekinerja_graphql.models import AturanTukin as AturanTukinRow
from ekinerja_graphql.services.tukin import absensi, aturan, kepegawaian_periode, rekap, runs
from ekinerja_graphql.services.tukin.akses import ADMINS, pastikan_admin

MAX_ERRORS_IN_MESSAGE = 5


async def _read(berkas: Upload, argument: str) -> tuple[str, bytes]:
    if not hasattr(berkas, "read"):
        raise BadUserInput(argument, "a file sent as a multipart upload")
    return (getattr(berkas, "filename", None) or "berkas"), await berkas.read()


async def load_tukin_run(info: strawberry.Info, key: int, what: str) -> TukinRun:
    """node(id) and tukinRun(id): for the admins of the run's unit (ADMIN_PUSAT: all)."""
    if not viewer_of(info).administers:  # before looking: ids are not probed
        raise Forbidden(ADMINS)
    row = await loader(info, TUKIN_RUN_BY_ID).load(key)
    if row is None:
        raise NotFound(f"{what} does not exist")
    await pastikan_admin(viewer_of(info), row["unit_id"])
    info.context.budget.spend(1)
    return TukinRun.from_row(row)


@strawberry.type
class TukinQuery:
    @strawberry.field(description="A tukin run with its progress; admins of its unit")
    async def tukin_run(self, info: strawberry.Info, id: relay.GlobalID) -> TukinRun:
        return await load_tukin_run(info, decode_id(id, "TukinRun", "id"), f"TukinRun {id}")

    @strawberry.field(description="A month's totals per unit of a subtree (unitId null: the "
                      "whole ministry, ADMIN_PUSAT); admins of the unit")
    async def tukin_rekap(self, info: strawberry.Info, bulan: str,
                          unit_id: relay.GlobalID | None = None, first: int | None = None,
                          after: str | None = None) -> TukinRekapConnection:  # fmt: skip
        month = bulan_of(bulan)
        key = decode_id(unit_id, "UnitOrganisasi", "unitId") if unit_id is not None else None
        path = await pastikan_admin(viewer_of(info), key)
        page = page_request(info.context.settings, BY_ID, first, after)
        after_unit = decode_cursor(after, BY_ID)[1] if after is not None else None
        rows = await rekap.per_unit(month, path, after_unit, page.size_with_lookahead)
        for row in rows:
            row["id"] = row["unit_id"]  # the cursor's key
        totals: dict = {}

        async def subtree_totals() -> dict:
            if not totals:
                totals.update(await rekap.total(month, path))
            return totals

        async def count() -> int:
            return len(await rekap.per_unit(month, path, None, 1_000_000))

        connection = TukinRekapConnection.of(info, Page.from_lookahead(rows, page), BY_ID,
                                             maker(TukinRekapUnit), count)  # fmt: skip
        connection.totals = subtree_totals
        return connection

    @strawberry.field(description="Rule set versions, oldest first; ADMIN_PUSAT")
    async def aturan_tukin(self, info: strawberry.Info, first: int | None = None,
                           after: str | None = None) -> AturanTukinConnection:  # fmt: skip
        if not viewer_of(info).sees_everyone:
            raise Forbidden(aturan.ADMIN_PUSAT_ONLY)
        await aturan.aturan_berlaku(date.today().replace(day=1))  # the default, stored once
        return await page_by_id(info, AturanTukinRow.all(), first, after, AturanTukin,
                                AturanTukinConnection)  # fmt: skip


@strawberry.input
class HukumanDisiplinInput:
    pegawai_id: relay.GlobalID
    tingkat: TingkatHukuman
    nomor_sk: str
    tmt: date = strawberry.field(description="Its first month is tmt's")
    bulan: int | None = strawberry.field(default=None, description="Months it runs; null: the "
                                         "rule set's default for the tingkat")  # fmt: skip


@strawberry.input
class PeriodeStatusInput:
    pegawai_id: relay.GlobalID
    status: StatusPegawai = strawberry.field(description="CLTN, TUGAS_BELAJAR, MPP, "
                                             "UANG_TUNGGU or DIBERHENTIKAN_SEMENTARA")
    mulai: date
    selesai: date | None = None
    nomor_sk: str | None = None


@strawberry.type
class TukinMutation:
    @strawberry.mutation(description="Computes a month for a unit subtree in the workers "
                         "(unitId null: the whole ministry, ADMIN_PUSAT); re-running replaces, "
                         "keeping the previous results in history. CONFLICT names a run "
                         "already going")
    async def mulai_hitung_tukin(self, info: strawberry.Info, bulan: str,
                                 unit_id: relay.GlobalID | None = None) -> TukinRun:  # fmt: skip
        month = bulan_of(bulan)
        key = decode_id(unit_id, "UnitOrganisasi", "unitId") if unit_id is not None else None
        run = await runs.mulai(actor_of(info), month, key)
        from workers.tukin import hitung_tukin  # the API sends; importing needs no Redis

        try:
            await send(hitung_tukin, run.id)
        except ServiceUnavailable:
            await runs.gagal(run.id, "the job queue (Redis) was unreachable")
            raise
        info.context.budget.spend(1)
        return TukinRun.from_row(row_of(run))

    @strawberry.mutation(description="Uploads a rule set (a TOML file, multipart); every "
                         "problem is named by its key. ADMIN_PUSAT")
    async def unggah_aturan_tukin(self, info: strawberry.Info, berkas: Upload) -> AturanTukin:
        if not viewer_of(info).sees_everyone:  # before reading the upload
            raise Forbidden(aturan.ADMIN_PUSAT_ONLY)
        _, data = await _read(berkas, "berkas")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise BadUserInput("berkas", "a UTF-8 TOML file") from None
        try:
            row = await aturan.unggah_aturan(actor_of(info), text)
        except BerkasTidakValid as invalid:
            raise BadUserInput("berkas", f"a valid rule set: {invalid}", problems=[
                {"path": p.path, "message": p.message} for p in invalid.problems]) from None
        return build(info, AturanTukin, row_of(row))

    @strawberry.mutation(description="Imports an attendance CSV (nip, tanggal, jam_masuk, "
                         "jam_pulang, keterangan; multipart). All or nothing: a bad file is "
                         "BAD_USER_INPUT with every bad row in extensions.rows (line, column, "
                         "reason); an accepted one replaces the days it gives. Admins of the "
                         "pegawai's units")
    async def impor_absensi(self, info: strawberry.Info, berkas: Upload) -> ImporAbsensi:
        name, data = await _read(berkas, "berkas")
        hasil = await absensi.impor_absensi(actor_of(info), name, data, info.context.settings)
        if hasil.impor is None:
            shown = "; ".join(f"line {e.baris}{' ' + e.kolom if e.kolom else ''}: {e.alasan}"
                              for e in hasil.kesalahan[:MAX_ERRORS_IN_MESSAGE])  # fmt: skip
            raise BadUserInput("berkas", f"an attendance file without errors; "
                               f"{hasil.jumlah_kesalahan} found, nothing imported ({shown})",
                               rows=[{"line": e.baris, "column": e.kolom, "reason": e.alasan}
                                     for e in hasil.kesalahan],
                               errorCount=hasil.jumlah_kesalahan)  # fmt: skip
        await _send_recompute()
        return build(info, ImporAbsensi, row_of(hasil.impor))

    @strawberry.mutation(description="Records a hukuman disiplin; admins of the pegawai's unit")
    async def catat_hukuman_disiplin(self, info: strawberry.Info, input: HukumanDisiplinInput
                                     ) -> HukumanDisiplin:  # fmt: skip
        row = await kepegawaian_periode.catat_hukuman(
            actor_of(info), decode_id(input.pegawai_id, "Pegawai", "input.pegawaiId"),
            input.tingkat, input.nomor_sk, input.tmt, input.bulan)  # fmt: skip
        await _send_recompute()
        return build(info, HukumanDisiplin, row_of(row))

    @strawberry.mutation(description="Records a status period (CLTN, tugas belajar …); "
                         "admins of the pegawai's unit")
    async def catat_periode_status(self, info: strawberry.Info, input: PeriodeStatusInput
                                   ) -> PeriodeStatus:  # fmt: skip
        row = await kepegawaian_periode.catat_periode_status(
            actor_of(info), decode_id(input.pegawai_id, "Pegawai", "input.pegawaiId"),
            input.status, input.mulai, input.selesai, input.nomor_sk)  # fmt: skip
        await _send_recompute()
        return build(info, PeriodeStatus, row_of(row))

    @strawberry.mutation(description="Ends a status period, or corrects its end; admins of "
                         "the pegawai's unit")
    async def akhiri_periode_status(self, info: strawberry.Info, id: int, selesai: date
                                    ) -> PeriodeStatus:  # fmt: skip
        row = await kepegawaian_periode.akhiri_periode_status(actor_of(info), id, selesai)
        await _send_recompute()
        return build(info, PeriodeStatus, row_of(row))

    @strawberry.mutation(description="Removes a hukuman disiplin recorded in error or "
                         "annulled (the audit log keeps it); admins of the pegawai's unit")
    async def batalkan_hukuman_disiplin(self, info: strawberry.Info, id: int
                                        ) -> HukumanDisiplin:  # fmt: skip
        row = await kepegawaian_periode.batalkan_hukuman(actor_of(info), id)
        await _send_recompute()
        return build(info, HukumanDisiplin, row_of(row))


async def _send_recompute() -> None:
    """Stale months are recomputed now; if Redis is away the scheduler's sweep does it."""
    from workers.tukin import hitung_ulang_tukin

    with suppress(Exception):
        await asyncio.to_thread(hitung_ulang_tukin.send)
