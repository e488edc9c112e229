"""Who may take each step of the SKP and evaluation workflows, and from which state
(spec/domain.md §2, §4, §8): the role table is written out from the spec cell by cell and
BOLEH is checked against it; both state machines are checked exhaustively and by walks."""

import copy
from itertools import chain, combinations

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from ekinerja_graphql.domain.akses import Peran
from ekinerja_graphql.domain.evaluasi import StatusEvaluasi
from ekinerja_graphql.domain.skp import StatusSkp
from ekinerja_graphql.domain.workflow import (
    BOLEH,
    EVALUASI_TRANSISI,
    SETELAH_DITUTUP,
    SKP_TRANSISI,
    Aksi,
    TransisiTidakSah,
    boleh,
    langkah_evaluasi,
    langkah_skp,
)

PG, PN, AT, AU, AP = (Peran.PEGAWAI, Peran.PENILAI, Peran.ATASAN_PENILAI, Peran.ADMIN_UNIT,
                      Peran.ADMIN_PUSAT)
DRAFT, DIAJUKAN, DISETUJUI = StatusSkp.DRAFT, StatusSkp.DIAJUKAN, StatusSkp.DISETUJUI
E = StatusEvaluasi
BELUM_ADA = None  # no evaluation of the period yet

# Every Aksi × every role. "§n" cites the cell's wording in domain.md; "[D]" marks a step §8
# is silent on, where the project's design decision is pinned instead.
TABEL_PERAN = """
aksi                          PEGAWAI PENILAI ATASAN_PENILAI ADMIN_UNIT ADMIN_PUSAT
BUAT_SKP                      x       .       .              .          .    §8 edits own DRAFT
UBAH_SKP                      x       .       .              .          .    §2 only the pegawai
EKSPEKTASI_KHUSUS             .       x       .              .          .    §3 the pimpinan
AJUKAN_SKP                    x       .       .              .          .    §2 owner submits
SETUJUI_SKP                   .       x       .              .          .    §8 approves
KEMBALIKAN_SKP                .       x       .              .          .    §8 returns
REVISI_SKP                    x       .       .              .          .    [D] owner reopens
CATAT_MUTASI                  .       .       .              x          x    [D] personnel data
CATAT_REALISASI               x       .       .              .          .    §8 records realisasi
TULIS_UMPAN_BALIK             x       x       x              .          .    [D] §4 feedback
NILAI_EVALUASI                .       x       .              .          .    §8 rates
TETAPKAN_EVALUASI             .       x       .              .          .    §8 sets predikat
AJUKAN_KEBERATAN              x       .       .              .          .    §8 files keberatan
PUTUSKAN_KEBERATAN            .       .       x              .          .    §8 decides keberatan
FINALKAN_EVALUASI             .       x       .              .          .    [D] no keberatan
TETAPKAN_PREDIKAT_ORGANISASI  .       x       .              .          .    §4 leader one up
CATAT_OVERRIDE_KURVA          .       x       .              .          .    [D] same leader
"""


def _baca_tabel(tabel: str) -> tuple[tuple[Peran, ...], dict[Aksi, frozenset[Peran]]]:
    header, *rows = tabel.strip().splitlines()
    columns = tuple(Peran(name) for name in header.split()[1:])
    expected = {}
    for row in rows:
        aksi, *marks = row.split()[: 1 + len(columns)]
        assert set(marks) <= {"x", "."}, row
        expected[Aksi(aksi)] = frozenset(p for p, m in zip(columns, marks, strict=True) if m == "x")
    return columns, expected


KOLOM_PERAN, DIHARAPKAN = _baca_tabel(TABEL_PERAN)
PERAN_NEGARA = (PN, AT)  # a pejabat negara appraises; they are never the pegawai or an admin


def himpunan_bagian(items) -> list[frozenset]:
    items = list(items)
    return [frozenset(c) for c in chain.from_iterable(
        combinations(items, n) for n in range(len(items) + 1))]


def diizinkan_spec(aksi: Aksi, peran: frozenset[Peran], negara: frozenset[Peran]) -> bool:
    """The spec's answer: a role of the row, or ADMIN_PUSAT standing in for a pejabat negara
    who holds one (the Menteri does not sign in: no NIP, §6) on a record not their own."""
    row = DIHARAPKAN[aksi]
    if PG in peran and PG not in row:  # nothing on one's own record but the pegawai's steps
        return False
    return bool(row & peran) or (AP in peran and bool(row & negara))


