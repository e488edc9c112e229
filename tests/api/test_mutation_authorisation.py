"""Every workflow mutation × every person of a small ministry, over HTTP with their tokens:
only the roles spec/domain.md §8 gives the step (domain/workflow.BOLEH) take it, everyone
else is FORBIDDEN and nothing is written. Each step is tried on a record in the state in
which it is legal, so a refusal can only come from the caller's role.

The record is S2's (pejabat penilai P, atasan pejabat penilai H, in a unit of the Kanwil
that ADMIN_UNIT administers), except where a pejabat negara stands in the chain: the
Menteri rates H, so ADMIN_PUSAT acts for them."""

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

import pytest

from ekinerja_graphql.domain.akses import Peran
from ekinerja_graphql.domain.workflow import BOLEH, Aksi, boleh
from ekinerja_graphql.models import AuditLog, Evaluasi
from tests.conftest import truncate_all
from tests.support.kementerian import Kementerian, build_kementerian
from tests.support.workflow_api import (
    TAHUN,
    Client,
    draft_skp,
    gid,
    penilaian,
    submit_and_approve,
)

PEOPLE = ("H", "P", "P2", "S1", "S2", "S3", "ADMIN_PUSAT", "ADMIN_UNIT")
P = Peran
TOWARDS_S2 = {"S2": {P.PEGAWAI}, "P": {P.PENILAI}, "H": {P.ATASAN_PENILAI},
              "ADMIN_UNIT": {P.ADMIN_UNIT}, "ADMIN_PUSAT": {P.ADMIN_PUSAT}}  # fmt: skip
# H's records: the Menteri is H's pejabat penilai (and so atasan of P's).
TOWARDS_H = {"H": {P.PEGAWAI}, "ADMIN_UNIT": {P.ADMIN_UNIT}, "ADMIN_PUSAT": {P.ADMIN_PUSAT}}
TOWARDS_P = {"P": {P.PEGAWAI}, "H": {P.PENILAI}, "ADMIN_UNIT": {P.ADMIN_UNIT},
             "ADMIN_PUSAT": {P.ADMIN_PUSAT}}  # fmt: skip
# A unit's organisation predikat: the pejabat penilai of its head holds PENILAI.
TOWARDS_UNIT = {"H": {P.PENILAI}, "ADMIN_UNIT": {P.ADMIN_UNIT}, "ADMIN_PUSAT": {P.ADMIN_PUSAT}}
# The Kanwil's: its head H is rated by the Menteri.
TOWARDS_KANWIL = {"ADMIN_UNIT": {P.ADMIN_UNIT}, "ADMIN_PUSAT": {P.ADMIN_PUSAT}}


@dataclass
class Chain:
    """The SKPs of H, P and S2 drafted in cascade, and what later steps need."""

    api: Client
    k: Kementerian
    ids: dict = field(default_factory=dict)


async def drafted(api: Client, k: Kementerian) -> Chain:
    chain = Chain(api, k)
    h_skp, h_version, h_rhk = await draft_skp(api, k.h, None, perspektif="PENERIMA_LAYANAN")
    p_skp, p_version, p_rhk = await draft_skp(api, k.p, h_rhk)
    s2_skp, s2_version, s2_rhk = await draft_skp(api, k.s2, p_rhk)
    s2 = (await api.call(k.s2, SKP_PARTS, tahun=TAHUN))["me"]["skp"]
    rhk = s2["rencanaHasilKerja"][0]
    chain.ids.update(h_skp=h_skp, h_version=h_version, p_skp=p_skp, p_version=p_version,
                     skp=s2_skp, version=s2_version, rhk=rhk["id"], rhk_version=rhk["version"],
                     indikator=rhk["indikator"][0]["id"],
                     indikator_version=rhk["indikator"][0]["version"])  # fmt: skip
    return chain


SKP_PARTS = """query($tahun: Int!) { me { skp(tahun: $tahun) { rencanaHasilKerja {
    id version indikator { id version } } } } }"""


