"""A month of tunjangan kinerja end to end, over HTTP with each role's token: the chain's
SKPs approved, the third quarter rated, fixed and made FINAL (keberatan decided); the unit's
attendance uploaded; the month computed by a real worker on Redis; the amounts read back,
downloaded as XLSX by the ADMIN_UNIT with the same numbers; a corrected attendance file
recomputes the month and keeps the previous result in history."""

import asyncio
from datetime import date

import orjson

from ekinerja_graphql.auth import mint_token
from ekinerja_graphql.models import Tukin, TukinRiwayat
from tests.api.test_ekspor import read_xlsx, ringkasan
from tests.services.tukin.support import berkas, bulan_penuh, hari_kerja_oktober
from tests.support.graphql import operation
from tests.support.kementerian import build_kementerian
from tests.support.workers import drain, running_worker
from tests.support.workflow_api import TAHUN, Client, draft_skp, gid, penilaian, submit_and_approve

SEPTEMBER = date(TAHUN, 9, 1)
BULAN = f"{TAHUN}-09"


async def upload(api: Client, who, content: bytes) -> dict:
    operations = {"query": operation("ImporAbsensi"), "variables": {"berkas": None}}
    response = await api.http.post("/graphql", headers={
        "Authorization": f"Bearer {mint_token(who.nip, api.settings)}"},
        data={"operations": orjson.dumps(operations).decode(),
              "map": orjson.dumps({"0": ["variables.berkas"]}).decode()},
        files={"0": ("september.csv", content, "text/csv")})  # fmt: skip
    assert response.status_code == 200, response.text
    payload = response.json()
    assert "errors" not in payload, payload["errors"]
    found = payload["data"]["imporAbsensi"]
    return {"baris": found["baris"], "diganti": found["diganti"]}


