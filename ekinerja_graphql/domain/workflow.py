"""Who may move an SKP or an evaluation from which state to which (spec/domain.md §2, §4, §8).

Each step is an Aksi. A step is taken by someone who stands to the record in one of the
roles §8 gives that step: the pegawai who owns it, their pejabat penilai, the atasan
pejabat penilai, or an admin of the pegawai's unit (a role is relative to the record: a
Kakanwil is PENILAI of the Kepala Kankemenag's SKP and PEGAWAI of their own).
"""

from enum import StrEnum

from ekinerja_graphql.domain.akses import Peran
from ekinerja_graphql.domain.evaluasi import StatusEvaluasi
from ekinerja_graphql.domain.skp import StatusSkp


class Aksi(StrEnum):
    # SKP planning
    BUAT_SKP = "BUAT_SKP"
    UBAH_SKP = "UBAH_SKP"  # RHK, indikator, lampiran of a DRAFT
    EKSPEKTASI_KHUSUS = "EKSPEKTASI_KHUSUS"  # the pimpinan's expectation per BerAKHLAK value
    AJUKAN_SKP = "AJUKAN_SKP"
    SETUJUI_SKP = "SETUJUI_SKP"
    KEMBALIKAN_SKP = "KEMBALIKAN_SKP"
    REVISI_SKP = "REVISI_SKP"
    CATAT_MUTASI = "CATAT_MUTASI"  # closes the SKP at the date, opens a new one
    # Execution
    CATAT_REALISASI = "CATAT_REALISASI"
    TULIS_UMPAN_BALIK = "TULIS_UMPAN_BALIK"
    # Evaluation
    NILAI_EVALUASI = "NILAI_EVALUASI"
    TETAPKAN_EVALUASI = "TETAPKAN_EVALUASI"
    AJUKAN_KEBERATAN = "AJUKAN_KEBERATAN"
    PUTUSKAN_KEBERATAN = "PUTUSKAN_KEBERATAN"
    FINALKAN_EVALUASI = "FINALKAN_EVALUASI"
    # Organisation
    TETAPKAN_PREDIKAT_ORGANISASI = "TETAPKAN_PREDIKAT_ORGANISASI"
    CATAT_OVERRIDE_KURVA = "CATAT_OVERRIDE_KURVA"


P = Peran
# §8: the pegawai edits their own DRAFT SKP, records realisasi and files keberatan; the
# penilai approves or returns the SKP, rates and sets the predikat; the atasan decides a
# keberatan. [D] where §8 is silent: the pimpinan (penilai) writes the ekspektasi khusus
# (§3); a revisi is asked by the pegawai; a mutasi is recorded by the admins of personnel
# data; feedback goes both ways along the chain; the organisation predikat and a curve
# override are the role of the leader one level up: the pejabat penilai of the unit's
# head. A role held by a pejabat negara (the Menteri rates the eselon I heads), who does
# not sign in, is taken by ADMIN_PUSAT on their behalf.
BOLEH: dict[Aksi, frozenset[Peran]] = {
    Aksi.BUAT_SKP: frozenset({P.PEGAWAI}),
    Aksi.UBAH_SKP: frozenset({P.PEGAWAI}),
    Aksi.EKSPEKTASI_KHUSUS: frozenset({P.PENILAI}),
    Aksi.AJUKAN_SKP: frozenset({P.PEGAWAI}),
    Aksi.SETUJUI_SKP: frozenset({P.PENILAI}),
    Aksi.KEMBALIKAN_SKP: frozenset({P.PENILAI}),
    Aksi.REVISI_SKP: frozenset({P.PEGAWAI}),
    Aksi.CATAT_MUTASI: frozenset({P.ADMIN_UNIT, P.ADMIN_PUSAT}),
    Aksi.CATAT_REALISASI: frozenset({P.PEGAWAI}),
    Aksi.TULIS_UMPAN_BALIK: frozenset({P.PEGAWAI, P.PENILAI, P.ATASAN_PENILAI}),
    Aksi.NILAI_EVALUASI: frozenset({P.PENILAI}),
    Aksi.TETAPKAN_EVALUASI: frozenset({P.PENILAI}),
    Aksi.AJUKAN_KEBERATAN: frozenset({P.PEGAWAI}),
    Aksi.PUTUSKAN_KEBERATAN: frozenset({P.ATASAN_PENILAI}),
    Aksi.FINALKAN_EVALUASI: frozenset({P.PENILAI}),
    Aksi.TETAPKAN_PREDIKAT_ORGANISASI: frozenset({P.PENILAI}),
    Aksi.CATAT_OVERRIDE_KURVA: frozenset({P.PENILAI}),
}


