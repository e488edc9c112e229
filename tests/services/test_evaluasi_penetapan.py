"""Penetapan (services/evaluasi/penetapan.py): the pejabat penilai fixes rated evaluations,
together or not at all; the annual ones need an organisation predikat; a broken curve
blocks with its violations in plain words until an override with a reason is recorded;
stale versions and impossible steps are CONFLICT, and a refusal writes nothing."""

from datetime import UTC, datetime, timedelta

import pytest

from ekinerja_graphql.domain.periode import Periode
from ekinerja_graphql.errors import CodedError
from ekinerja_graphql.models import AuditLog, Evaluasi, EvaluasiRiwayat, SiasnOutbox
from ekinerja_graphql.services import organisasi_predikat as op
from ekinerja_graphql.services.evaluasi.penetapan import MAKS_PENETAPAN, tetapkan
from ekinerja_graphql.services.evaluasi.penilaian import nilai, nilai_massal
from tests.services.evaluasi_support import (
    ATAS,
    BAWAH,
    SESUAI,
    TAHUN,
    actor,
    build_dunia,
    item,
    jejak,
    reload,
)

TAHUNAN = Periode(TAHUN, "TAHUNAN", 1)


@pytest.fixture
async def dunia(empty_db):
    return await build_dunia()


async def _refused(call, code: str) -> CodedError:
    before = await jejak()
    with pytest.raises(CodedError) as raised:
        await call
    assert raised.value.code == code, raised.value.message
    assert await jejak() == before
    return raised.value


async def _rate(dunia, jenis: str, nomor: int, **ratings) -> dict[str, Evaluasi]:
    """P rates S1, S2, S3 for one period; ratings by name: (hasil, perilaku)."""
    names = ("S1", "S2", "S3")
    items = [item(dunia.skp[n], jenis, nomor, *ratings.get(n, (SESUAI, SESUAI))) for n in names]
    done = await nilai_massal(await actor(dunia.p), items, "TRIWULANAN")
    return dict(zip(names, done, strict=True))


def _pairs(*evaluasi: Evaluasi) -> list[tuple[int, int]]:
    return [(e.id, e.version) for e in evaluasi]


async def test_periodic_evaluations_are_fixed_without_an_organisation_predikat(dunia,
                                                                               test_settings):
    rated = await _rate(dunia, "TRIWULANAN", 1)
    p = await actor(dunia.p)
    fixed = await tetapkan(p, _pairs(rated["S1"], rated["S2"]), test_settings)
    assert [(e.id, e.status, e.version) for e in fixed] == [
        (rated["S1"].id, "DITETAPKAN", 2), (rated["S2"].id, "DITETAPKAN", 2)]
    for e in fixed:
        stored = await reload(e)
        assert stored.status == "DITETAPKAN" and stored.version == 2
        assert abs(stored.ditetapkan_at - datetime.now(UTC)) < timedelta(minutes=5)
        riwayat = await EvaluasiRiwayat.filter(evaluasi_id=e.id).order_by("id").values_list(
            "aksi", "dari_status", "ke_status", "oleh")
        assert riwayat[-1] == ("TETAPKAN_EVALUASI", "DINILAI", "DITETAPKAN", dunia.p.nip)
        entry = await AuditLog.get(action="tetapkanEvaluasi", object_id=e.id)
        assert (entry.before["status"], entry.after["status"], entry.subject) == (
            "DINILAI", "DITETAPKAN", dunia.p.nip)
    assert (await reload(rated["S3"])).status == "DINILAI"


async def test_annual_evaluations_need_an_organisation_predikat(dunia, test_settings):
    rated = await _rate(dunia, "TAHUNAN", 1, S2=(BAWAH, SESUAI))
    error = await _refused(tetapkan(await actor(dunia.p), _pairs(*rated.values()),
                                    test_settings), "CONFLICT")  # fmt: skip
    assert error.message.startswith("items[0]: no organisation predikat for TAHUNAN 1/2026 is "
                                    f"set for unit {dunia.unit.id} or above it")
    assert "the leader one level up sets it" in error.message
    # Once H sets it and the distribution fits (BAIK 2 of 3, one BUTUH_PERBAIKAN): fixed.
    await op.tetapkan(await actor(dunia.h), dunia.unit.id, TAHUNAN, "BAIK", None, None)
    fixed = await tetapkan(await actor(dunia.p), _pairs(*rated.values()), test_settings)
    assert [(e.predikat, e.status) for e in fixed] == [
        ("BAIK", "DITETAPKAN"), ("BUTUH_PERBAIKAN", "DITETAPKAN"), ("BAIK", "DITETAPKAN")]


async def test_a_broken_curve_blocks_in_plain_words_and_fixes_nothing(dunia, test_settings):
    quarter = await _rate(dunia, "TRIWULANAN", 1)
    year = await _rate(dunia, "TAHUNAN", 1, S1=(ATAS, ATAS))  # SB, B, B: no BP or KURANG
    await op.tetapkan(await actor(dunia.h), dunia.unit.id, TAHUNAN, "BAIK", None, None)
    p = await actor(dunia.p)
    # The quarter comes first and would pass: the whole call is refused all the same.
    error = await _refused(tetapkan(p, _pairs(quarter["S1"], year["S1"]), test_settings),
                           "CONFLICT")  # fmt: skip
    assert error.extensions["violations"] == ["ADA_SATU"]
    assert error.message == (
        f"items[1]: the predikat of unit {dunia.unit.id} for TAHUNAN 1/2026 do not fit the curve "
        "of a unit rated BAIK: Tidak ada pegawai Butuh Perbaikan atau Kurang (0 dari 3 "
        "pegawai); unit berpredikat Baik harus punya paling sedikit 1 pegawai Butuh Perbaikan "
        "atau Kurang. Change the ratings, or record an override with the reason.")
    assert await Evaluasi.filter(status="DITETAPKAN").count() == 0
    # Changing a rating meets the curve.
    s2 = await nilai(p, item(dunia.skp["S2"], "TAHUNAN", 1, BAWAH, SESUAI,
                             version=year["S2"].version), "TRIWULANAN")  # fmt: skip
    fixed = await tetapkan(p, _pairs(quarter["S1"], year["S1"], s2), test_settings)
    assert {e.status for e in fixed} == {"DITETAPKAN"}