async def diajukan(api: Client, k: Kementerian) -> Chain:
    chain = await drafted(api, k)
    submitted = (await api.call(k.s2, "AjukanSkp", id=chain.ids["skp"],
                                version=chain.ids["version"]))["ajukanSkp"]  # fmt: skip
    chain.ids["version"] = submitted["version"]
    return chain


async def disetujui(api: Client, k: Kementerian) -> Chain:
    chain = await drafted(api, k)
    chain.ids["version"] = await submit_and_approve(api, k.s2, k.p, chain.ids["skp"],
                                                    chain.ids["version"])  # fmt: skip
    return chain


async def h_diajukan(api: Client, k: Kementerian) -> Chain:
    chain = await drafted(api, k)
    submitted = (await api.call(k.h, "AjukanSkp", id=chain.ids["h_skp"],
                                version=chain.ids["h_version"]))["ajukanSkp"]  # fmt: skip
    chain.ids["h_version"] = submitted["version"]
    return chain


RATE = """mutation($input: PenilaianInput!) { nilaiEvaluasi(input: $input) { id version } }"""


async def dinilai(api: Client, k: Kementerian) -> Chain:
    chain = await disetujui(api, k)
    rated = (await api.call(k.p, RATE, input=penilaian(chain.ids["skp"], "TRIWULANAN", 1)))[
        "nilaiEvaluasi"]  # fmt: skip
    chain.ids.update(evaluasi=rated["id"], evaluasi_version=rated["version"])
    return chain


async def ditetapkan(api: Client, k: Kementerian) -> Chain:
    chain = await dinilai(api, k)
    (fixed,) = (await api.call(k.p, "TetapkanEvaluasi", items=[
        {"id": chain.ids["evaluasi"], "version": chain.ids["evaluasi_version"]}]))[
        "tetapkanEvaluasi"]  # fmt: skip
    chain.ids["evaluasi_version"] = fixed["version"]
    return chain


async def window_passed(api: Client, k: Kementerian) -> Chain:
    chain = await ditetapkan(api, k)
    long_ago = datetime.now(UTC) - timedelta(days=60)
    await Evaluasi.filter(status="DITETAPKAN").update(ditetapkan_at=long_ago)
    return chain


async def keberatan(api: Client, k: Kementerian) -> Chain:
    chain = await ditetapkan(api, k)
    filed = (await api.call(k.s2, "AjukanKeberatan", id=chain.ids["evaluasi"],
                            version=chain.ids["evaluasi_version"],
                            alasan="Realisasi melampaui target"))["ajukanKeberatan"]  # fmt: skip
    chain.ids["evaluasi_version"] = filed["version"]
    return chain


async def p_keberatan(api: Client, k: Kementerian) -> Chain:
    """A keberatan on P's evaluation: its atasan pejabat penilai is the Menteri."""
    chain = await drafted(api, k)
    await submit_and_approve(api, k.h, k.admin_pusat, chain.ids["h_skp"], chain.ids["h_version"])
    await submit_and_approve(api, k.p, k.h, chain.ids["p_skp"], chain.ids["p_version"])
    rated = (await api.call(k.h, RATE, input=penilaian(chain.ids["p_skp"], "TRIWULANAN", 1)))[
        "nilaiEvaluasi"]  # fmt: skip
    (fixed,) = (await api.call(k.h, "TetapkanEvaluasi", items=[
        {"id": rated["id"], "version": rated["version"]}]))["tetapkanEvaluasi"]  # fmt: skip
    filed = (await api.call(k.p, "AjukanKeberatan", id=rated["id"], version=fixed["version"],
                            alasan="Realisasi melampaui target"))["ajukanKeberatan"]  # fmt: skip
    chain.ids.update(evaluasi=rated["id"], evaluasi_version=filed["version"])
    return chain


SET_PREDIKAT = """mutation($unitId: ID!, $tahun: Int!) { tetapkanPredikatOrganisasi(
    unitId: $unitId, tahun: $tahun, jenisPeriode: TRIWULANAN, nomorPeriode: 1,
    predikat: BAIK) { id version } }"""


