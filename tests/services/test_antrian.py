"""The pejabat penilai's work queue (services/antrian.py): SKPs submitted and waiting for
approval, drafts past the deadline (spec §2: approved by the end of January [S], configured
by skp_deadline and, for an SKP that starts later, skp_deadline_days), and ended periods of
approved SKPs still to rate (settings.evaluation_period, plus the year)."""

from datetime import date

import pytest

from ekinerja_graphql.models import Evaluasi, Skp
from ekinerja_graphql.services.access.peran import Actor
from ekinerja_graphql.services.access.viewer import load_viewer
from ekinerja_graphql.services.antrian import antrian_penilai
from ekinerja_graphql.services.evaluasi.penilaian import nilai
from ekinerja_graphql.services.skp.alur import setujui
from ekinerja_graphql.services.skp.mutasi import Mutasi, catat_mutasi
from tests.services.evaluasi_support import (
    TAHUN,
    VIEWER_DAY,
    actor,
    buat_skp,
    build_dunia,
    item,
    pegawai_baru,
    reload,
)


@pytest.fixture
async def dunia(empty_db):
    return await build_dunia()


async def _antrian(who, today: date, settings):
    return await antrian_penilai(await actor(who, today), settings)


def _ids(skps) -> list[int]:
    return [s.id for s in skps]


def _periods(antrian) -> list[tuple[int, str, int]]:
    return [(i.skp.id, i.periode.jenis, i.periode.nomor) for i in antrian.perlu_dinilai]


async def _draft_and_submitted(dunia) -> tuple[Skp, Skp]:
    """S2 has submitted their SKP, S3 has not (both from 1 January)."""
    await Skp.filter(id=dunia.skp["S2"].id).update(status="DIAJUKAN")
    await Skp.filter(id=dunia.skp["S3"].id).update(status="DRAFT")
    return dunia.skp["S2"], dunia.skp["S3"]


# --- Waiting for approval and overdue drafts ----------------------------------------------


async def test_submitted_skps_wait_for_their_own_penilai(dunia, test_settings):
    submitted, draft = await _draft_and_submitted(dunia)
    other = await pegawai_baru(dunia.unit2.id, dunia.jabatan_pelaksana.id, dunia.p2)
    elsewhere = await buat_skp(other, penilai=dunia.p2, atasan=dunia.h, status="DIAJUKAN")
    p = await _antrian(dunia.p, date(TAHUN, 1, 10), test_settings)
    assert _ids(p.menunggu_persetujuan) == [submitted.id]
    assert draft.id not in _ids(p.menunggu_persetujuan)
    p2 = await _antrian(dunia.p2, date(TAHUN, 1, 10), test_settings)
    assert _ids(p2.menunggu_persetujuan) == [elsewhere.id]
    h = await _antrian(dunia.h, date(TAHUN, 1, 10), test_settings)
    assert h.menunggu_persetujuan == [] and h.draft_terlambat == []


async def test_a_submitted_skp_closed_by_a_mutasi_still_waits_for_approval(dunia,
                                                                           test_settings):
    submitted, _ = await _draft_and_submitted(dunia)
    await catat_mutasi(await actor(dunia.admin_unit), Mutasi(
        dunia.s2.id, date(TAHUN, 3, 1), dunia.unit2.id, dunia.jabatan_pelaksana.id))
    assert (await reload(submitted)).ditutup_pada == date(TAHUN, 2, 28)
    antrian = await _antrian(dunia.p, date(TAHUN, 3, 5), test_settings)
    assert _ids(antrian.menunggu_persetujuan) == [submitted.id]
    # It may indeed be approved, and then its months are rated.
    stored = await reload(submitted)
    approved = await setujui(await actor(dunia.p, date(TAHUN, 3, 5)), stored.id, stored.version)
    assert approved.status == "DISETUJUI"


@pytest.mark.parametrize(("today", "overdue"), [
    (date(TAHUN, 1, 31), False),  # the deadline itself
    (date(TAHUN, 2, 1), True),
])
async def test_drafts_are_overdue_after_the_end_of_january(dunia, test_settings, today,
                                                           overdue):
    assert (test_settings.skp_deadline, test_settings.skp_deadline_days) == ("01-31", 30)
    submitted, draft = await _draft_and_submitted(dunia)
    antrian = await _antrian(dunia.p, today, test_settings)
    # Submitted but not approved counts as not approved by the deadline.
    assert _ids(antrian.draft_terlambat) == ([submitted.id, draft.id] if overdue else [])
    assert _ids(antrian.menunggu_persetujuan) == [submitted.id]