async def test_an_override_with_a_reason_unblocks_penetapan(dunia, test_settings):
    year = await _rate(dunia, "TAHUNAN", 1)  # BAIK 3 of 3: over 70% and no BP or KURANG
    h, p = await actor(dunia.h), await actor(dunia.p)
    row = await op.tetapkan(h, dunia.unit.id, TAHUNAN, "BAIK", None, None)
    error = await _refused(tetapkan(p, _pairs(year["S1"]), test_settings), "CONFLICT")
    assert error.extensions["violations"] == ["ADA_SATU"]  # 3 ≤ ceil(70% of 3 = 2.1)
    await op.catat_override(h, row.id, row.version, "Semua pegawai memenuhi target tahun ini")
    fixed = await tetapkan(p, _pairs(*year.values()), test_settings)
    assert [e.status for e in fixed] == ["DITETAPKAN"] * 3
    stored = await reload(row)
    assert (stored.override_alasan, stored.override_oleh) == (
        "Semua pegawai memenuhi target tahun ini", dunia.h.nip)


async def test_one_stale_version_fixes_none(dunia, test_settings):
    rated = await _rate(dunia, "TRIWULANAN", 2)
    pairs = _pairs(*rated.values())
    pairs[1] = (pairs[1][0], 9)
    error = await _refused(tetapkan(await actor(dunia.p), pairs, test_settings), "CONFLICT")
    assert error.extensions["currentVersion"] == 1
    assert await Evaluasi.filter(status="DINILAI").count() == 3


@pytest.mark.parametrize("who", ["S1", "H", "P2", "ADMIN_UNIT", "ADMIN_PUSAT"])
async def test_only_the_pejabat_penilai_fixes(dunia, test_settings, who):
    rated = await _rate(dunia, "TRIWULANAN", 1)
    error = await _refused(tetapkan(await actor(dunia.everyone[who]), _pairs(rated["S1"]),
                                    test_settings), "FORBIDDEN")  # fmt: skip
    assert f"Evaluasi {rated['S1'].id}" in error.message


async def test_only_a_rated_evaluation_is_fixed(dunia, test_settings):
    rated = await _rate(dunia, "TRIWULANAN", 1)
    p = await actor(dunia.p)
    (fixed,) = await tetapkan(p, _pairs(rated["S1"]), test_settings)
    error = await _refused(tetapkan(p, _pairs(fixed), test_settings), "CONFLICT")
    assert error.extensions == {"code": "CONFLICT", "currentStatus": "DITETAPKAN",
                                "currentVersion": 2}
    assert "only from DINILAI" in error.message
    await Evaluasi.filter(id=rated["S2"].id).update(status="DRAFT")
    error = await _refused(tetapkan(p, _pairs(rated["S2"]), test_settings), "CONFLICT")
    assert error.extensions["currentStatus"] == "DRAFT"


async def test_the_items_are_bounded_and_distinct(dunia, test_settings):
    rated = await _rate(dunia, "TRIWULANAN", 1)
    p = await actor(dunia.p)
    one = _pairs(rated["S1"])
    for items, allowed in (([], "1 to 100 evaluations"),
                           (one * (MAKS_PENETAPAN + 1), "1 to 100 evaluations"),
                           (one * 2, "distinct evaluations")):  # fmt: skip
        error = await _refused(tetapkan(p, items, test_settings), "BAD_USER_INPUT")
        assert (error.field, error.message) == ("items", f"items must be {allowed}")
    error = await _refused(tetapkan(p, [*one, (2**31 - 1, 1)], test_settings), "NOT_FOUND")
    assert error.field == "items[1].id"
    assert (await reload(rated["S1"])).status == "DINILAI"


async def test_each_fixed_evaluation_is_queued_for_siasn_once(dunia, test_settings):
    # Spec §4: DITETAPKAN results are what SIASN receives.
    quarter = await _rate(dunia, "TRIWULANAN", 1)
    await op.tetapkan(await actor(dunia.h), dunia.unit.id, Periode(TAHUN, "TAHUNAN", 1), "BAIK",
                      None, None)  # fmt: skip
    year = await _rate(dunia, "TAHUNAN", 1, S2=(BAWAH, SESUAI))
    await tetapkan(await actor(dunia.p), _pairs(*quarter.values(), *year.values()),
                   test_settings)  # fmt: skip
    queued = await SiasnOutbox.all().order_by("evaluasi_id").values_list(
        "evaluasi_id", "jenis", "status")  # fmt: skip
    assert queued == sorted(
        [(e.id, "KINERJA_PERIODIK", "PENDING") for e in quarter.values()]
        + [(e.id, "SKP22", "PENDING") for e in year.values()])
