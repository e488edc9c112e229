"""The monthly computation over the database: inputs read set-wise agree with the pure
summary, results are explainable and replace (with history), late inputs mark months stale
and the sweep recomputes them, and a month uses the rule set in force for it."""

from datetime import date

import pytest
from tortoise import connections

from ekinerja_graphql import defaults
from ekinerja_graphql.domain.evaluasi import StatusEvaluasi
from ekinerja_graphql.domain.periode import JenisPeriode
from ekinerja_graphql.domain.tukin.aturan import TingkatHukuman, muat_aturan
from ekinerja_graphql.errors import BadUserInput
from ekinerja_graphql.models import (
    Absensi,
    AturanTukin,
    Evaluasi,
    HukumanDisiplin,
    Pegawai,
    PeriodeStatus,
    Tukin,
    TukinRiwayat,
)
from ekinerja_graphql.services.tukin import absensi, aturan, hitung, kepegawaian_periode
from ekinerja_graphql.services.tukin.hitung_ulang import hitung_ulang_stale
from ekinerja_graphql.services.tukin.masukan import _attendance, _Reader, ringkas
from tests.services.tukin.support import (
    OKTOBER,
    SEPTEMBER,
    admin_pusat_actor,
    berkas,
    bulan_penuh,
    hari_kerja_oktober,
)
from tests.support.graphql import count_statements

RULES = muat_aturan(defaults.aturan_tukin())


@pytest.fixture
async def clean(seeded_db):
    yield seeded_db
    for model in (Absensi, Tukin, TukinRiwayat, HukumanDisiplin, PeriodeStatus, AturanTukin):
        await model.all().delete()


async def _pegawai(count: int, **filters) -> list[Pegawai]:
    return await Pegawai.filter(status="AKTIF", jabatan_id__isnull=False, **filters).order_by(
        "id").limit(count).prefetch_related("jabatan")  # fmt: skip


async def _with_tw3(count: int, **filters) -> list[Pegawai]:
    """Pegawai whose TW3 evaluation (July–September) is not yet FINAL."""
    ids = await Evaluasi.filter(tahun=2026, jenis_periode=JenisPeriode.TRIWULANAN,
                                nomor_periode=3, status=StatusEvaluasi.DITETAPKAN
                                ).values_list("pegawai_id", flat=True)  # fmt: skip
    return await _pegawai(count, id__in=ids, **filters)


async def _final(p: Pegawai, predikat: str = "BAIK") -> Evaluasi:
    """The pegawai's TW3 evaluation made FINAL (test setup: the e2e test takes the real way)."""
    evaluasi = await Evaluasi.get(pegawai_id=p.id, tahun=2026, nomor_periode=3,
                                  jenis_periode=JenisPeriode.TRIWULANAN)  # fmt: skip
    evaluasi.status, evaluasi.predikat = StatusEvaluasi.FINAL, predikat
    await evaluasi.save(update_fields=["status", "predikat"])
    return evaluasi


async def test_the_set_wise_summary_agrees_with_the_day_by_day_one(clean):
    people = await _pegawai(6)
    days = hari_kerja_oktober()
    rows = []
    for n, p in enumerate(people):
        for i, day in enumerate(days[: 22 - n]):  # missing days count as TK
            arrival = ["07:20", "07:45", "08:10", "08:50", "09:30", ""][(i + n) % 6]
            kind = ["HADIR", "HADIR", "CUTI_BESAR", "TK", "HADIR", "DINAS_LUAR"][(i * n) % 6]
            rows.append(f"{p.nip},{day},{arrival},15:{(i * 7) % 60:02d},{kind}")
    rows.append(f"{people[0].nip},2026-10-03,07:00,16:00,HADIR")  # a Saturday: not counted
    hasil = await absensi.impor_absensi(await admin_pusat_actor(), "x.csv", berkas(*rows), clean)
    assert hasil.impor is not None, hasil.kesalahan
    reader = _Reader(connections.get("default"), OKTOBER, date(2026, 10, 31))
    set_wise = await _attendance(reader, [p.id for p in people], tuple(days), RULES)
    for p in people:
        records = await Absensi.filter(pegawai_id=p.id).values(
            "tanggal", "keterangan", "menit_terlambat", "menit_pulang_cepat")
        assert set_wise[p.id] == ringkas(records, tuple(days), set(days), RULES)
    assert sum(set_wise[people[5].id].hari.values()) == 22


