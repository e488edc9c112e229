"""Random sequences of workflow steps by random people, over HTTP, against a model of the
rules: each step succeeds exactly when the caller's role may take it (BOLEH, §8) and the
records' states allow it (SKP_TRANSISI, EVALUASI_TRANSISI); a refusal is FORBIDDEN for the
role and CONFLICT for the state, and changes nothing; the states in the database are always
the model's, so no sequence reaches a state the rules do not lead to."""

import itertools
from dataclasses import dataclass

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from ekinerja_graphql.domain.akses import Peran
from ekinerja_graphql.domain.evaluasi import StatusEvaluasi
from ekinerja_graphql.domain.skp import StatusSkp
from ekinerja_graphql.domain.workflow import EVALUASI_TRANSISI, SKP_TRANSISI, Aksi, boleh
from ekinerja_graphql.models import Evaluasi, EvaluasiRiwayat, Skp, SkpRiwayat
from tests.support.kementerian import add_pegawai, build_kementerian
from tests.support.workflow_api import Client, draft_skp, gid, penilaian

PEOPLE = ("H", "P", "P2", "S1", "PEGAWAI", "ADMIN_PUSAT", "ADMIN_UNIT")
P = Peran
ROLES = {"PEGAWAI": {P.PEGAWAI}, "P": {P.PENILAI}, "H": {P.ATASAN_PENILAI},
         "ADMIN_UNIT": {P.ADMIN_UNIT}, "ADMIN_PUSAT": {P.ADMIN_PUSAT}}  # fmt: skip
STEPS = (Aksi.UBAH_SKP, Aksi.AJUKAN_SKP, Aksi.SETUJUI_SKP, Aksi.KEMBALIKAN_SKP,
         Aksi.REVISI_SKP, Aksi.NILAI_EVALUASI, Aksi.TETAPKAN_EVALUASI, Aksi.AJUKAN_KEBERATAN,
         Aksi.PUTUSKAN_KEBERATAN, Aksi.FINALKAN_EVALUASI)  # fmt: skip
MUTATION = {
    Aksi.UBAH_SKP: "mutation($id: ID!, $v: Int!) { ubahLampiran(skpId: $id, version: $v, input: "
                   "{dukunganSumberDaya: [\"DIPA\"], skemaPertanggungjawaban: [], konsekuensi: []})"
                   " { id } }",
    Aksi.AJUKAN_SKP: "mutation($id: ID!, $v: Int!) { ajukanSkp(id: $id, version: $v) { id } }",
    Aksi.SETUJUI_SKP: "mutation($id: ID!, $v: Int!) { setujuiSkp(id: $id, version: $v) { id } }",
    Aksi.KEMBALIKAN_SKP: "mutation($id: ID!, $v: Int!) { kembalikanSkp(id: $id, version: $v, "
                         "catatan: \"Perbaiki\") { id } }",
    Aksi.REVISI_SKP: "mutation($id: ID!, $v: Int!) { revisiSkp(id: $id, version: $v, "
                     "catatan: \"Target berubah\") { id } }",
    Aksi.NILAI_EVALUASI: "mutation($input: PenilaianInput!) { nilaiEvaluasi(input: $input) "
                         "{ id } }",
    Aksi.TETAPKAN_EVALUASI: "mutation($id: ID!, $v: Int!) { tetapkanEvaluasi(items: "
                            "[{id: $id, version: $v}]) { id } }",
    Aksi.AJUKAN_KEBERATAN: "mutation($id: ID!, $v: Int!) { ajukanKeberatan(id: $id, "
                           "version: $v, alasan: \"Tidak sesuai\") { id } }",
    Aksi.PUTUSKAN_KEBERATAN: "mutation($id: ID!, $v: Int!) { putuskanKeberatan(id: $id, "
                             "version: $v, input: {keputusan: DITOLAK, catatan: \"Tetap\"}) "
                             "{ id } }",
    Aksi.FINALKAN_EVALUASI: "mutation($id: ID!, $v: Int!) { finalkanEvaluasi(id: $id, "
                            "version: $v) { id } }",
}  # fmt: skip