def test_role_table_covers_every_aksi_and_every_role():
    assert set(KOLOM_PERAN) == set(Peran)
    assert set(DIHARAPKAN) == set(Aksi)
    assert set(BOLEH) == set(Aksi)
    assert all(DIHARAPKAN[aksi] for aksi in Aksi)  # every step is someone's


@pytest.mark.parametrize("peran", list(Peran))
@pytest.mark.parametrize("aksi", list(Aksi))
def test_each_role_alone_may_take_exactly_the_steps_of_its_column(aksi, peran):
    assert boleh(aksi, frozenset({peran})) is (peran in DIHARAPKAN[aksi])


def test_nobody_without_a_role_takes_any_step():
    assert not any(boleh(aksi, frozenset()) for aksi in Aksi)
    assert not any(boleh(aksi, frozenset(), frozenset(PERAN_NEGARA)) for aksi in Aksi)


def test_every_combination_of_roles_and_pejabat_negara_follows_the_table():
    for aksi in Aksi:
        for peran in himpunan_bagian(Peran):
            for negara in himpunan_bagian(PERAN_NEGARA):
                assert boleh(aksi, peran, negara) is diizinkan_spec(aksi, peran, negara), (
                    aksi, sorted(peran), sorted(negara))


@pytest.mark.parametrize(("aksi", "negara", "allowed"), [
    # The Menteri rates an eselon I head: ADMIN_PUSAT approves, rates and sets the predikat.
    (Aksi.SETUJUI_SKP, {PN}, True),
    (Aksi.KEMBALIKAN_SKP, {PN}, True),
    (Aksi.EKSPEKTASI_KHUSUS, {PN}, True),
    (Aksi.NILAI_EVALUASI, {PN}, True),
    (Aksi.TETAPKAN_EVALUASI, {PN}, True),
    (Aksi.FINALKAN_EVALUASI, {PN}, True),
    (Aksi.TETAPKAN_PREDIKAT_ORGANISASI, {PN}, True),
    # ...but a pejabat negara who is only the penilai does not decide a keberatan,
    (Aksi.PUTUSKAN_KEBERATAN, {PN}, False),
    (Aksi.PUTUSKAN_KEBERATAN, {AT}, True),
    (Aksi.SETUJUI_SKP, {AT}, False),
    # and nobody stands in for the pegawai: the pejabat negara is never one.
    (Aksi.UBAH_SKP, {PN, AT}, False),
    (Aksi.AJUKAN_SKP, {PN, AT}, False),
    (Aksi.CATAT_REALISASI, {PN, AT}, False),
    (Aksi.AJUKAN_KEBERATAN, {PN, AT}, False),
    # Without a pejabat negara in the chain ADMIN_PUSAT has only its own column.
    (Aksi.SETUJUI_SKP, set(), False),
    (Aksi.CATAT_MUTASI, set(), True),
])
def test_admin_pusat_acts_for_a_pejabat_negara_in_their_role_only(aksi, negara, allowed):
    assert boleh(aksi, frozenset({AP}), frozenset(negara)) is allowed


@pytest.mark.parametrize("aksi", [Aksi.SETUJUI_SKP, Aksi.TETAPKAN_EVALUASI])
def test_only_admin_pusat_stands_in_for_a_pejabat_negara(aksi):
    for peran in (PG, AT, AU):
        assert not boleh(aksi, frozenset({peran}), frozenset({PN}))


@pytest.mark.parametrize(("aksi", "negara"), [
    (Aksi.SETUJUI_SKP, PN),
    (Aksi.NILAI_EVALUASI, PN),
    (Aksi.TETAPKAN_EVALUASI, PN),
    (Aksi.PUTUSKAN_KEBERATAN, AT),
])
def test_admin_pusat_does_not_stand_in_for_a_pejabat_negara_on_their_own_record(aksi, negara):
    assert not boleh(aksi, frozenset({PG, AP}), frozenset({negara}))


# --- SKP state machine (§2) ----------------------------------------------------------------