@pytest.mark.parametrize(("today", "overdue"), [
    (date(TAHUN, 2, 1), False),
    (date(TAHUN, 7, 31), False),  # 30 days after its start on 1 July
    (date(TAHUN, 8, 1), True),
])
async def test_an_skp_starting_later_has_days_from_its_start(dunia, test_settings, today,
                                                             overdue):
    moved = await pegawai_baru(dunia.unit.id, dunia.jabatan_pelaksana.id, dunia.p)
    late = await buat_skp(moved, penilai=dunia.p, atasan=dunia.h, status="DRAFT",
                          awal=date(TAHUN, 7, 1))  # fmt: skip
    antrian = await _antrian(dunia.p, today, test_settings)
    assert _ids(antrian.draft_terlambat) == ([late.id] if overdue else [])


@pytest.mark.parametrize(("deadline", "days", "today", "overdue"), [
    ("03-15", 30, date(TAHUN, 3, 15), []),
    ("03-15", 30, date(TAHUN, 3, 16), ["S3"]),
    ("02-29", 30, date(TAHUN, 2, 28), []),  # no 29 February in 2026: its last day
    ("02-29", 30, date(TAHUN, 3, 1), ["S3"]),
    ("03-15", 10, date(TAHUN, 7, 11), ["S3"]),  # the late SKP: 10 days after 1 July
    ("03-15", 10, date(TAHUN, 7, 12), ["S3", "late"]),
    ("01-31", 60, date(TAHUN, 8, 30), ["S3"]),  # 60 days after 1 July
    ("01-31", 60, date(TAHUN, 8, 31), ["S3", "late"]),
])
async def test_the_deadline_is_configured(dunia, test_settings, deadline, days, today,
                                          overdue):
    settings = test_settings.model_copy(update={"skp_deadline": deadline,
                                                "skp_deadline_days": days})
    await Skp.filter(id=dunia.skp["S3"].id).update(status="DRAFT")
    moved = await pegawai_baru(dunia.unit.id, dunia.jabatan_pelaksana.id, dunia.p)
    late = await buat_skp(moved, penilai=dunia.p, atasan=dunia.h, status="DRAFT",
                          awal=date(TAHUN, 7, 1))  # fmt: skip
    names = {dunia.skp["S3"].id: "S3", late.id: "late"}
    antrian = await _antrian(dunia.p, today, settings)
    assert [names[s.id] for s in antrian.draft_terlambat] == overdue


@pytest.mark.parametrize(("deadline", "days", "today"), [
    ("01-15", 30, date(TAHUN, 1, 16)),
    ("01-31", 60, date(TAHUN, 2, 1)),
])
async def test_an_skp_starting_on_1_january_is_due_on_the_configured_day(dunia, test_settings,
                                                                         deadline, days, today):
    settings = test_settings.model_copy(update={"skp_deadline": deadline,
                                                "skp_deadline_days": days})
    await Skp.filter(id=dunia.skp["S3"].id).update(status="DRAFT")
    antrian = await _antrian(dunia.p, today, settings)
    assert _ids(antrian.draft_terlambat) == [dunia.skp["S3"].id]


async def test_next_years_draft_is_not_overdue_yet(dunia, test_settings):
    await buat_skp(dunia.s1, penilai=dunia.p, atasan=dunia.h, status="DRAFT", tahun=TAHUN + 1,
                   awal=date(TAHUN + 1, 1, 1), akhir=date(TAHUN + 1, 12, 31))  # fmt: skip
    antrian = await _antrian(dunia.p, date(TAHUN, 12, 20), test_settings)
    assert antrian.draft_terlambat == []


# --- Periods to rate ----------------------------------------------------------------------


async def test_ended_quarters_of_approved_skps_are_to_rate(dunia, test_settings):
    s1, s2, s3 = (dunia.skp[n] for n in ("S1", "S2", "S3"))
    antrian = await _antrian(dunia.p, date(TAHUN, 7, 15), test_settings)
    assert _periods(antrian) == [(s.id, "TRIWULANAN", n) for s in (s1, s2, s3) for n in (1, 2)]
    # A rated period leaves the queue; a DRAFT evaluation does not count as rated.
    p = await actor(dunia.p)
    await nilai(p, item(s1, "TRIWULANAN", 1), "TRIWULANAN")
    tw2 = await nilai(p, item(s2, "TRIWULANAN", 2), "TRIWULANAN")
    await Evaluasi.filter(id=tw2.id).update(status="DRAFT")
    antrian = await _antrian(dunia.p, date(TAHUN, 7, 15), test_settings)
    assert _periods(antrian) == [(s1.id, "TRIWULANAN", 2), (s2.id, "TRIWULANAN", 1),
                                 (s2.id, "TRIWULANAN", 2), (s3.id, "TRIWULANAN", 1),
                                 (s3.id, "TRIWULANAN", 2)]  # fmt: skip
    # The period that ends today has not ended yet.
    antrian = await _antrian(dunia.p, date(TAHUN, 3, 31), test_settings)
    assert _periods(antrian) == []