async def predikat_unit(api: Client, k: Kementerian) -> Chain:
    chain = await drafted(api, k)
    row = (await api.call(k.h, SET_PREDIKAT, unitId=gid("UnitOrganisasi", k.unit), tahun=TAHUN))[
        "tetapkanPredikatOrganisasi"]  # fmt: skip
    chain.ids.update(predikat=row["id"], predikat_version=row["version"])
    return chain


def _ids(chain: Chain, **names: str) -> dict:
    """Variables from the chain's ids: variable name -> id name."""
    return {variable: chain.ids[name] for variable, name in names.items()}


@dataclass(frozen=True)
class Step:
    name: str
    aksi: Aksi
    prepare: Callable[[Client, Kementerian], Awaitable[Chain]]
    mutation: str
    variables: Callable[[Chain], dict]
    roles: dict[str, set[Peran]] = field(default_factory=lambda: TOWARDS_S2)
    negara: frozenset[Peran] = frozenset()  # the roles towards the record a pejabat negara holds

    @property
    def field(self) -> str:
        """The mutation's field, the action its audit rows are written under."""
        return re.search(r"\{ (\w+)\(", self.mutation).group(1)


RHK_INPUT = {"jenis": "TAMBAHAN", "uraian": "Membina kegiatan keagamaan"}
INDIKATOR_INPUT = {"aspek": "KUALITAS", "uraian": "Mutu layanan", "targetDeskripsi": "Baik"}
LAMPIRAN = {"dukunganSumberDaya": ["Anggaran DIPA"], "skemaPertanggungjawaban": ["Laporan"],
            "konsekuensi": ["Teguran"]}  # fmt: skip