async def test_a_month_of_tukin_from_attendance_to_the_treasurers_xlsx(empty_db, redis_settings):
    k = await build_kementerian()
    api = Client(redis_settings)

    # --- The chain's SKPs: H (for the Menteri, ADMIN_PUSAT approves), P, then S1 and S2.
    h_skp, h_version, h_rhk = await draft_skp(api, k.h, None, perspektif="PENERIMA_LAYANAN")
    await submit_and_approve(api, k.h, k.admin_pusat, h_skp, h_version)
    p_skp, p_version, p_rhk = await draft_skp(api, k.p, h_rhk)
    await submit_and_approve(api, k.p, k.h, p_skp, p_version)
    skp = {}
    for who in (k.s1, k.s2):
        skp_id, version, _ = await draft_skp(api, who, p_rhk)
        await submit_and_approve(api, who, k.p, skp_id, version)
        skp[who.nip] = skp_id

    # --- TW3 (July–September): S1 SANGAT_BAIK, S2 BAIK; fixed; each objects, the atasan
    # (H) refuses, and the predikat is FINAL — what tukin uses.
    rated = (await api.call(k.p, "NilaiEvaluasiMassal", items=[
        penilaian(skp[k.s1.nip], "TRIWULANAN", 3, "DI_ATAS_EKSPEKTASI", "DI_ATAS_EKSPEKTASI"),
        penilaian(skp[k.s2.nip], "TRIWULANAN", 3)]))["nilaiEvaluasiMassal"]  # fmt: skip
    assert [e["predikat"] for e in rated["evaluasi"]] == ["SANGAT_BAIK", "BAIK"]
    fixed = (await api.call(k.p, "TetapkanEvaluasi", items=[
        {"id": e["id"], "version": e["version"]} for e in rated["evaluasi"]]))[
        "tetapkanEvaluasi"]  # fmt: skip
    for who, evaluasi in zip((k.s1, k.s2), fixed, strict=True):
        objected = (await api.call(who, "AjukanKeberatan", id=evaluasi["id"],
                                   version=evaluasi["version"], alasan="Mohon ditinjau"))[
            "ajukanKeberatan"]  # fmt: skip
        final = (await api.call(k.h, "PutuskanKeberatan", id=evaluasi["id"],
                                version=objected["version"], input={
                                    "keputusan": "DITOLAK", "catatan": "Penilaian tepat"}))[
            "putuskanKeberatan"]  # fmt: skip
        assert final["status"] == "FINAL"

    # --- Attendance for September, uploaded by the Kanwil's ADMIN_UNIT: S1 always on time;
    # S2 45 minutes late twice (1 % each) and one day TK (3 %); S3 none at all.
    days = hari_kerja_oktober(SEPTEMBER)
    assert len(days) == 22
    s2_rows = bulan_penuh(k.s2.nip, days)
    s2_rows[0] = f"{k.s2.nip},{days[0]},08:15,16:05,HADIR"
    s2_rows[1] = f"{k.s2.nip},{days[1]},08:15,16:05,HADIR"
    s2_rows[2] = f"{k.s2.nip},{days[2]},,,TK"
    imported = await upload(api, k.admin_unit, berkas(*bulan_penuh(k.s1.nip, days), *s2_rows))
    assert imported == {"baris": 44, "diganti": 0}

    # --- The month, computed by a worker; progress read back as ADMIN_PUSAT.
    with running_worker(redis_settings) as worker:
        run = (await api.call(k.admin_pusat, "MulaiHitungTukin", bulan=BULAN))[
            "mulaiHitungTukin"]  # fmt: skip
        await asyncio.to_thread(drain, worker, "tukin")
        done = (await api.call(k.admin_pusat, "TukinRun", id=run["id"]))["tukinRun"]
        assert (done["status"], done["done"], done["total"]) == ("SUCCEEDED", 8, 8)

        # S1: kelas 8, SANGAT_BAIK: 60 % × 100 % + 40 % = 100 % of Rp 3,319,000.
        s1 = (await api.call(k.s1, "TukinSaya", bulan=BULAN))["me"]["tukin"]
        assert (s1["jumlah"], s1["provisional"], s1["kelas"]) == (3_319_000, False, 8)
        assert s1["masukan"]["predikat"] == "SANGAT_BAIK"
        # S2: kelas 6, BAIK: 100 % − 2 × 1 % − 3 % = 95 % of Rp 2,702,000 = Rp 2,566,900.
        s2 = (await api.call(k.s2, "TukinSaya", bulan=BULAN))["me"]["tukin"]
        assert (s2["jumlah"], s2["provisional"]) == (2_566_900, False)
        lines = [(line["kode"], line["persen"]) for line in s2["rincian"]]
        assert ("TERLAMBAT", "-2") in lines and ("TK", "-3") in lines
        # S3: no final evaluation, no attendance: 60 % × 65 % + 40 % = 79 %, provisional.
        s3 = (await api.call(k.s3, "TukinSaya", bulan=BULAN))["me"]["tukin"]
        assert s3["provisional"] is True
        denied = await api.error(k.p, "query($n: String!) { pegawai(nip: $n) { tukin(bulan: "
                                 f'"{TAHUN}-09") {{ jumlah }} }} }}', n=k.s1.nip)  # fmt: skip
        assert denied["extensions"]["code"] == "FORBIDDEN"

        # --- The treasurer's XLSX of the Kanwil, as its ADMIN_UNIT: the rekap's numbers.
        response = await api.http.get(
            "/ekspor/tukin.xlsx", params={"bulan": f"{TAHUN}-09",
                                          "unitId": gid("UnitOrganisasi", k.kanwil)},
            headers={"Authorization": f"Bearer {mint_token(k.admin_unit.nip, api.settings)}"})
        assert response.status_code == 200
        rows, total = ringkasan(read_xlsx(response.content))
        rekap = (await api.call(k.admin_unit, "TukinRekap", bulan=BULAN,
                                unitId=gid("UnitOrganisasi", k.kanwil)))["tukinRekap"]
        in_db = sum(await Tukin.filter(unit__path__startswith=k.kanwil.path).values_list(
            "jumlah", flat=True))  # fmt: skip
        assert int(total[4]) == int(rekap["jumlah"]) == in_db
        assert int(total[3]) == rekap["pegawai"] == sum(int(r["pegawai"]) for r in rows)

        # --- A corrected file: S2's first day was on time. The month is recomputed (the
        # mutation queues the stale sweep), the previous result kept in history.
        corrected = await upload(api, k.admin_unit, berkas(
            f"{k.s2.nip},{days[0]},07:25,16:05,HADIR"))  # fmt: skip
        assert corrected == {"baris": 1, "diganti": 1}
        await asyncio.to_thread(drain, worker, "tukin")
    s2 = (await api.call(k.s2, "TukinSaya", bulan=BULAN))["me"]["tukin"]
    assert s2["jumlah"] == 2_593_920  # 96 % of Rp 2,702,000
    history = await TukinRiwayat.filter(pegawai_id=k.s2.id).values_list("jumlah", flat=True)
    assert history == [2_566_900]
