"""One unit through a whole year of PermenPANRB 6/2022, over HTTP with each role's token and
the client operations of schema/operations: SKPs drafted, cascaded, one returned once and
approved; a mutasi mid-year; realisasi; four quarterly and one annual evaluation; the
organisation predikat; the curve checked (one violation, then fixed); penetapan; one
keberatan decided, FINAL and queued for SIASN."""


from strawberry.relay import from_base64

from ekinerja_graphql.models import AuditLog, Evaluasi, SiasnOutbox
from tests.support.kementerian import build_kementerian
from tests.support.workflow_api import (
    TAHUN,
    Client,
    draft_skp,
    gid,
    penilaian,
    submit_and_approve,
)

QUARTERS = [("TRIWULANAN", n) for n in (1, 2, 3, 4)]


async def test_one_unit_through_a_whole_year(empty_db, test_settings):
    k = await build_kementerian()
    api = Client(test_settings)

    # --- Planning: the chain cascades from the Kakanwil down to the staff.
    h_skp, h_version, h_rhk = await draft_skp(api, k.h, None, perspektif="PENERIMA_LAYANAN")
    created = await api.call(k.h, f"{{ me {{ skp(tahun: {TAHUN}) {{ statusPenilai "
                             "pejabatPenilaiNonAsn { jabatan } } } }")  # fmt: skip
    assert created["me"]["skp"]["statusPenilai"] == "NON_ASN"  # the Menteri rates the Kakanwil
    # The Menteri does not sign in: ADMIN_PUSAT approves on their behalf.
    await submit_and_approve(api, k.h, k.admin_pusat, h_skp, h_version)

    p_skp, p_version, p_rhk = await draft_skp(api, k.p, h_rhk)
    await submit_and_approve(api, k.p, k.h, p_skp, p_version)
    p2_skp, p2_version, p2_rhk = await draft_skp(api, k.p2, h_rhk)
    await submit_and_approve(api, k.p2, k.h, p2_skp, p2_version)

    staff = {}
    for who in (k.s1, k.s2, k.s3):
        staff[who.nip] = await draft_skp(api, who, p_rhk)
    s1_skp, s1_version, s1_rhk = staff[k.s1.nip]
    s2_skp, s2_version, _ = staff[k.s2.nip]
    s3_skp, s3_version, _ = staff[k.s3.nip]

    # An UTAMA RHK of a JA must cascade: without rhkAtasan the draft cannot be submitted.
    lonely = (await api.call(k.s2, "TambahRhk", skpId=s2_skp, input={
        "jenis": "UTAMA", "uraian": "RHK tanpa intervensi"}))["tambahRhk"]  # fmt: skip
    error = await api.error(k.s2, "AjukanSkp", id=s2_skp, version=s2_version)
    assert error["extensions"]["code"] == "BAD_USER_INPUT" and "rhkAtasanId" in error["message"]
    await api.call(k.s2, "mutation($id: ID!, $v: Int!) { hapusRhk(id: $id, version: $v) }",
                   id=lonely["id"], v=lonely["version"])  # fmt: skip

    # The penilai writes an expectation, the pegawai submits, the penilai returns it once.
    await api.call(k.p, "UbahEkspektasiKhusus", skpId=s2_skp, nilai="AKUNTABEL", version=1,
                   ekspektasi="Laporan tepat waktu setiap bulan")  # fmt: skip
    submitted = (await api.call(k.s2, "AjukanSkp", id=s2_skp, version=s2_version))["ajukanSkp"]
    returned = (await api.call(k.p, "KembalikanSkp", id=s2_skp, version=submitted["version"],
                               catatan="Target kuantitas terlalu rendah"))["kembalikanSkp"]
    assert returned["status"] == "DRAFT"
    assert returned["riwayat"][-1] == {"aksi": "KEMBALIKAN_SKP", "keStatus": "DRAFT",
                                       "catatan": "Target kuantitas terlalu rendah"}  # fmt: skip
    # A stale version is CONFLICT with the current one.
    stale = await api.error(k.s2, "AjukanSkp", id=s2_skp, version=submitted["version"])
    assert stale["extensions"]["code"] == "CONFLICT"
    assert stale["extensions"]["currentVersion"] == returned["version"]
    await submit_and_approve(api, k.s2, k.p, s2_skp, returned["version"])
    s1_version = await submit_and_approve(api, k.s1, k.p, s1_skp, s1_version)
    await submit_and_approve(api, k.s3, k.p, s3_skp, s3_version)

    # --- Execution: realisasi with evidence; feedback on the RHK.
    indikator = (await api.call(k.s1, "SkpSaya", tahun=TAHUN))["me"]["skp"][
        "rencanaHasilKerja"][0]["indikator"][0]["id"]
    for jenis, nomor in QUARTERS:
        recorded = (await api.call(k.s1, "CatatRealisasi", indikatorId=indikator, input={
            "jenisPeriode": jenis, "nomorPeriode": nomor, "nilai": str(30 * nomor),
            "bukti": [f"https://bukti.example/tw{nomor}.pdf"]}))["catatRealisasi"]
        assert recorded["nilai"] == f"{30 * nomor}.00"
    await api.call(k.p, "TulisUmpanBalik", rhkId=s1_rhk, isi="Pertahankan capaian triwulan ini")

    # --- A mutasi mid-year: S3 moves to U2; the old SKP closes, a new draft opens.
    moved = (await api.call(k.admin_unit, "CatatMutasi", input={
        "pegawaiId": gid("Pegawai", k.s3), "tanggal": f"{TAHUN}-07-01",
        "unitId": gid("UnitOrganisasi", k.unit2),
        "jabatanId": gid("Jabatan", k.jabatan_pelaksana)}))["catatMutasi"]  # fmt: skip
    assert moved["status"] == "DRAFT" and moved["periodeAwal"] == f"{TAHUN}-07-01"
    assert moved["pejabatPenilai"]["nip"] == k.p2.nip
    rhk = (await api.call(k.s3, "TambahRhk", skpId=moved["id"], input={
        "jenis": "UTAMA", "uraian": "Terlaksananya layanan di Denpasar",
        "rhkAtasanId": p2_rhk}))["tambahRhk"]  # fmt: skip
    await api.call(k.s3, "TambahIndikator", rhkId=rhk["id"], input={
        "aspek": "KUANTITAS", "uraian": "Jumlah layanan", "targetNilai": "60",
        "targetSatuan": "layanan"})
    s3_new_version = await submit_and_approve(api, k.s3, k.p2, moved["id"], moved["version"])
    assert s3_new_version

    # --- Evaluation: the work queue shows what waits; bulk rating, all or nothing.
    queue = (await api.call(k.p, "AntrianPenilai"))["antrianPenilai"]
    assert queue["menungguPersetujuan"] == []
    items = [penilaian(s1_skp, j, n, hasil="DI_ATAS_EKSPEKTASI") for j, n in QUARTERS]
    items += [penilaian(s2_skp, j, n) for j, n in QUARTERS]
    items += [penilaian(s3_skp, "TRIWULANAN", n) for n in (1, 2)]  # the old SKP's quarters
    items += [penilaian(s3_skp, "TRIWULANAN", 4)]  # after the mutasi: not the old SKP's
    refused = (await api.call(k.p, "NilaiEvaluasiMassal", items=items))["nilaiEvaluasiMassal"]
    assert refused["evaluasi"] == []
    assert [(e["index"], e["field"]) for e in refused["kesalahan"]] == [
        (10, "items[10].nomorPeriode")]
    rated = (await api.call(k.p, "NilaiEvaluasiMassal", items=items[:10]))["nilaiEvaluasiMassal"]
    assert rated["kesalahan"] == [] and len(rated["evaluasi"]) == 10
    assert {e["predikat"] for e in rated["evaluasi"][:4]} == {"BAIK"}
    annual = [penilaian(s1_skp, "TAHUNAN", 1, "DI_ATAS_EKSPEKTASI", "DI_ATAS_EKSPEKTASI"),
              penilaian(s2_skp, "TAHUNAN", 1)]
    rated_annual = (await api.call(k.p, "NilaiEvaluasiMassal", items=annual))[
        "nilaiEvaluasiMassal"]["evaluasi"]
    p_annual = (await api.call(k.h, "NilaiEvaluasiMassal", items=[penilaian(
        p_skp, "TAHUNAN", 1)]))["nilaiEvaluasiMassal"]["evaluasi"]  # fmt: skip

    # --- Organisation predikat by the leader one level up (H rates P, the head of U).
    unit_id = gid("UnitOrganisasi", k.unit)
    refused = await api.error(k.p, "TetapkanPredikatOrganisasi", unitId=unit_id, tahun=TAHUN,
                              jenisPeriode="TAHUNAN", nomorPeriode=1, predikat="BAIK")
    assert refused["extensions"]["code"] == "FORBIDDEN"
    await api.call(k.h, "TetapkanPredikatOrganisasi", unitId=unit_id, tahun=TAHUN,
                   jenisPeriode="TAHUNAN", nomorPeriode=1, predikat="BAIK")  # fmt: skip

    # --- The curve: BAIK asks for at least one BUTUH_PERBAIKAN or KURANG; there is none.
    curve = (await api.call(k.p, "KurvaDistribusi", unitId=unit_id, tahun=TAHUN,
                            jenisPeriode="TAHUNAN", nomorPeriode=1))["kurvaDistribusi"]
    assert curve["bolehDitetapkan"] is False
    assert [v["kode"] for v in curve["pelanggaran"]] == ["ADA_SATU"]
    s1_annual, s2_annual = rated_annual
    blocked = await api.error(k.p, "TetapkanEvaluasi", items=[
        {"id": s1_annual["id"], "version": s1_annual["version"]}])
    assert blocked["extensions"]["code"] == "CONFLICT"
    assert blocked["extensions"]["violations"] == ["ADA_SATU"]
    # Fixed: S2's year was below expectations after all.
    s2_annual = (await api.call(k.p, "NilaiEvaluasiMassal", items=[penilaian(
        s2_skp, "TAHUNAN", 1, hasil="DI_BAWAH_EKSPEKTASI", version=s2_annual["version"])]))[
        "nilaiEvaluasiMassal"]["evaluasi"][0]  # fmt: skip
    assert s2_annual["predikat"] == "BUTUH_PERBAIKAN"
    curve = (await api.call(k.p, "KurvaDistribusi", unitId=unit_id, tahun=TAHUN,
                            jenisPeriode="TAHUNAN", nomorPeriode=1))["kurvaDistribusi"]
    assert curve["bolehDitetapkan"] is True and curve["pelanggaran"] == []

    # --- Penetapan of the year and the quarters.
    to_fix = [{"id": e["id"], "version": e["version"]}
              for e in (*rated["evaluasi"], s1_annual, s2_annual)]  # fmt: skip
    fixed = (await api.call(k.p, "TetapkanEvaluasi", items=to_fix))["tetapkanEvaluasi"]
    assert {e["status"] for e in fixed} == {"DITETAPKAN"}
    await api.call(k.h, "TetapkanEvaluasi", items=[
        {"id": p_annual[0]["id"], "version": p_annual[0]["version"]}])

    # --- One keberatan: S1 objects to TW1, the atasan (H) decides; FINAL, queued for SIASN.
    tw1 = next(e for e in fixed if e["id"] == rated["evaluasi"][0]["id"])
    objected = (await api.call(k.s1, "AjukanKeberatan", id=tw1["id"], version=tw1["version"],
                               alasan="Capaian triwulan I melampaui target"))["ajukanKeberatan"]
    assert objected["status"] == "KEBERATAN"
    not_penilai = await api.error(k.p, "PutuskanKeberatan", id=tw1["id"],
                                  version=objected["version"], input={
                                      "keputusan": "DITOLAK", "catatan": "Tetap"})
    assert not_penilai["extensions"]["code"] == "FORBIDDEN"
    final = (await api.call(k.h, "PutuskanKeberatan", id=tw1["id"], version=objected["version"],
                            input={"keputusan": "DITERIMA", "catatan": "Bukti dukung lengkap",
                                   "ratingHasilKerja": "DI_ATAS_EKSPEKTASI",
                                   "ratingPerilakuKerja": "DI_ATAS_EKSPEKTASI"}))[
        "putuskanKeberatan"]  # fmt: skip
    assert final["status"] == "FINAL" and final["predikat"] == "SANGAT_BAIK"
    assert final["keberatan"]["predikatSemula"] == "BAIK"
    assert [r["aksi"] for r in final["riwayat"]] == [
        "NILAI_EVALUASI", "TETAPKAN_EVALUASI", "AJUKAN_KEBERATAN", "PUTUSKAN_KEBERATAN"]
    # Every fixed evaluation went to the SIASN outbox at penetapan, once; the decided one
    # is queued again with its new predikat.
    fixed = await Evaluasi.filter(status__in=["DITETAPKAN", "KEBERATAN", "FINAL"]).count()
    assert await SiasnOutbox.all().count() == fixed
    assert await SiasnOutbox.filter(evaluasi_id=int(from_base64(tw1["id"])[1])).values_list(
        "jenis", "status") == [("KINERJA_PERIODIK", "PENDING")]  # fmt: skip

    # --- Everything is in the audit log, readable by admins only.
    entries = (await api.call(k.admin_pusat, "AuditLog", pegawaiId=gid("Pegawai", k.s1)))[
        "auditLog"]["nodes"]  # fmt: skip
    actions = {entry["action"] for entry in entries}
    assert {"buatSkp", "tambahRhk", "ajukanSkp", "setujuiSkp", "catatRealisasi",
            "nilaiEvaluasiMassal", "tetapkanEvaluasi", "ajukanKeberatan",
            "putuskanKeberatan"} <= actions  # fmt: skip
    assert await AuditLog.filter(action="catatMutasi").count() == 3
    denied = await api.error(k.s1, "AuditLog")
    assert denied["extensions"]["code"] == "FORBIDDEN"