STEPS = [
    Step("tambahRhk", Aksi.UBAH_SKP, drafted,
         "mutation($s: ID!, $i: RhkInput!) { tambahRhk(skpId: $s, input: $i) { id } }",
         lambda c: {"s": c.ids["skp"], "i": RHK_INPUT}),
    Step("ubahRhk", Aksi.UBAH_SKP, drafted,
         "mutation($id: ID!, $v: Int!, $i: RhkInput!) { ubahRhk(id: $id, version: $v, input: $i)"
         " { id } }",
         lambda c: {**_ids(c, id="rhk", v="rhk_version"), "i": RHK_INPUT}),
    Step("hapusRhk", Aksi.UBAH_SKP, drafted,
         "mutation($id: ID!, $v: Int!) { hapusRhk(id: $id, version: $v) }",
         lambda c: _ids(c, id="rhk", v="rhk_version")),
    Step("tambahIndikator", Aksi.UBAH_SKP, drafted,
         "mutation($r: ID!, $i: IndikatorInput!) { tambahIndikator(rhkId: $r, input: $i) { id } }",
         lambda c: {"r": c.ids["rhk"], "i": INDIKATOR_INPUT}),
    Step("ubahIndikator", Aksi.UBAH_SKP, drafted,
         "mutation($id: ID!, $v: Int!, $i: IndikatorInput!) { ubahIndikator(id: $id, "
         "version: $v, input: $i) { id } }",
         lambda c: {**_ids(c, id="indikator", v="indikator_version"), "i": {
             "aspek": "KUANTITAS", "uraian": "Jumlah", "targetNilai": "10",
             "targetSatuan": "dokumen"}}),
    Step("hapusIndikator", Aksi.UBAH_SKP, drafted,
         "mutation($id: ID!, $v: Int!) { hapusIndikator(id: $id, version: $v) }",
         lambda c: _ids(c, id="indikator", v="indikator_version")),
    Step("ubahLampiran", Aksi.UBAH_SKP, drafted,
         "mutation($id: ID!, $v: Int!, $i: LampiranInput!) { ubahLampiran(skpId: $id, "
         "version: $v, input: $i) { id } }",
         lambda c: {**_ids(c, id="skp", v="version"), "i": LAMPIRAN}),
    Step("ubahEkspektasiKhusus", Aksi.EKSPEKTASI_KHUSUS, drafted,
         "mutation($s: ID!) { ubahEkspektasiKhusus(skpId: $s, nilai: KOLABORATIF, version: 1, "
         "ekspektasiKhusus: \"Aktif dalam tim\") { nilai } }",
         lambda c: {"s": c.ids["skp"]}),
    Step("ajukanSkp", Aksi.AJUKAN_SKP, drafted,
         "mutation($id: ID!, $v: Int!) { ajukanSkp(id: $id, version: $v) { status } }",
         lambda c: _ids(c, id="skp", v="version")),
    Step("setujuiSkp", Aksi.SETUJUI_SKP, diajukan,
         "mutation($id: ID!, $v: Int!) { setujuiSkp(id: $id, version: $v) { status } }",
         lambda c: _ids(c, id="skp", v="version")),
    Step("setujuiSkp of H", Aksi.SETUJUI_SKP, h_diajukan,
         "mutation($id: ID!, $v: Int!) { setujuiSkp(id: $id, version: $v) { status } }",
         lambda c: _ids(c, id="h_skp", v="h_version"),
         roles=TOWARDS_H, negara=frozenset({P.PENILAI})),
    Step("kembalikanSkp", Aksi.KEMBALIKAN_SKP, diajukan,
         "mutation($id: ID!, $v: Int!) { kembalikanSkp(id: $id, version: $v, "
         "catatan: \"Lengkapi target\") { status } }",
         lambda c: _ids(c, id="skp", v="version")),
    Step("revisiSkp", Aksi.REVISI_SKP, disetujui,
         "mutation($id: ID!, $v: Int!) { revisiSkp(id: $id, version: $v, "
         "catatan: \"Target berubah\") { status } }",
         lambda c: _ids(c, id="skp", v="version")),
    Step("catatMutasi", Aksi.CATAT_MUTASI, disetujui,
         "mutation($i: MutasiInput!) { catatMutasi(input: $i) { id } }",
         lambda c: {"i": {"pegawaiId": gid("Pegawai", c.k.s2), "tanggal": date(TAHUN, 7, 1)
                          .isoformat(), "unitId": gid("UnitOrganisasi", c.k.unit2),
                          "jabatanId": gid("Jabatan", c.k.jabatan_pelaksana)}}),  # fmt: skip
    Step("catatRealisasi", Aksi.CATAT_REALISASI, disetujui,
         "mutation($i: ID!) { catatRealisasi(indikatorId: $i, input: {jenisPeriode: TRIWULANAN,"
         " nomorPeriode: 1, nilai: \"30\"}) { id } }",
         lambda c: {"i": c.ids["indikator"]}),
    Step("tulisUmpanBalik", Aksi.TULIS_UMPAN_BALIK, disetujui,
         "mutation($r: ID!) { tulisUmpanBalik(rhkId: $r, isi: \"Pertahankan\") { isi } }",
         lambda c: {"r": c.ids["rhk"]}),
    Step("nilaiEvaluasi", Aksi.NILAI_EVALUASI, disetujui, RATE,
         lambda c: {"input": penilaian(c.ids["skp"], "TRIWULANAN", 1)}),
    Step("nilaiEvaluasiMassal", Aksi.NILAI_EVALUASI, disetujui,
         "mutation($items: [PenilaianInput!]!) { nilaiEvaluasiMassal(items: $items) { "
         "evaluasi { id } kesalahan { code } } }",
         lambda c: {"items": [penilaian(c.ids["skp"], "TRIWULANAN", 1)]}),
    Step("tetapkanEvaluasi", Aksi.TETAPKAN_EVALUASI, dinilai,
         "mutation($id: ID!, $v: Int!) { tetapkanEvaluasi(items: [{id: $id, version: $v}]) "
         "{ status } }",
         lambda c: _ids(c, id="evaluasi", v="evaluasi_version")),
    Step("ajukanKeberatan", Aksi.AJUKAN_KEBERATAN, ditetapkan,
         "mutation($id: ID!, $v: Int!) { ajukanKeberatan(id: $id, version: $v, "
         "alasan: \"Realisasi melampaui target\") { status } }",
         lambda c: _ids(c, id="evaluasi", v="evaluasi_version")),
    Step("putuskanKeberatan", Aksi.PUTUSKAN_KEBERATAN, keberatan,
         "mutation($id: ID!, $v: Int!) { putuskanKeberatan(id: $id, version: $v, input: "
         "{keputusan: DITOLAK, catatan: \"Sesuai bukti\"}) { status } }",
         lambda c: _ids(c, id="evaluasi", v="evaluasi_version")),
    Step("putuskanKeberatan of P", Aksi.PUTUSKAN_KEBERATAN, p_keberatan,
         "mutation($id: ID!, $v: Int!) { putuskanKeberatan(id: $id, version: $v, input: "
         "{keputusan: DITOLAK, catatan: \"Sesuai bukti\"}) { status } }",
         lambda c: _ids(c, id="evaluasi", v="evaluasi_version"),
         roles=TOWARDS_P, negara=frozenset({P.ATASAN_PENILAI})),
    Step("finalkanEvaluasi", Aksi.FINALKAN_EVALUASI, window_passed,
         "mutation($id: ID!, $v: Int!) { finalkanEvaluasi(id: $id, version: $v) { status } }",
         lambda c: _ids(c, id="evaluasi", v="evaluasi_version")),
    Step("tetapkanPredikatOrganisasi", Aksi.TETAPKAN_PREDIKAT_ORGANISASI, drafted,
         SET_PREDIKAT,
         lambda c: {"unitId": gid("UnitOrganisasi", c.k.unit), "tahun": TAHUN},
         roles=TOWARDS_UNIT),
    Step("tetapkanPredikatOrganisasi of the Kanwil", Aksi.TETAPKAN_PREDIKAT_ORGANISASI,
         drafted, SET_PREDIKAT,
         lambda c: {"unitId": gid("UnitOrganisasi", c.k.kanwil), "tahun": TAHUN},
         roles=TOWARDS_KANWIL, negara=frozenset({P.PENILAI})),
    Step("catatOverrideKurva", Aksi.CATAT_OVERRIDE_KURVA, predikat_unit,
         "mutation($id: ID!, $v: Int!) { catatOverrideKurva(id: $id, version: $v, "
         "alasan: \"Unit kecil\") { overrideAlasan } }",
         lambda c: _ids(c, id="predikat", v="predikat_version"), roles=TOWARDS_UNIT),
]  # fmt: skip