async def test_a_clean_final_month_pays_the_kelas_amount_and_explains_it(clean):
    (p,) = await _with_tw3(1, jenis="PNS", tunjangan_profesi__isnull=True)
    await _final(p)
    rows = bulan_penuh(p.nip, hari_kerja_oktober(SEPTEMBER))
    await absensi.impor_absensi(await admin_pusat_actor(), "x.csv", berkas(*rows), clean)
    await hitung.hitung([p.id], SEPTEMBER, clean)
    result = await Tukin.get(pegawai_id=p.id, bulan=SEPTEMBER)
    amount = int(RULES.besaran(p.jabatan.kelas_jabatan))
    assert (result.jumlah, result.provisional, result.kelas) == (amount, False,
                                                                  p.jabatan.kelas_jabatan)
    assert result.masukan["predikat"] == "BAIK"
    assert result.masukan["absensi"]["hari"] == {"HADIR": 22}
    assert [line["kode"] for line in result.rincian] == [
        "KELAS", "TUKIN_BULAN", "KINERJA", "KEHADIRAN", "DIBAYAR", "JUMLAH"]
    assert result.rincian[-1]["rupiah"] == str(amount)


async def test_re_running_replaces_keeps_history_and_gives_the_same_rupiah(clean):
    people = await _pegawai(5)
    assert await hitung.hitung([p.id for p in people], OKTOBER, clean) == 5
    first = dict(await Tukin.filter(bulan=OKTOBER).values_list("pegawai_id", "jumlah"))
    assert await hitung.hitung([p.id for p in people], OKTOBER, clean) == 5
    assert dict(await Tukin.filter(bulan=OKTOBER).values_list("pegawai_id", "jumlah")) == first
    assert await Tukin.filter(bulan=OKTOBER).count() == 5
    history = await TukinRiwayat.filter(bulan=OKTOBER).values_list("pegawai_id", "jumlah")
    assert dict(history) == first and len(history) == 5


async def test_a_final_evaluation_turns_a_provisional_month_final(clean):
    (p,) = await _with_tw3(1, tunjangan_profesi__isnull=True)
    await hitung.hitung([p.id], SEPTEMBER, clean)
    before = await Tukin.get(pegawai_id=p.id, bulan=SEPTEMBER)
    assert before.provisional and "no final evaluation" in before.rincian[2]["uraian"]
    from ekinerja_graphql.services.tukin.predikat_final import tandai_stale_evaluasi

    await tandai_stale_evaluasi(await _final(p, "SANGAT_BAIK"))
    assert (await Tukin.get(pegawai_id=p.id, bulan=SEPTEMBER)).stale
    assert await hitung_ulang_stale(clean) == (1, False)
    after = await Tukin.get(pegawai_id=p.id, bulan=SEPTEMBER)
    assert not after.stale and after.masukan["predikat"] == "SANGAT_BAIK"
    assert after.jumlah > before.jumlah  # 60 % × 100 % instead of 60 % × 65 %


async def test_a_status_period_and_a_hukuman_change_the_months_they_touch(clean):
    admin = await admin_pusat_actor()
    first, second = await _pegawai(2, tunjangan_profesi__isnull=True)
    await hitung.hitung([first.id, second.id], OKTOBER, clean)
    await hitung.hitung([first.id, second.id], date(2026, 9, 1), clean)
    full = await Tukin.get(pegawai_id=first.id, bulan=OKTOBER)
    # Tugas belajar from 15 October: 10 of 22 working days (1–14 October) are paid.
    await kepegawaian_periode.catat_periode_status(admin, first.id, "TUGAS_BELAJAR",
                                                   date(2026, 10, 15), None, "B-1/2026")
    # A hukuman sedang from September: both months lose 40 %.
    await kepegawaian_periode.catat_hukuman(admin, second.id, TingkatHukuman.SEDANG, "HD-7",
                                            date(2026, 9, 10), None)  # fmt: skip
    stale = await Tukin.filter(stale=True).values_list("pegawai_id", "bulan")
    assert sorted(stale) == [(first.id, OKTOBER), (second.id, date(2026, 9, 1)),
                             (second.id, OKTOBER)]  # fmt: skip
    assert (await hitung_ulang_stale(clean))[0] == 3
    partial = await Tukin.get(pegawai_id=first.id, bulan=OKTOBER)
    assert partial.tukin_bulan == (full.tukin_bulan * 10 / 22).quantize(full.tukin_bulan)
    assert "TUGAS_BELAJAR: 12 working days not paid" in [r["uraian"] for r in partial.rincian]
    for bulan in (date(2026, 9, 1), OKTOBER):
        lines = (await Tukin.get(pegawai_id=second.id, bulan=bulan)).rincian
        assert {"kode": "HUKUMAN_DISIPLIN", "uraian": "hukuman disiplin SEDANG",
                "persen": "-40", "rupiah": None} in lines
    assert (await HukumanDisiplin.get(pegawai_id=second.id)).bulan == 6  # the rule set's


