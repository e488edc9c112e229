"""Quarterly evaluations of approved SKP, and the realisasi recorded per indicator.

Ratings follow the national mix as issue 12 gives it (about 88% BAIK, 11% SANGAT_BAIK,
well under 1% for each lower predikat; spec §4 gives the 88%): hasil kerja and perilaku
are drawn together, so they correlate, and a pegawai mostly keeps their level from one
quarter to the next. The split of the last percent is this seed's assumption.
"""

import random
from itertools import count

from ekinerja_graphql.domain.evaluasi import StatusEvaluasi
from ekinerja_graphql.domain.kepegawaian import StatusPenilai
from ekinerja_graphql.domain.periode import Periode
from ekinerja_graphql.domain.predikat import Rating, predikat_kinerja
from ekinerja_graphql.seed import uraian
from ekinerja_graphql.seed.context import SeedContext, at_utc, days_after
from ekinerja_graphql.seed.pegawai import PegawaiSeed
from ekinerja_graphql.seed.randomness import Weighted, decimal_of
from ekinerja_graphql.seed.skp import BIAYA, KUALITAS, KUANTITAS, SkpSeed
from ekinerja_graphql.seed.tables import Batch

# Older quarters are mostly settled; the latest one is still being rated.
STATUS_LAMA = Weighted([
    (StatusEvaluasi.DITETAPKAN, 62), (StatusEvaluasi.FINAL, 30), (StatusEvaluasi.DINILAI, 6),
    (StatusEvaluasi.KEBERATAN, 1), (StatusEvaluasi.DRAFT, 1),
])  # fmt: skip
STATUS_TERAKHIR = Weighted([
    (StatusEvaluasi.DITETAPKAN, 45), (StatusEvaluasi.DINILAI, 25), (StatusEvaluasi.DRAFT, 20),
    (StatusEvaluasi.FINAL, 10),
])  # fmt: skip
_ATAS, _SESUAI, _BAWAH = Rating
# (hasil kerja, perilaku kerja) per 10,000 ratings: SANGAT_BAIK 11%, BAIK 87.9%,
# BUTUH_PERBAIKAN 0.53%, KURANG 0.37%, SANGAT_KURANG 0.2%.
RATINGS = Weighted([
    ((_ATAS, _ATAS), 1100), ((_ATAS, _SESUAI), 420), ((_SESUAI, _ATAS), 300),
    ((_SESUAI, _SESUAI), 8070), ((_BAWAH, _SESUAI), 50), ((_BAWAH, _ATAS), 3),
    ((_SESUAI, _BAWAH), 33), ((_ATAS, _BAWAH), 4), ((_BAWAH, _BAWAH), 20),
])  # fmt: skip
SHARE_SAME_AS_BEFORE = 0.75
DITETAPKAN = frozenset({StatusEvaluasi.DITETAPKAN, StatusEvaluasi.FINAL, StatusEvaluasi.KEBERATAN})
SHARE_CATATAN = 0.1


class EvaluasiFactory:
    def __init__(self, rng: random.Random, context: SeedContext, realisasi_all_quarters: bool):
        self._rng = rng
        self._context = context
        self._quarters = context.evaluated_quarters()
        # Realisasi for every evaluated quarter, or only the latest (a lighter dataset).
        self._realisasi_all = realisasi_all_quarters
        self._evaluasi_ids = count(1)
        self._realisasi_ids = count(1)

    def make(self, pegawai: PegawaiSeed, skp: SkpSeed, batch: Batch) -> None:
        """One evaluation per ended quarter of the SKP's period: none for quarters that
        ended before the pegawai's TMT."""
        quarters = [q for q in self._quarters if q.akhir >= skp.periode_awal]
        level = RATINGS.pick(self._rng)
        for index, periode in enumerate(quarters):
            if self._rng.random() >= SHARE_SAME_AS_BEFORE:
                level = RATINGS.pick(self._rng)
            self._evaluasi(pegawai, skp, periode, index == len(quarters) - 1, level, batch)
        for periode in quarters if self._realisasi_all else quarters[-1:]:
            self._realisasi(skp, periode, batch)

    def _evaluasi(self, pegawai, skp, periode: Periode, latest, level, batch: Batch) -> None:
        rng, as_of = self._rng, self._context.as_of
        status = (STATUS_TERAKHIR if latest else STATUS_LAMA).pick(rng)
        hasil = perilaku = predikat = None
        if status is not StatusEvaluasi.DRAFT:  # a draft has no ratings yet
            hasil, perilaku = level
            predikat = predikat_kinerja(hasil, perilaku).value
        created = at_utc(days_after(periode.akhir, 1, as_of))
        ditetapkan = None
        if status in DITETAPKAN:
            ditetapkan = at_utc(days_after(periode.akhir, rng.randint(5, 20), as_of), 3)
        catatan = rng.choice(uraian.CATATAN_EVALUASI) if rng.random() < SHARE_CATATAN else None
        penilai, negara = pegawai.penilai, pegawai.penilai_negara
        status_penilai = StatusPenilai.NON_ASN if negara else StatusPenilai.ASN
        penilai_nama = penilai.nama_lengkap if penilai else negara.nama_lengkap if negara else None
        batch.evaluasi.append((
            created, ditetapkan or created, 1, next(self._evaluasi_ids), periode.tahun,
            periode.jenis.value, periode.nomor, periode.awal, periode.akhir,
            hasil.value if hasil else None, perilaku.value if perilaku else None, predikat,
            status.value, catatan, pegawai.jabatan.nama, pegawai.unit.nama, pegawai.golongan,
            pegawai.golongan_pppk, status_penilai.value, penilai.nip if penilai else None,
            penilai_nama, ditetapkan, pegawai.jabatan.id, pegawai.id,
            penilai.id if penilai else None, skp.id, pegawai.unit.id,
        ))  # fmt: skip

    def _realisasi(self, skp: SkpSeed, periode: Periode, batch: Batch) -> None:
        rng, nomor = self._rng, periode.nomor
        created = at_utc(days_after(periode.akhir, 1, self._context.as_of))
        jenis = periode.jenis.value
        for indikator_id, aspek, target in skp.indikator:
            nilai = deskripsi = None
            if target is None:  # KUALITATIF: described, not measured
                deskripsi = f"Capaian triwulan {nomor} sesuai rencana kerja"
            else:
                nilai = decimal_of(_nilai(rng, aspek, target, nomor))
            bukti = f'["https://bukti.kemenag.go.id/realisasi/{indikator_id}/tw{nomor}.pdf"]'
            batch.realisasi.append((created, created, 1, next(self._realisasi_ids), jenis, nomor,
                                    nilai, deskripsi, bukti, indikator_id))  # fmt: skip


def _nilai(rng: random.Random, aspek: str, target: int, nomor: int) -> int:
    """Cumulative value up to quarter `nomor`, around the pro-rata target."""
    if aspek == KUANTITAS:
        return round(target * nomor / 4 * rng.uniform(0.85, 1.1))
    if aspek == KUALITAS:
        return max(0, target - rng.randrange(8))
    if aspek == BIAYA:
        return rng.randint(20 * nomor, 25 * nomor)
    return 3 * nomor  # WAKTU: months elapsed