@dataclass
class Model:
    """What the rules say S's SKP and its first-quarter evaluation are."""

    skp: StatusSkp = StatusSkp.DRAFT
    evaluasi: StatusEvaluasi | None = None
    transitions: int = 1  # riwayat entries expected: buatSkp is the first

    def outcome(self, aksi: Aksi, who: str) -> str | None:
        """None when the step must succeed, else the error code it must get."""
        if not boleh(aksi, frozenset(ROLES.get(who, ()))):
            return "FORBIDDEN"
        if aksi in SKP_TRANSISI:
            return None if self.skp in SKP_TRANSISI[aksi] else "CONFLICT"
        if aksi is Aksi.NILAI_EVALUASI and self.skp is not StatusSkp.DISETUJUI:
            return "CONFLICT"
        if self.evaluasi not in EVALUASI_TRANSISI[aksi]:
            return "CONFLICT"
        if aksi is Aksi.FINALKAN_EVALUASI:
            return "CONFLICT"  # the keberatan window (today + keberatan_days) has not passed
        return None

    def take(self, aksi: Aksi) -> None:
        if aksi in SKP_TRANSISI:
            self.skp = SKP_TRANSISI[aksi][self.skp]
            self.transitions += aksi is not Aksi.UBAH_SKP  # edits are not workflow steps
        else:
            self.evaluasi = EVALUASI_TRANSISI[aksi][self.evaluasi]
            self.transitions += 1

    def legal(self) -> list[Aksi]:
        return [aksi for aksi in STEPS if self.outcome(aksi, _taker(aksi)) is None]


def _taker(aksi: Aksi) -> str:
    return next(who for who in PEOPLE if boleh(aksi, frozenset(ROLES.get(who, ()))))


async def _state(skp_id: int) -> tuple[Skp, Evaluasi | None]:
    skp = await Skp.get(id=skp_id)
    return skp, await Evaluasi.get_or_none(skp_id=skp_id, jenis_periode="TRIWULANAN",
                                           nomor_periode=1)  # fmt: skip


def _variables(aksi: Aksi, skp: Skp, evaluasi: Evaluasi | None) -> dict:
    if aksi in SKP_TRANSISI:
        return {"id": gid("Skp", skp), "v": skp.version}
    if aksi is Aksi.NILAI_EVALUASI:
        return {"input": penilaian(gid("Skp", skp), "TRIWULANAN", 1,
                                   version=evaluasi.version if evaluasi else None)}
    return {"id": gid("Evaluasi", evaluasi), "v": evaluasi.version}


MOSTLY = st.integers(0, 3).map(bool)  # true three times in four


@pytest.fixture
async def world(empty_db, test_settings):
    """The ministry with H's and P's drafts, shared by the examples; each adds a pegawai."""
    api = Client(test_settings)
    k = await build_kementerian()
    _, _, h_rhk = await draft_skp(api, k.h, None, perspektif="PENERIMA_LAYANAN")
    _, _, p_rhk = await draft_skp(api, k.p, h_rhk)
    return api, k, p_rhk, itertools.count(1)


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
async def test_no_sequence_leaves_the_rules(world, data):
    api, k, p_rhk, numbers = world
    # A new staff member of P's unit per example: their SKP starts as a fresh DRAFT.
    n = next(numbers)
    pegawai = await add_pegawai(f"19900101201501{1}{n:03d}", f"Staf {n}", k.unit,
                                k.jabatan_pelaksana, pejabat_penilai=k.p)  # fmt: skip
    people = {**k.everyone, "PEGAWAI": pegawai}
    await draft_skp(api, pegawai, p_rhk)
    skp_id = (await Skp.get(pegawai_id=pegawai.id)).id
    model = Model()
    for _ in range(data.draw(st.integers(10, 25), label="steps")):
        legal = model.legal()
        # Mostly legal steps by their taker, so that sequences get deep; any step, anyone.
        aksi = data.draw(st.sampled_from(legal) if legal and data.draw(MOSTLY)
                         else st.sampled_from(STEPS), label="aksi")  # fmt: skip
        skp, evaluasi = await _state(skp_id)
        if evaluasi is None and aksi in EVALUASI_TRANSISI and aksi is not Aksi.NILAI_EVALUASI:
            continue  # nothing to address the step to
        who = _taker(aksi) if data.draw(MOSTLY) else data.draw(st.sampled_from(PEOPLE))
        expected = model.outcome(aksi, who)
        before = (skp.version, evaluasi.version if evaluasi else None)
        payload = await api.raw(people[who], MUTATION[aksi], **_variables(aksi, skp, evaluasi))
        got = payload["errors"][0]["extensions"]["code"] if "errors" in payload else None
        assert got == expected, (aksi, who, model, payload)
        skp, evaluasi = await _state(skp_id)
        if expected is None:
            model.take(aksi)
        else:
            assert (skp.version, evaluasi.version if evaluasi else None) == before
        assert (skp.status, evaluasi.status if evaluasi else None) == (model.skp, model.evaluasi)
    event(f"evaluasi reached {model.evaluasi}")
    riwayat = (await SkpRiwayat.filter(skp_id=skp_id).count()
               + await EvaluasiRiwayat.filter(evaluasi__skp_id=skp_id).count())  # fmt: skip
    assert riwayat == model.transitions