async def test_a_month_uses_the_rule_set_in_force_and_records_its_version(clean):
    (p,) = await _pegawai(1)
    await hitung.hitung([p.id], date(2026, 9, 1), clean)
    shipped = await AturanTukin.get()
    newer = defaults.aturan_tukin().replace("berlaku_mulai = 2019-01-01",
                                            "berlaku_mulai = 2026-10-01").replace(
        "tanpa_evaluasi_final = 65", "tanpa_evaluasi_final = 70")  # fmt: skip
    uploaded = await aturan.unggah_aturan(await admin_pusat_actor(), newer)
    await hitung.hitung([p.id], OKTOBER, clean)
    await hitung.hitung([p.id], date(2026, 9, 1), clean)
    versions = dict(await Tukin.filter(pegawai_id=p.id).values_list("bulan", "aturan_id"))
    assert versions == {date(2026, 9, 1): shipped.id, OKTOBER: uploaded.id}
    oktober = await Tukin.get(pegawai_id=p.id, bulan=OKTOBER)
    assert "× 70 %" in oktober.rincian[2]["uraian"] or "× 70 %" in oktober.rincian[3]["uraian"]


async def test_statements_do_not_grow_with_the_pegawai_of_a_batch(clean):
    few, many = await _pegawai(5), await _pegawai(200)
    await hitung.hitung([p.id for p in few], OKTOBER, clean)  # stores the shipped rule set
    with count_statements() as small:
        await hitung.hitung([p.id for p in few], OKTOBER, clean)
    with count_statements() as large:
        await hitung.hitung([p.id for p in many], OKTOBER, clean)
    assert len(large) == len(small), (small, large)


async def test_a_pegawai_retired_since_keeps_the_month_when_it_is_computed_again(clean):
    (p,) = await _pegawai(1)
    await hitung.hitung([p.id], OKTOBER, clean)
    await Pegawai.filter(id=p.id).update(status="PENSIUN")
    from ekinerja_graphql.services.tukin.stale import tandai_stale

    await tandai_stale({(p.id, OKTOBER)})
    assert await hitung_ulang_stale(clean) == (1, False)
    assert (await Tukin.get(pegawai_id=p.id, bulan=OKTOBER)).stale is False
    await Pegawai.filter(id=p.id).update(status="AKTIF")


async def test_an_input_changed_while_computing_leaves_the_new_result_stale(clean, monkeypatch):
    from ekinerja_graphql.services.tukin import hitung as hitung_module
    from ekinerja_graphql.services.tukin.stale import tandai_stale

    first, second = await _pegawai(2)
    await hitung.hitung([first.id, second.id], OKTOBER, clean)
    reading = hitung_module.baca_masukan

    async def read_then_change(*args, **kwargs):
        items = await reading(*args, **kwargs)
        await tandai_stale({(first.id, OKTOBER)})  # an import commits meanwhile
        return items

    monkeypatch.setattr(hitung_module, "baca_masukan", read_then_change)
    await hitung.hitung([first.id, second.id], OKTOBER, clean)
    stale = dict(await Tukin.filter(bulan=OKTOBER).values_list("pegawai_id", "stale"))
    assert stale == {first.id: True, second.id: False}


async def test_a_rule_set_marks_the_months_it_governs_stale(clean):
    (p,) = await _pegawai(1)
    await hitung.hitung([p.id], date(2026, 9, 1), clean)
    await hitung.hitung([p.id], OKTOBER, clean)
    newer = defaults.aturan_tukin().replace("berlaku_mulai = 2019-01-01",
                                            "berlaku_mulai = 2026-10-01")  # fmt: skip
    await aturan.unggah_aturan(await admin_pusat_actor(), newer)
    stale = dict(await Tukin.filter(pegawai_id=p.id).values_list("bulan", "stale"))
    assert stale == {date(2026, 9, 1): False, OKTOBER: True}


async def test_a_period_ended_and_a_hukuman_cancelled_recompute_their_months(clean):
    admin = await admin_pusat_actor()
    first, second = await _pegawai(2, tunjangan_profesi__isnull=True)
    periode = await kepegawaian_periode.catat_periode_status(
        admin, first.id, "CLTN", date(2026, 9, 1), None, None)  # fmt: skip
    hukuman = await kepegawaian_periode.catat_hukuman(admin, second.id, TingkatHukuman.BERAT,
                                                      "HD-9", date(2026, 10, 1), 1)  # fmt: skip
    await hitung.hitung([first.id, second.id], OKTOBER, clean)
    assert (await Tukin.get(pegawai_id=first.id, bulan=OKTOBER)).jumlah == 0
    punished = (await Tukin.get(pegawai_id=second.id, bulan=OKTOBER)).jumlah
    with pytest.raises(BadUserInput):
        await kepegawaian_periode.akhiri_periode_status(admin, periode.id, date(2026, 8, 31))
    await kepegawaian_periode.akhiri_periode_status(admin, periode.id, date(2026, 9, 30))
    await kepegawaian_periode.batalkan_hukuman(admin, hukuman.id)
    assert await hitung_ulang_stale(clean) == (2, False)
    assert (await Tukin.get(pegawai_id=first.id, bulan=OKTOBER)).jumlah > 0
    assert (await Tukin.get(pegawai_id=second.id, bulan=OKTOBER)).jumlah > punished
    assert not await HukumanDisiplin.exists(id=hukuman.id)