SKP_AKSI = frozenset({
    Aksi.UBAH_SKP, Aksi.EKSPEKTASI_KHUSUS, Aksi.AJUKAN_SKP, Aksi.SETUJUI_SKP,
    Aksi.KEMBALIKAN_SKP, Aksi.REVISI_SKP, Aksi.CATAT_MUTASI, Aksi.CATAT_REALISASI,
    Aksi.TULIS_UMPAN_BALIK,
})
# (aksi, from) -> to. The four moves are the diagram of §2; the rest keep the state.
SKP_SPEC: dict[tuple[Aksi, StatusSkp], StatusSkp] = {
    (Aksi.AJUKAN_SKP, DRAFT): DIAJUKAN,
    (Aksi.SETUJUI_SKP, DIAJUKAN): DISETUJUI,
    (Aksi.KEMBALIKAN_SKP, DIAJUKAN): DRAFT,
    (Aksi.REVISI_SKP, DISETUJUI): DRAFT,
    (Aksi.UBAH_SKP, DRAFT): DRAFT,  # "only the pegawai edits a DRAFT"
    (Aksi.EKSPEKTASI_KHUSUS, DRAFT): DRAFT,  # set before approval, not after
    (Aksi.EKSPEKTASI_KHUSUS, DIAJUKAN): DIAJUKAN,
    (Aksi.CATAT_REALISASI, DISETUJUI): DISETUJUI,  # against an approved plan only
    **{(Aksi.CATAT_MUTASI, s): s for s in StatusSkp},  # closes the period, not the plan
    **{(Aksi.TULIS_UMPAN_BALIK, s): s for s in StatusSkp},
}
# Who moves an SKP from one state to another (§2: pegawai submits, penilai approves/returns).
PEMINDAH_SKP = {
    (DRAFT, DIAJUKAN): PG,
    (DIAJUKAN, DISETUJUI): PN,
    (DIAJUKAN, DRAFT): PN,
    (DISETUJUI, DRAFT): PG,
}
SKP_SAH = frozenset(StatusSkp)


def test_skp_steps_are_exactly_those_taken_on_an_existing_skp():
    # BUAT_SKP creates one; evaluation and organisation steps act on other records.
    assert set(SKP_TRANSISI) == SKP_AKSI
    assert Aksi.BUAT_SKP not in SKP_TRANSISI


@pytest.mark.parametrize("dari", list(StatusSkp))
@pytest.mark.parametrize("aksi", sorted(SKP_AKSI))
def test_every_skp_step_from_every_state(aksi, dari):
    if (aksi, dari) in SKP_SPEC:
        assert langkah_skp(aksi, dari) is SKP_SPEC[(aksi, dari)]
    else:
        with pytest.raises(TransisiTidakSah) as refused:
            langkah_skp(aksi, dari)
        assert refused.value.status is dari


def test_refusal_names_the_step_the_state_and_where_it_may_be_taken_from():
    with pytest.raises(TransisiTidakSah, match=(
            r"^SETUJUI_SKP cannot be taken on a record in DRAFT: only from DIAJUKAN$")):
        langkah_skp(Aksi.SETUJUI_SKP, DRAFT)
    with pytest.raises(TransisiTidakSah, match=r"in DISETUJUI: only from DIAJUKAN, DRAFT$"):
        langkah_skp(Aksi.EKSPEKTASI_KHUSUS, DISETUJUI)
    assert issubclass(TransisiTidakSah, ValueError)


def _terjangkau(table: dict[Aksi, dict], awal) -> set:
    seen, todo = {awal}, [awal]
    while todo:
        status = todo.pop()
        for moves in table.values():
            if status in moves and moves[status] not in seen:
                seen.add(moves[status])
                todo.append(moves[status])
    return seen


def _pemindah(table: dict[Aksi, dict]) -> dict[tuple, frozenset[Peran]]:
    """Per move between two different states, the roles BOLEH lets take it."""
    roles: dict[tuple, frozenset[Peran]] = {}
    for aksi, moves in table.items():
        for dari, ke in moves.items():
            if dari != ke:
                roles[(dari, ke)] = roles.get((dari, ke), frozenset()) | BOLEH[aksi]
    return roles


def test_every_skp_state_is_reachable_from_draft():
    assert _terjangkau(SKP_TRANSISI, DRAFT) == SKP_SAH


def test_only_the_spec_roles_move_an_skp_between_states():
    assert _pemindah(SKP_TRANSISI) == {edge: frozenset({r}) for edge, r in PEMINDAH_SKP.items()}


def test_a_closed_skp_may_still_be_finished_and_approved_but_not_reopened():
    # Its months are rated, which needs an approved plan; a mutasi before approval must not
    # leave them unratable.
    assert {Aksi.UBAH_SKP, Aksi.AJUKAN_SKP, Aksi.SETUJUI_SKP, Aksi.KEMBALIKAN_SKP,
            Aksi.CATAT_REALISASI, Aksi.TULIS_UMPAN_BALIK} <= SETELAH_DITUTUP
    assert SETELAH_DITUTUP <= SKP_AKSI
    assert Aksi.CATAT_MUTASI not in SETELAH_DITUTUP  # closed once
    assert Aksi.REVISI_SKP not in SETELAH_DITUTUP  # the plan of past months stays as approved


