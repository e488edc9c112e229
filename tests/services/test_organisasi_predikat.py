"""The organisation predikat and the distribution curve (services/organisasi_predikat.py,
spec §4 after SE MenPANRB 3/2023): set by the leader one level up only; every row of the
curve's table checked with the configured rounding; an override needs a reason and is
recorded; a new predikat drops the override."""

import asyncio
import contextlib
import os
from datetime import UTC, date, datetime, timedelta

import pytest

from ekinerja_graphql.domain.periode import Periode
from ekinerja_graphql.errors import CodedError
from ekinerja_graphql.models import AuditLog, Evaluasi, PredikatOrganisasi, Skp
from ekinerja_graphql.services import organisasi_predikat as op
from ekinerja_graphql.services.evaluasi import penetapan
from tests.services.evaluasi_support import TAHUN, actor, build_dunia, jejak, reload, sebaran

SB, B, BP, K, SK = "SANGAT_BAIK", "BAIK", "BUTUH_PERBAIKAN", "KURANG", "SANGAT_KURANG"
TAHUNAN = Periode(TAHUN, "TAHUNAN", 1)
JANUARI = Periode(TAHUN, "BULANAN", 1)


@pytest.fixture
async def dunia(empty_db):
    return await build_dunia()


async def _refused(call, code: str, field: str | None = None) -> CodedError:
    before = await jejak()
    with pytest.raises(CodedError) as raised:
        await call
    assert raised.value.code == code, raised.value.message
    assert raised.value.field == field
    assert await jejak() == before
    return raised.value


def _jumlah(sb=0, b=0, bp=0, k=0, sk=0) -> dict[str, int]:
    return {p: n for p, n in zip((SB, B, BP, K, SK), (sb, b, bp, k, sk), strict=True) if n}


# --- Who sets it ---------------------------------------------------------------------------


async def test_the_leader_one_level_up_sets_the_unit_predikat(dunia):
    # H rates P, the head of U.
    row = await op.tetapkan(await actor(dunia.h), dunia.unit.id, TAHUNAN, "BAIK",
                            "  Capaian unit sesuai target  ", None)  # fmt: skip
    stored = await reload(row)
    assert (stored.unit_id, stored.tahun, stored.jenis_periode, stored.nomor_periode,
            stored.predikat, stored.catatan, stored.ditetapkan_oleh, stored.version,
            stored.override_alasan) == (dunia.unit.id, TAHUN, "TAHUNAN", 1, "BAIK",
                                        "Capaian unit sesuai target", dunia.h.nip, 1, None)
    (entry,) = await AuditLog.all()
    assert (entry.action, entry.subject, entry.object_type, entry.object_id, entry.pegawai_id,
            entry.before, entry.after["predikat"]) == (
        "tetapkanPredikatOrganisasi", dunia.h.nip, "PredikatOrganisasi", row.id, dunia.p.id,
        None, "BAIK")


@pytest.mark.parametrize("who", ["P", "S1", "P2", "ADMIN_UNIT", "ADMIN_PUSAT"])
async def test_nobody_else_sets_the_unit_predikat(dunia, who):
    error = await _refused(op.tetapkan(await actor(dunia.everyone[who]), dunia.unit.id,
                                       TAHUNAN, "BAIK", None, None), "FORBIDDEN")
    assert f"UnitOrganisasi {dunia.unit.id}" in error.message and "PENILAI" in error.message


async def test_a_unit_headed_by_someone_the_menteri_rates_is_set_by_admin_pusat(dunia):
    # The Kanwil's head H is rated by the Menteri, who does not sign in.
    for who in ("H", "ADMIN_UNIT", "P"):
        await _refused(op.tetapkan(await actor(dunia.everyone[who]), dunia.kanwil.id, TAHUNAN,
                                   "ISTIMEWA", None, None), "FORBIDDEN")  # fmt: skip
    row = await op.tetapkan(await actor(dunia.admin_pusat), dunia.kanwil.id, TAHUNAN,
                            "ISTIMEWA", None, None)  # fmt: skip
    assert (row.unit_id, row.predikat, row.ditetapkan_oleh) == (
        dunia.kanwil.id, "ISTIMEWA", dunia.admin_pusat.nip)