def allowed(step: Step) -> list[str]:
    return [who for who in PEOPLE
            if boleh(step.aksi, frozenset(step.roles.get(who, ())), step.negara)]  # fmt: skip


def test_every_workflow_step_is_tried():
    """Every Aksi but BUAT_SKP (always one's own: buatSkp takes no pegawai) has a row."""
    assert {step.aksi for step in STEPS} == set(BOLEH) - {Aksi.BUAT_SKP}
    assert all(allowed(step) for step in STEPS)


async def last_audit_id() -> int:
    last = await AuditLog.all().order_by("-id").first()
    return last.id if last else 0


def refusal_code(payload: dict) -> str | None:
    if "errors" in payload:
        return payload["errors"][0]["extensions"]["code"]
    bulk = (payload["data"] or {}).get("nilaiEvaluasiMassal")
    return bulk["kesalahan"][0]["code"] if bulk and bulk["kesalahan"] else None


@pytest.mark.parametrize("step", STEPS, ids=lambda step: step.name)
async def test_only_the_roles_of_section_8_take_the_step(empty_db, test_settings, step):
    api = Client(test_settings)
    k = await build_kementerian()
    chain = await step.prepare(api, k)
    permitted = allowed(step)
    written = await last_audit_id()
    for who in PEOPLE:
        if who in permitted:
            continue
        payload = await api.raw(k.everyone[who], step.mutation, **step.variables(chain))
        assert refusal_code(payload) == "FORBIDDEN", (who, payload)
        assert await last_audit_id() == written, who  # nothing written
    for n, who in enumerate(permitted):
        if n:  # the step has been taken: start again from a record in the legal state
            await truncate_all()
            k = await build_kementerian()
            chain = await step.prepare(api, k)
            written = await last_audit_id()
        payload = await api.raw(k.everyone[who], step.mutation, **step.variables(chain))
        assert "errors" not in payload and refusal_code(payload) is None, (who, payload)
        actions = await AuditLog.filter(id__gt=written).values_list("action", flat=True)
        assert actions and set(actions) == {step.field}, (who, actions)