@pytest.mark.parametrize(("langkah", "aksi", "status"), [
    (langkah_skp, Aksi.BUAT_SKP, DRAFT),
    (langkah_skp, Aksi.NILAI_EVALUASI, DISETUJUI),
    (langkah_evaluasi, Aksi.SETUJUI_SKP, E.DINILAI),
])
def test_a_step_of_another_machine_is_refused_as_an_illegal_transition(langkah, aksi, status):
    with pytest.raises(TransisiTidakSah):
        langkah(aksi, status)


peran_apa_saja = st.frozensets(st.sampled_from(list(Peran)))
negara_apa_saja = st.frozensets(st.sampled_from(PERAN_NEGARA))
TABEL_AWAL = copy.deepcopy((BOLEH, SKP_TRANSISI, EVALUASI_TRANSISI, SETELAH_DITUTUP))


def _memegang(peran: frozenset[Peran], negara: frozenset[Peran], role: Peran) -> bool:
    return role in peran or (AP in peran and PG not in peran and role in negara)


class AlurSkp(RuleBasedStateMachine):
    """One SKP walked by callers holding any roles, under a chain that may include a pejabat
    negara; a mutasi closes it (then it may still be approved, not revised). Each step is
    checked against the spec tables above."""

    @initialize(negara=negara_apa_saja)
    def buat(self, negara):
        self.negara = negara
        self.status = DRAFT
        self.ditutup = False

    @rule(aksi=st.sampled_from(sorted(SKP_AKSI)), peran=peran_apa_saja)
    def langkah(self, aksi, peran):
        allowed = boleh(aksi, peran, self.negara)
        assert allowed is diizinkan_spec(aksi, peran, self.negara)
        if not allowed or (self.ditutup and aksi not in SETELAH_DITUTUP):
            return
        dari = self.status
        if (aksi, dari) not in SKP_SPEC:
            with pytest.raises(TransisiTidakSah) as refused:
                langkah_skp(aksi, dari)
            assert refused.value.status is dari
            return
        ke = langkah_skp(aksi, dari)
        assert ke is SKP_SPEC[(aksi, dari)]
        if ke is not dari:
            # A closed SKP is only finished (towards approval), never reopened.
            assert not self.ditutup or ke is not DRAFT or aksi is Aksi.KEMBALIKAN_SKP
            assert _memegang(peran, self.negara, PEMINDAH_SKP[(dari, ke)])
        self.status = ke
        self.ditutup = self.ditutup or aksi is Aksi.CATAT_MUTASI

    @invariant()
    def status_sah(self):
        assert self.status in SKP_SAH

    @invariant()
    def tabel_tidak_berubah(self):
        assert (BOLEH, SKP_TRANSISI, EVALUASI_TRANSISI, SETELAH_DITUTUP) == TABEL_AWAL


AlurSkp.TestCase.settings = settings(max_examples=150, stateful_step_count=30, deadline=None)
TestAlurSkp = AlurSkp.TestCase


# --- Evaluation state machine (§4) ---------------------------------------------------------

EVALUASI_AKSI = frozenset({
    Aksi.NILAI_EVALUASI, Aksi.TETAPKAN_EVALUASI, Aksi.AJUKAN_KEBERATAN,
    Aksi.PUTUSKAN_KEBERATAN, Aksi.FINALKAN_EVALUASI,
})
# §4: DRAFT → DINILAI → DITETAPKAN → optionally KEBERATAN → FINAL. Rating creates the
# evaluation and may be repeated until penetapan.
EVALUASI_SPEC: dict[tuple[Aksi, StatusEvaluasi | None], StatusEvaluasi] = {
    (Aksi.NILAI_EVALUASI, BELUM_ADA): E.DINILAI,
    (Aksi.NILAI_EVALUASI, E.DRAFT): E.DINILAI,
    (Aksi.NILAI_EVALUASI, E.DINILAI): E.DINILAI,
    (Aksi.TETAPKAN_EVALUASI, E.DINILAI): E.DITETAPKAN,
    (Aksi.AJUKAN_KEBERATAN, E.DITETAPKAN): E.KEBERATAN,
    (Aksi.PUTUSKAN_KEBERATAN, E.KEBERATAN): E.FINAL,
    (Aksi.FINALKAN_EVALUASI, E.DITETAPKAN): E.FINAL,
}
# Who moves an evaluation: the penilai rates and sets it, the pegawai objects, the atasan
# decides the objection (final, PP 30/2019); without one the penilai closes it.
PEMINDAH_EVALUASI = {
    (BELUM_ADA, E.DINILAI): PN,
    (E.DRAFT, E.DINILAI): PN,
    (E.DINILAI, E.DITETAPKAN): PN,
    (E.DITETAPKAN, E.KEBERATAN): PG,
    (E.KEBERATAN, E.FINAL): AT,
    (E.DITETAPKAN, E.FINAL): PN,
}
EVALUASI_DARI = [BELUM_ADA, *StatusEvaluasi]