async def test_changing_the_predikat_needs_its_version(dunia):
    h = await actor(dunia.h)
    row = await op.tetapkan(h, dunia.unit.id, TAHUNAN, "BAIK", None, None)
    error = await _refused(op.tetapkan(h, dunia.unit.id, TAHUNAN, "ISTIMEWA", None, None),
                           "CONFLICT")  # fmt: skip
    assert error.extensions["currentVersion"] == 1
    error = await _refused(op.tetapkan(h, dunia.unit.id, TAHUNAN, "ISTIMEWA", None, 5),
                           "CONFLICT")  # fmt: skip
    assert error.extensions["currentVersion"] == 1
    changed = await op.tetapkan(h, dunia.unit.id, TAHUNAN, "ISTIMEWA", "Naik", 1)
    assert (changed.id, changed.predikat, changed.catatan, changed.version) == (
        row.id, "ISTIMEWA", "Naik", 2)
    assert await PredikatOrganisasi.all().count() == 1
    # The same unit's other periods are separate rows.
    other = await op.tetapkan(h, dunia.unit.id, JANUARI, "KURANG", None, None)
    assert other.id != row.id and await PredikatOrganisasi.all().count() == 2


async def test_bad_input_of_the_unit_predikat(dunia):
    h = await actor(dunia.h)
    error = await _refused(op.tetapkan(h, dunia.unit.id, TAHUNAN, "BAIK", "x" * 2001, None),
                           "BAD_USER_INPUT", "catatan")  # fmt: skip
    assert "at most 2000 characters" in error.message
    await _refused(op.tetapkan(h, 2**31 - 1, TAHUNAN, "BAIK", None, None), "NOT_FOUND")


# --- The override --------------------------------------------------------------------------


async def test_an_override_with_a_reason_is_recorded_and_unblocks(dunia, test_settings):
    (rated,) = await sebaran(dunia, {SB: 1}, jenis="BULANAN", nomor=1)
    h = await actor(dunia.h)
    row = await op.tetapkan(h, dunia.unit.id, JANUARI, "BAIK", None, None)
    report = await op.laporan_kurva(dunia.unit.id, JANUARI, test_settings)
    assert [v.kode for v in report.pelanggaran] == ["TERBESAR", "ADA_SATU"]
    assert report.boleh_ditetapkan is False
    overridden = await op.catat_override(h, row.id, row.version,
                                         "  Unit kecil, kurva tidak bermakna  ")  # fmt: skip
    stored = await reload(overridden)
    assert (stored.override_alasan, stored.override_oleh, stored.version) == (
        "Unit kecil, kurva tidak bermakna", dunia.h.nip, 2)
    assert abs(stored.override_at - datetime.now(UTC)) < timedelta(minutes=5)
    entry = await AuditLog.get(action="catatOverrideKurva")
    assert (entry.subject, entry.object_id, entry.before["override_alasan"],
            entry.after["override_alasan"]) == (dunia.h.nip, row.id, None,
                                                "Unit kecil, kurva tidak bermakna")
    report = await op.laporan_kurva(dunia.unit.id, JANUARI, test_settings)
    # The violations stay visible (to report them); penetapan may go ahead.
    assert [v.kode for v in report.pelanggaran] == ["TERBESAR", "ADA_SATU"]
    assert report.boleh_ditetapkan is True
    (fixed,) = await penetapan.tetapkan(await actor(dunia.p), [(rated.id, 1)], test_settings)
    assert fixed.status == "DITETAPKAN"


async def test_a_new_predikat_is_a_new_curve_and_drops_the_override(dunia, test_settings):
    await sebaran(dunia, {SB: 2}, jenis="BULANAN", nomor=1)
    h = await actor(dunia.h)
    row = await op.tetapkan(h, dunia.unit.id, JANUARI, "BAIK", None, None)
    row = await op.catat_override(h, row.id, row.version, "Alasan yang cukup panjang")
    changed = await reload(await op.tetapkan(h, dunia.unit.id, JANUARI, "BUTUH_PERBAIKAN",
                                             None, row.version))  # fmt: skip
    assert (changed.predikat, changed.override_alasan, changed.override_oleh,
            changed.override_at, changed.version) == ("BUTUH_PERBAIKAN", None, None, None, 3)
    report = await op.laporan_kurva(dunia.unit.id, JANUARI, test_settings)
    assert [v.kode for v in report.pelanggaran] == ["MINIMUM", "MAKSIMUM"]
    assert report.boleh_ditetapkan is False