async def test_months_and_the_year_follow_the_configured_granularity(dunia, test_settings):
    monthly = test_settings.model_copy(update={"evaluation_period": "BULANAN"})
    s1 = dunia.skp["S1"]
    await Skp.filter(id__in=[dunia.skp["S2"].id, dunia.skp["S3"].id]).update(status="DIAJUKAN")
    antrian = await _antrian(dunia.p, date(TAHUN, 4, 1), monthly)
    assert _periods(antrian) == [(s1.id, "BULANAN", n) for n in (1, 2, 3)]
    antrian = await _antrian(dunia.p, date(TAHUN, 12, 31), monthly)
    assert _periods(antrian) == [(s1.id, "BULANAN", n) for n in range(1, 12)]
    antrian = await _antrian(dunia.p, date(TAHUN + 1, 1, 2), monthly)
    assert _periods(antrian) == [(s1.id, "BULANAN", n) for n in range(1, 13)] + [
        (s1.id, "TAHUNAN", 1)]


async def test_an_skp_closed_by_a_mutasi_is_rated_by_its_own_chain(dunia, test_settings):
    old = dunia.skp["S3"]
    await Skp.filter(id=old.id).update(periode_akhir=date(TAHUN, 6, 30),
                                       ditutup_pada=date(TAHUN, 6, 30))  # fmt: skip
    await Skp.filter(id__in=[dunia.skp["S1"].id, dunia.skp["S2"].id]).update(status="DRAFT")
    new = await buat_skp(dunia.s3, penilai=dunia.p2, atasan=dunia.h, awal=date(TAHUN, 7, 1),
                         unit_id=dunia.unit2.id)  # fmt: skip
    today = date(TAHUN + 1, 1, 5)
    p = await _antrian(dunia.p, today, test_settings)
    assert _periods(p) == [(old.id, "TRIWULANAN", 1), (old.id, "TRIWULANAN", 2),
                           (old.id, "TAHUNAN", 1)]  # fmt: skip
    p2 = await _antrian(dunia.p2, today, test_settings)
    assert _periods(p2) == [(new.id, "TRIWULANAN", 3), (new.id, "TRIWULANAN", 4),
                            (new.id, "TAHUNAN", 1)]  # fmt: skip


async def test_someone_who_rates_nobody_has_an_empty_queue(dunia, test_settings):
    antrian = await _antrian(dunia.s1, date(TAHUN + 1, 1, 5), test_settings)
    assert (antrian.menunggu_persetujuan, antrian.draft_terlambat,
            antrian.perlu_dinilai) == ([], [], [])
    service = await load_viewer("svc-laporan", frozenset({"svc-laporan"}), VIEWER_DAY)
    antrian = await antrian_penilai(Actor(service, date(TAHUN + 1, 1, 5)), test_settings)
    assert (antrian.menunggu_persetujuan, antrian.draft_terlambat,
            antrian.perlu_dinilai) == ([], [], [])


async def test_admin_pusat_queues_what_the_menteri_rates(dunia, test_settings):
    """The Menteri does not sign in: ADMIN_PUSAT approves and rates for them, so their queue
    holds the SKPs of those the Menteri rates (H) and nothing of anyone else's."""
    h_skp = dunia.skp["H"]
    await Skp.filter(id=h_skp.id).update(status="DIAJUKAN")
    antrian = await _antrian(dunia.admin_pusat, date(TAHUN, 3, 1), test_settings)
    assert _ids(antrian.menunggu_persetujuan) == [h_skp.id]
    assert _ids(antrian.draft_terlambat) == [h_skp.id]  # 1 March is past 31 January
    await Skp.filter(id=h_skp.id).update(status="DISETUJUI")
    antrian = await _antrian(dunia.admin_pusat, date(TAHUN + 1, 1, 5), test_settings)
    assert {skp_id for skp_id, _, _ in _periods(antrian)} == {h_skp.id}