def test_evaluation_steps_are_exactly_the_five_of_section_4():
    assert set(EVALUASI_TRANSISI) == EVALUASI_AKSI
    assert SKP_AKSI.isdisjoint(EVALUASI_AKSI)


@pytest.mark.parametrize("dari", EVALUASI_DARI)
@pytest.mark.parametrize("aksi", sorted(EVALUASI_AKSI))
def test_every_evaluation_step_from_every_state(aksi, dari):
    if (aksi, dari) in EVALUASI_SPEC:
        assert langkah_evaluasi(aksi, dari) is EVALUASI_SPEC[(aksi, dari)]
    else:
        with pytest.raises(TransisiTidakSah) as refused:
            langkah_evaluasi(aksi, dari)
        assert refused.value.status is dari


def test_final_accepts_no_step_and_keberatan_only_its_decision():
    for aksi in EVALUASI_AKSI:
        with pytest.raises(TransisiTidakSah):
            langkah_evaluasi(aksi, E.FINAL)
    allowed = {aksi for aksi in EVALUASI_AKSI if E.KEBERATAN in EVALUASI_TRANSISI[aksi]}
    assert allowed == {Aksi.PUTUSKAN_KEBERATAN}


def test_refusal_on_a_missing_evaluation_says_so():
    with pytest.raises(TransisiTidakSah, match=r"in None: only from DINILAI$") as refused:
        langkah_evaluasi(Aksi.TETAPKAN_EVALUASI, BELUM_ADA)
    assert refused.value.status is None


def test_reachable_evaluation_states():
    # DRAFT is never produced by a step (a first rating creates the evaluation as DINILAI);
    # it is accepted only as the state of an evaluation created elsewhere (seed, import).
    assert _terjangkau(EVALUASI_TRANSISI, BELUM_ADA) == {
        BELUM_ADA, E.DINILAI, E.DITETAPKAN, E.KEBERATAN, E.FINAL}
    assert _terjangkau(EVALUASI_TRANSISI, E.DRAFT) == {
        E.DRAFT, E.DINILAI, E.DITETAPKAN, E.KEBERATAN, E.FINAL}


def test_only_the_spec_roles_move_an_evaluation_between_states():
    expected = {edge: frozenset({r}) for edge, r in PEMINDAH_EVALUASI.items()}
    assert _pemindah(EVALUASI_TRANSISI) == expected


class AlurEvaluasi(RuleBasedStateMachine):
    """One period's evaluation, from none (or a DRAFT made elsewhere) to FINAL."""

    @initialize(awal=st.sampled_from([BELUM_ADA, E.DRAFT]), negara=negara_apa_saja)
    def mulai(self, awal, negara):
        self.awal = awal
        self.status = awal
        self.negara = negara

    @rule(aksi=st.sampled_from(sorted(EVALUASI_AKSI)), peran=peran_apa_saja)
    def langkah(self, aksi, peran):
        allowed = boleh(aksi, peran, self.negara)
        assert allowed is diizinkan_spec(aksi, peran, self.negara)
        if not allowed:
            return
        dari = self.status
        if (aksi, dari) not in EVALUASI_SPEC:
            with pytest.raises(TransisiTidakSah) as refused:
                langkah_evaluasi(aksi, dari)
            assert refused.value.status is dari
            return
        assert dari is not E.FINAL
        ke = langkah_evaluasi(aksi, dari)
        assert ke is EVALUASI_SPEC[(aksi, dari)]
        if ke is not dari:
            assert _memegang(peran, self.negara, PEMINDAH_EVALUASI[(dari, ke)])
        self.status = ke

    @invariant()
    def status_sah(self):
        assert self.status in {self.awal, E.DINILAI, E.DITETAPKAN, E.KEBERATAN, E.FINAL}

    @invariant()
    def tabel_tidak_berubah(self):
        assert (BOLEH, SKP_TRANSISI, EVALUASI_TRANSISI, SETELAH_DITUTUP) == TABEL_AWAL


AlurEvaluasi.TestCase.settings = settings(max_examples=150, stateful_step_count=30,
                                          deadline=None)
TestAlurEvaluasi = AlurEvaluasi.TestCase