@pytest.mark.parametrize("who", ["P", "S1", "ADMIN_UNIT", "ADMIN_PUSAT"])
async def test_only_the_leader_one_level_up_overrides(dunia, who):
    row = await op.tetapkan(await actor(dunia.h), dunia.unit.id, JANUARI, "BAIK", None, None)
    await _refused(op.catat_override(await actor(dunia.everyone[who]), row.id, row.version,
                                     "Alasan yang cukup panjang"), "FORBIDDEN")


async def test_an_override_needs_a_reason_and_the_current_version(dunia):
    h = await actor(dunia.h)
    row = await op.tetapkan(h, dunia.unit.id, JANUARI, "BAIK", None, None)
    error = await _refused(op.catat_override(h, row.id, row.version, "   singkat   "),
                           "BAD_USER_INPUT", "alasan")  # fmt: skip
    assert error.message == "alasan must be 10 to 2000 characters saying why"
    await _refused(op.catat_override(h, row.id, row.version, "x" * 2001), "BAD_USER_INPUT",
                   "alasan")
    error = await _refused(op.catat_override(h, row.id, 9, "Alasan yang cukup panjang"),
                           "CONFLICT")  # fmt: skip
    assert error.extensions["currentVersion"] == 1
    await _refused(op.catat_override(h, 2**31 - 1, 1, "Alasan yang cukup panjang"), "NOT_FOUND")


# --- The curve ----------------------------------------------------------------------------

# (unit predikat, people per predikat in a unit of 10, the rules broken): each row of the
# table of spec §4, met and broken, 10 people so every share is a whole number.
TABLE = [
    ("ISTIMEWA", _jumlah(sb=5, b=4, bp=1), []),
    ("ISTIMEWA", _jumlah(sb=7, b=3), []),  # exactly 70%
    ("ISTIMEWA", _jumlah(sb=3, b=6, bp=1), ["TERBESAR"]),
    ("ISTIMEWA", _jumlah(sb=8, b=2), ["MAKSIMUM"]),
    ("BAIK", _jumlah(sb=2, b=7, bp=1), []),
    ("BAIK", _jumlah(sb=4, b=4, k=2), []),  # a tie for the largest group passes
    ("BAIK", _jumlah(sb=6, b=3, k=1), ["TERBESAR"]),
    ("BAIK", _jumlah(b=8, bp=2), ["MAKSIMUM"]),
    ("BAIK", _jumlah(sb=3, b=7), ["ADA_SATU"]),
    ("BAIK", _jumlah(b=7, sk=3), ["ADA_SATU"]),  # SANGAT_KURANG is neither BP nor KURANG
    ("BAIK", _jumlah(b=10), ["MAKSIMUM", "ADA_SATU"]),
    ("BUTUH_PERBAIKAN", _jumlah(sb=1, b=3, bp=6), []),
    ("BUTUH_PERBAIKAN", _jumlah(sb=1, b=4, bp=5), ["MINIMUM"]),
    ("BUTUH_PERBAIKAN", _jumlah(sb=2, b=2, bp=6), ["MAKSIMUM"]),
    ("KURANG", _jumlah(sb=1, b=2, bp=1, k=6), []),
    ("KURANG", _jumlah(sb=1, b=3, bp=1, k=5), ["MINIMUM"]),
    ("KURANG", _jumlah(sb=1, b=3, k=6), ["MINIMUM"]),
    ("KURANG", _jumlah(sb=2, b=1, bp=1, k=6), ["MAKSIMUM"]),
    ("SANGAT_KURANG", _jumlah(b=3, k=1, sk=6), []),
    ("SANGAT_KURANG", _jumlah(b=3, bp=1, sk=6), []),  # "KURANG and/or BUTUH_PERBAIKAN"
    ("SANGAT_KURANG", _jumlah(b=4, k=1, sk=5), ["MINIMUM"]),
    ("SANGAT_KURANG", _jumlah(b=4, sk=6), ["MINIMUM"]),
    ("SANGAT_KURANG", _jumlah(sb=1, b=2, k=1, sk=6), ["TIDAK_BOLEH_ADA"]),
]