def boleh(aksi: Aksi, peran: frozenset[Peran], negara: frozenset[Peran] = frozenset()) -> bool:
    """Whether someone holding `peran` towards the record may take the step; `negara` are
    the roles towards it that a pejabat negara holds (ADMIN_PUSAT acts for them)."""
    if Peran.PEGAWAI in peran and Peran.PEGAWAI not in BOLEH[aksi]:
        # Never on one's own record a step that is not the pegawai's: an admin does not
        # record their own mutasi, an ADMIN_PUSAT rated by the Menteri does not approve,
        # rate or decide for themselves.
        return False
    if not BOLEH[aksi].isdisjoint(peran):
        return True
    return Peran.ADMIN_PUSAT in peran and not BOLEH[aksi].isdisjoint(negara)


class TransisiTidakSah(ValueError):
    """The step cannot be taken from the record's current state."""

    def __init__(self, aksi: Aksi, status: StrEnum, allowed_from: frozenset) -> None:
        froms = ", ".join(sorted(allowed_from)) or "no state"
        super().__init__(f"{aksi} cannot be taken on a record in {status}: only from {froms}")
        self.status = status


S = StatusSkp
# (aksi, from) -> to. Content edits keep the state; a mutasi keeps it too (it closes the
# period, not the plan).
SKP_TRANSISI: dict[Aksi, dict[StatusSkp, StatusSkp]] = {
    Aksi.UBAH_SKP: {S.DRAFT: S.DRAFT},
    Aksi.EKSPEKTASI_KHUSUS: {S.DRAFT: S.DRAFT, S.DIAJUKAN: S.DIAJUKAN},
    Aksi.AJUKAN_SKP: {S.DRAFT: S.DIAJUKAN},
    Aksi.SETUJUI_SKP: {S.DIAJUKAN: S.DISETUJUI},
    Aksi.KEMBALIKAN_SKP: {S.DIAJUKAN: S.DRAFT},
    Aksi.REVISI_SKP: {S.DISETUJUI: S.DRAFT},
    Aksi.CATAT_MUTASI: {S.DRAFT: S.DRAFT, S.DIAJUKAN: S.DIAJUKAN, S.DISETUJUI: S.DISETUJUI},
    Aksi.CATAT_REALISASI: {S.DISETUJUI: S.DISETUJUI},
    Aksi.TULIS_UMPAN_BALIK: {S.DRAFT: S.DRAFT, S.DIAJUKAN: S.DIAJUKAN, S.DISETUJUI: S.DISETUJUI},
}

# What may still be done on an SKP a mutasi closed: its months were lived and are rated, so
# an unapproved plan may still be finished and approved; an approved one is not reopened
# (revisi), and it is closed only once.
SETELAH_DITUTUP = frozenset(SKP_TRANSISI) - {Aksi.REVISI_SKP, Aksi.CATAT_MUTASI}

E = StatusEvaluasi
# None: no evaluation of that period yet (rating creates it).
EVALUASI_TRANSISI: dict[Aksi, dict[StatusEvaluasi | None, StatusEvaluasi]] = {
    Aksi.NILAI_EVALUASI: {None: E.DINILAI, E.DRAFT: E.DINILAI, E.DINILAI: E.DINILAI},
    Aksi.TETAPKAN_EVALUASI: {E.DINILAI: E.DITETAPKAN},
    Aksi.AJUKAN_KEBERATAN: {E.DITETAPKAN: E.KEBERATAN},
    Aksi.PUTUSKAN_KEBERATAN: {E.KEBERATAN: E.FINAL},
    Aksi.FINALKAN_EVALUASI: {E.DITETAPKAN: E.FINAL},
}


def langkah_skp(aksi: Aksi, status: StatusSkp) -> StatusSkp:
    return _langkah(SKP_TRANSISI.get(aksi, {}), aksi, status)


def langkah_evaluasi(aksi: Aksi, status: StatusEvaluasi | None) -> StatusEvaluasi:
    return _langkah(EVALUASI_TRANSISI.get(aksi, {}), aksi, status)


def _langkah(table: dict, aksi: Aksi, status):
    if status not in table:
        raise TransisiTidakSah(aksi, status, frozenset(k for k in table if k is not None))
    return table[status]