@pytest.mark.parametrize(("unit_predikat", "jumlah", "broken"), TABLE)
async def test_each_row_of_the_curve(dunia, test_settings, unit_predikat, jumlah, broken):
    rows = await sebaran(dunia, jumlah)
    await op.tetapkan(await actor(dunia.h), dunia.unit.id, JANUARI, unit_predikat, None, None)
    report = await op.laporan_kurva(dunia.unit.id, JANUARI, test_settings)
    assert (report.unit_id, report.predikat_organisasi.predikat) == (dunia.unit.id,
                                                                     unit_predikat)
    assert report.jumlah == jumlah
    assert [v.kode for v in report.pelanggaran] == broken
    assert report.boleh_ditetapkan is (not broken)
    # Penetapan of the unit's period goes ahead exactly when the curve is met.
    p = await actor(dunia.p)
    call = penetapan.tetapkan(p, [(rows[0].id, 1)], test_settings)
    if broken:
        error = await _refused(call, "CONFLICT")
        assert error.extensions["violations"] == broken
    else:
        (fixed,) = await call
        assert fixed.status == "DITETAPKAN"


async def test_the_violations_are_said_in_plain_words(dunia, test_settings):
    await sebaran(dunia, _jumlah(b=8, bp=2))
    await op.tetapkan(await actor(dunia.h), dunia.unit.id, JANUARI, "BAIK", None, None)
    (maksimum,) = (await op.laporan_kurva(dunia.unit.id, JANUARI, test_settings)).pelanggaran
    assert (maksimum.batas, maksimum.jumlah) == (7, 8)
    assert maksimum.pesan == ("Baik 8 dari 10 pegawai (80%); paling banyak 7 pegawai (70%) "
                              "untuk unit berpredikat Baik.")  # fmt: skip


# A unit of 3 rated at BUTUH_PERBAIKAN: SANGAT_BAIK ≤ 10% of 3 = 0.3, BUTUH_PERBAIKAN ≥ 60%
# of 3 = 1.8; one of each (and one BAIK) fits only when 0.3 rounds up and 1.8 down.
@pytest.mark.parametrize(("rounding_max", "rounding_min", "broken"), [
    ("CEIL", "FLOOR", []),  # the default [CFG]: the benefit of the doubt both ways
    ("FLOOR", "FLOOR", ["MAKSIMUM"]),
    ("CEIL", "CEIL", ["MINIMUM"]),
    ("ROUND", "ROUND", ["MINIMUM", "MAKSIMUM"]),
])
async def test_small_units_round_as_configured(dunia, test_settings, rounding_max,
                                               rounding_min, broken):
    settings = test_settings.model_copy(update={"curve_rounding_max": rounding_max,
                                                "curve_rounding_min": rounding_min})
    rows = await sebaran(dunia, _jumlah(sb=1, b=1, bp=1))
    await op.tetapkan(await actor(dunia.h), dunia.unit.id, JANUARI, "BUTUH_PERBAIKAN", None,
                      None)  # fmt: skip
    report = await op.laporan_kurva(dunia.unit.id, JANUARI, settings)
    assert [v.kode for v in report.pelanggaran] == broken
    if rounding_max == "ROUND":
        assert {v.kode: v.batas for v in report.pelanggaran} == {"MINIMUM": 2, "MAKSIMUM": 0}
        assert ("paling sedikit 2 pegawai (60% dari 3 = 1,8, dibulatkan ke bilangan terdekat)"
                in report.pelanggaran[0].pesan)
    call = penetapan.tetapkan(await actor(dunia.p), [(rows[0].id, 1)], settings)
    if broken:
        error = await _refused(call, "CONFLICT")
        assert error.extensions["violations"] == broken
    else:
        assert [e.status for e in await call] == ["DITETAPKAN"]


@pytest.mark.parametrize(("rounding_max", "broken"), [("ROUND", []), ("FLOOR", ["MAKSIMUM"]),
                                                      ("CEIL", [])])
async def test_round_is_half_up(dunia, test_settings, rounding_max, broken):
    # A unit of 5 at BUTUH_PERBAIKAN: SANGAT_BAIK ≤ 10% of 5 = 0.5 -> 1 half up, 0 floored.
    settings = test_settings.model_copy(update={"curve_rounding_max": rounding_max})
    await sebaran(dunia, _jumlah(sb=1, b=1, bp=3))
    await op.tetapkan(await actor(dunia.h), dunia.unit.id, JANUARI, "BUTUH_PERBAIKAN", None,
                      None)  # fmt: skip
    report = await op.laporan_kurva(dunia.unit.id, JANUARI, settings)
    assert [v.kode for v in report.pelanggaran] == broken


async def test_a_unit_with_nobody_rated_breaks_the_curve(dunia, test_settings):
    await op.tetapkan(await actor(dunia.h), dunia.unit.id, JANUARI, "BAIK", None, None)
    report = await op.laporan_kurva(dunia.unit.id, JANUARI, test_settings)
    assert ([v.kode for v in report.pelanggaran], report.jumlah) == (["KOSONG"], {})
    assert report.boleh_ditetapkan is False


async def test_without_a_predikat_nothing_is_checked(dunia, test_settings):
    await sebaran(dunia, _jumlah(sb=3))
    report = await op.laporan_kurva(dunia.unit.id, JANUARI, test_settings)
    assert (report.unit_id, report.predikat_organisasi, report.jumlah, report.pelanggaran,
            report.boleh_ditetapkan) == (dunia.unit.id, None, {SB: 3}, [], False)


async def test_the_curve_counts_the_governing_units_subtree_for_the_period(dunia, test_settings):
    await sebaran(dunia, _jumlah(sb=2, b=1))  # U, January
    await sebaran(dunia, _jumlah(b=2, k=1), unit=dunia.unit2)  # U2, January
    await sebaran(dunia, _jumlah(sk=4), nomor=2)  # U, February: another period
    await sebaran(dunia, _jumlah(sk=4), jenis="TRIWULANAN", nomor=1)  # another kind of period
    unrated = (await sebaran(dunia, _jumlah(b=1)))[0]
    await Evaluasi.filter(id=unrated.id).update(predikat=None, status="DRAFT")
    # Only the Kanwil has a predikat (set by ADMIN_PUSAT for the Menteri): it governs U and U2.
    await op.tetapkan(await actor(dunia.admin_pusat), dunia.kanwil.id, JANUARI, "BAIK", None,
                      None)  # fmt: skip
    for unit in (dunia.unit, dunia.unit2, dunia.kanwil):
        report = await op.laporan_kurva(unit.id, JANUARI, test_settings)
        assert report.unit_id == dunia.kanwil.id
        assert report.jumlah == {SB: 2, B: 3, K: 1}
        assert report.pelanggaran == []
    # A unit's own predikat governs it instead, counted over its own subtree only.
    await op.tetapkan(await actor(dunia.h), dunia.unit.id, JANUARI, "ISTIMEWA", None, None)
    own = await op.laporan_kurva(dunia.unit.id, JANUARI, test_settings)
    assert (own.unit_id, own.predikat_organisasi.predikat, own.jumlah, own.pelanggaran) == (
        dunia.unit.id, "ISTIMEWA", {SB: 2, B: 1}, [])
    assert (await op.laporan_kurva(dunia.unit2.id, JANUARI, test_settings)).unit_id == (
        dunia.kanwil.id)


ON_POSTGRES = os.environ.get("EKINERJA_TEST_DATABASE_URL", "").startswith("postgres")


async def test_a_concurrent_first_setting_is_conflict(dunia, monkeypatch):
    # Both calls reach the insert before either commits (where the database lets them: SQLite
    # runs one transaction at a time, so there the wait times out and they run in turn).
    arrived, both = [], asyncio.Event()
    original = PredikatOrganisasi.create.__func__

    async def create(cls, *args, **kwargs):
        arrived.append(True)
        if len(arrived) == 2:
            both.set()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(both.wait(), 0.5)
        return await original(cls, *args, **kwargs)

    monkeypatch.setattr(PredikatOrganisasi, "create", classmethod(create))
    h = await actor(dunia.h)
    results = await asyncio.gather(
        *(op.tetapkan(h, dunia.unit.id, TAHUNAN, "BAIK", None, None) for _ in range(2)),
        return_exceptions=True)
    assert await PredikatOrganisasi.all().count() == 1
    assert sorted(type(r).__name__ for r in results) == ["Conflict", "PredikatOrganisasi"]


async def test_a_sub_unit_with_its_own_predikat_is_left_out_of_the_parents_curve(
        dunia, test_settings):  # fmt: skip
    await sebaran(dunia, _jumlah(b=3, bp=1), unit=dunia.unit)
    await sebaran(dunia, _jumlah(sb=2), unit=dunia.unit2)
    admin = await actor(dunia.admin_pusat)
    await op.tetapkan(admin, dunia.kanwil.id, JANUARI, "BAIK", None, None)
    report = await op.laporan_kurva(dunia.unit.id, JANUARI, test_settings)
    assert (report.unit_id, report.jumlah) == (dunia.kanwil.id, _jumlah(sb=2, b=3, bp=1))
    # U2 gets a predikat of its own: its staff leave the Kanwil's curve for U2's.
    await op.tetapkan(await actor(dunia.h), dunia.unit2.id, JANUARI, "ISTIMEWA", None, None)
    report = await op.laporan_kurva(dunia.unit.id, JANUARI, test_settings)
    assert (report.unit_id, report.jumlah) == (dunia.kanwil.id, _jumlah(b=3, bp=1))
    report = await op.laporan_kurva(dunia.unit2.id, JANUARI, test_settings)
    assert (report.unit_id, report.jumlah) == (dunia.unit2.id, _jumlah(sb=2))


async def test_a_pegawai_rated_twice_for_a_period_counts_once_by_the_latest_skp(
        dunia, test_settings):  # fmt: skip
    # A mutasi within the unit during January: the SKP it closed and the new one are rated.
    (first,) = await sebaran(dunia, _jumlah(sb=1))
    closed = date(TAHUN, 1, 14)
    await Skp.filter(id=first.skp_id).update(ditutup_pada=closed, periode_akhir=closed)
    later = await Skp.create(**_copy(await Skp.get(id=first.skp_id), ditutup_pada=None,
                                     periode_awal=date(TAHUN, 1, 15),
                                     periode_akhir=date(TAHUN, 12, 31)))
    await Evaluasi.create(**_copy(first, skp_id=later.id, predikat=B))
    await sebaran(dunia, _jumlah(b=1))
    report = await op.laporan_kurva(dunia.unit.id, JANUARI, test_settings)
    assert report.jumlah == _jumlah(b=2)


def _copy(row, **changes) -> dict:
    """The row's columns for a new row, with `changes`."""
    skip = {"id", "created_at", "updated_at"}
    return {**{name: getattr(row, name) for name in row._meta.fields_db_projection
               if name not in skip}, **changes}


async def test_the_curve_is_shown_to_those_over_the_governing_unit(dunia, test_settings):
    await sebaran(dunia, _jumlah(b=3, bp=1))
    await op.tetapkan(await actor(dunia.admin_pusat), dunia.kanwil.id, JANUARI, "BAIK", None,
                      None)  # fmt: skip
    # U's head asks for U, but the Kanwil's predikat governs it: its counts are the Kanwil's.
    await _refused(op.kurva(await actor(dunia.p), dunia.unit.id, JANUARI, test_settings),
                   "FORBIDDEN")  # fmt: skip
    for who in (dunia.h, dunia.admin_unit, dunia.admin_pusat):
        report = await op.kurva(await actor(who), dunia.unit.id, JANUARI, test_settings)
        assert (report.unit_id, report.jumlah) == (dunia.kanwil.id, _jumlah(b=3, bp=1))


@pytest.mark.parametrize("tahun", [2018, TAHUN + 3, 40000])
async def test_the_curve_of_a_year_out_of_range_is_bad_input(dunia, test_settings, tahun):
    error = await _refused(op.kurva(await actor(dunia.h), dunia.unit.id,
                                    Periode(tahun, "BULANAN", 1), test_settings),
                           "BAD_USER_INPUT", "tahun")  # fmt: skip
    assert "a year from 2019" in error.message


@pytest.mark.parametrize("tahun", [TAHUN - 2, TAHUN + 3])  # the actor is in TAHUN + 1
async def test_a_predikat_is_set_for_last_this_or_next_year(dunia, tahun):
    await _refused(op.tetapkan(await actor(dunia.h), dunia.unit.id, Periode(tahun, "TAHUNAN", 1),
                               "BAIK", None, None), "BAD_USER_INPUT", "tahun")  # fmt: skip
