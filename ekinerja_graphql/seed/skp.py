"""SKP rows for one pegawai: the SKP, its RHK cascading from the penilai's, indicators, perilaku."""

import random
from dataclasses import dataclass
from datetime import date
from itertools import count

import orjson

from ekinerja_graphql.domain.jabatan import JPT, JenisJabatan
from ekinerja_graphql.domain.kepegawaian import StatusPenilai
from ekinerja_graphql.domain.skp import (
    AspekIndikator,
    JenisJabatanSkp,
    JenisRhk,
    NilaiBerakhlak,
    Pendekatan,
    PerspektifJpt,
    StatusSkp,
)
from ekinerja_graphql.seed import uraian
from ekinerja_graphql.seed.context import SeedContext, at_utc, days_after
from ekinerja_graphql.seed.pegawai import PegawaiSeed
from ekinerja_graphql.seed.randomness import Weighted, decimal_of
from ekinerja_graphql.seed.tables import Batch

STATUS_STAF = Weighted([(StatusSkp.DISETUJUI, 88), (StatusSkp.DIAJUKAN, 6), (StatusSkp.DRAFT, 6)])
PENDEKATAN = Weighted([(Pendekatan.KUANTITATIF, 90), (Pendekatan.KUALITATIF, 10)])
EXTRA_ASPEK = Weighted([(0, 45), (1, 40), (2, 15)])
SHARE_TAMBAHAN = 0.25
SHARE_EKSPEKTASI_KHUSUS = 0.2
PERSPEKTIF = list(PerspektifJpt)
BERAKHLAK = list(NilaiBerakhlak)
LAMPIRAN_VARIANTS = 24

KUANTITAS = AspekIndikator.KUANTITAS.value
KUALITAS = AspekIndikator.KUALITAS.value
WAKTU = AspekIndikator.WAKTU.value
BIAYA = AspekIndikator.BIAYA.value


@dataclass(slots=True)
class SkpSeed:
    """What the evaluation stage needs: the SKP id, its period's start and its indicators
    (id, aspek, target)."""

    id: int
    disetujui: bool
    periode_awal: date
    indikator: list[tuple[int, str, int | None]]


class SkpFactory:
    def __init__(self, rng: random.Random, context: SeedContext) -> None:
        self._rng = rng
        self._context = context
        self._ids = {name: count(1) for name in ("skp", "rhk", "indikator", "perilaku")}
        # UTAMA RHK ids of every leader: their subordinates' RHK cascade from these.
        self.rhk_utama: dict[int, list[int]] = {}
        self._lampiran = [self._lampiran_json() for _ in range(LAMPIRAN_VARIANTS)]

    def make(self, pegawai: PegawaiSeed, batch: Batch) -> SkpSeed:
        rng = self._rng
        skp_id = next(self._ids["skp"])
        jenis = _jenis_jabatan_skp(pegawai)
        status = StatusSkp.DISETUJUI if pegawai.pimpinan else STATUS_STAF.pick(rng)
        pendekatan = PENDEKATAN.pick(rng)
        # A CPNS or PPPK appointed during the year plans from their TMT.
        awal = max(date(self._context.tahun, 1, 1), pegawai.tmt)
        at = max(self._context.skp_at, at_utc(awal, 1))
        disetujui_at = None
        if status is StatusSkp.DISETUJUI:
            disetujui_at = at_utc(days_after(awal, rng.randint(7, 30), self._context.as_of), 3)
        penilai, negara = pegawai.penilai, pegawai.penilai_negara
        atasan = penilai.penilai if penilai else None
        atasan_negara = penilai.penilai_negara if penilai else None
        dukungan, skema, konsekuensi = rng.choice(self._lampiran)
        status_penilai = StatusPenilai.NON_ASN if negara else StatusPenilai.ASN
        batch.skp.append((
            at, disetujui_at or at, 1, skp_id, self._context.tahun, awal,
            date(self._context.tahun, 12, 31), pendekatan.value, jenis.value, status.value,
            dukungan, skema, konsekuensi, disetujui_at, atasan.id if atasan else None,
            pegawai.jabatan.id, pegawai.id, penilai.id if penilai else None, pegawai.unit.id,
            status_penilai.value, negara.id if negara else None,
            atasan_negara.id if atasan_negara else None,
        ))  # fmt: skip
        indikator = self._rhk(pegawai, jenis, pendekatan, skp_id, at, batch)
        self._perilaku(skp_id, batch)
        return SkpSeed(skp_id, status is StatusSkp.DISETUJUI, awal, indikator)

    def _rhk(self, pegawai, jenis, pendekatan, skp_id, at, batch) -> list:
        rng = self._rng
        templates = _templates(pegawai)
        chosen = rng.sample(templates, min(rng.randint(2, 4), len(templates)))
        atasan_rhk = self.rhk_utama.get(pegawai.penilai.id) if pegawai.penilai else None
        first_perspektif = rng.randrange(len(PERSPEKTIF))
        utama_ids, indikator = [], []
        for urutan, template in enumerate(chosen, start=1):
            rhk_id = next(self._ids["rhk"])
            utama_ids.append(rhk_id)
            perspektif = None
            if jenis is JenisJabatanSkp.JPT:
                perspektif = PERSPEKTIF[(first_perspektif + urutan) % len(PERSPEKTIF)].value
            batch.rhk.append((
                at, at, 1, rhk_id, JenisRhk.UTAMA.value,
                template.uraian.format(unit=pegawai.unit.nama), perspektif, urutan,
                rng.choice(atasan_rhk) if atasan_rhk else None, skp_id,
            ))  # fmt: skip
            indikator += self._indikator(rhk_id, template, pendekatan, jenis, at, batch)
        if rng.random() < SHARE_TAMBAHAN:
            rhk_id = next(self._ids["rhk"])
            batch.rhk.append((at, at, 1, rhk_id, JenisRhk.TAMBAHAN.value,
                              rng.choice(uraian.TAMBAHAN), None, len(chosen) + 1, None, skp_id))
            kegiatan = uraian.RhkTemplate("", "kegiatan", "kegiatan", 1, 4)
            indikator += self._indikator(rhk_id, kegiatan, pendekatan, jenis, at, batch)
        if pegawai.pimpinan:
            self.rhk_utama[pegawai.id] = utama_ids
        return indikator

    def _indikator(self, rhk_id, template, pendekatan, jenis, at, batch):
        rng = self._rng
        aspek = [KUANTITAS]  # required on every quantitative RHK
        extras = [KUALITAS, WAKTU, BIAYA] if jenis is JenisJabatanSkp.JPT else [KUALITAS, WAKTU]
        aspek += rng.sample(extras, EXTRA_ASPEK.pick(rng))
        kuantitatif = pendekatan is Pendekatan.KUANTITATIF
        created = []
        for urutan, nama_aspek in enumerate(aspek, start=1):
            indikator_id = next(self._ids["indikator"])
            text, target, satuan = _target(rng, nama_aspek, template)
            if kuantitatif:
                row_target = (decimal_of(target), satuan, None)
            else:
                row_target = (None, None, _deskripsi_target(nama_aspek, template.objek))
            batch.indikator.append((at, at, 1, indikator_id, nama_aspek, text, *row_target,
                                    urutan, rhk_id))  # fmt: skip
            created.append((indikator_id, nama_aspek, target if kuantitatif else None))
        return created

    def _perilaku(self, skp_id: int, batch: Batch) -> None:
        rng = self._rng
        for index, nilai in enumerate(BERAKHLAK):
            khusus = None
            if rng.random() < SHARE_EKSPEKTASI_KHUSUS:
                khusus = uraian.EKSPEKTASI_KHUSUS[index]
            batch.perilaku.append((next(self._ids["perilaku"]), nilai.value, khusus, skp_id, 1))

    def _lampiran_json(self) -> tuple[str, str, str]:
        rng = self._rng

        def subset(options: tuple[str, ...]) -> str:
            return orjson.dumps(rng.sample(options, rng.randint(1, 3))).decode()

        return (subset(uraian.DUKUNGAN_SUMBER_DAYA), subset(uraian.SKEMA_PERTANGGUNGJAWABAN),
                subset(uraian.KONSEKUENSI))  # fmt: skip


def _jenis_jabatan_skp(pegawai: PegawaiSeed) -> JenisJabatanSkp:
    """JPT for pimpinan tinggi; JF for jabatan fungsional, heads with a tugas tambahan too."""
    if pegawai.jabatan.eselon in JPT:
        return JenisJabatanSkp.JPT
    if pegawai.jabatan.jenis is JenisJabatan.FUNGSIONAL_TERTENTU:
        return JenisJabatanSkp.JF
    return JenisJabatanSkp.JA


def _templates(pegawai: PegawaiSeed) -> tuple[uraian.RhkTemplate, ...]:
    """Heads of a satker and of a fakultas or jurusan plan for their unit; heads of a
    bagian, bidang, seksi or subbagian and the staff plan by their rumpun."""
    leads_unit = pegawai.unit.kind != "SUB" or pegawai.jabatan.rumpun != "struktural"
    if pegawai.pimpinan and leads_unit:
        return uraian.PIMPINAN[uraian.KIND_URAIAN[pegawai.unit.satker.kind]]
    return uraian.STAF[uraian.RUMPUN_URAIAN[pegawai.jabatan.rumpun]]


def _target(rng: random.Random, aspek: str, template: uraian.RhkTemplate):
    """(uraian indikator, target, satuan) for one aspek."""
    if aspek == KUANTITAS:
        target = rng.randint(template.target_min, template.target_max)
        return f"Jumlah {template.objek}", target, template.satuan
    if aspek == KUALITAS:
        return (f"Persentase {template.objek} yang sesuai standar mutu",
                rng.choice((90, 95, 100)), "persen")  # fmt: skip
    if aspek == WAKTU:
        return f"Ketepatan waktu penyelesaian {template.objek}", 12, "bulan"
    return "Persentase penyerapan anggaran", 95, "persen"


def _deskripsi_target(aspek: str, objek: str) -> str:
    if aspek == KUANTITAS:
        return f"Seluruh {objek} yang direncanakan terselesaikan"
    if aspek == KUALITAS:
        return f"{objek.capitalize()} diterima pimpinan tanpa perbaikan berarti"
    if aspek == WAKTU:
        return f"{objek.capitalize()} selesai sesuai jadwal yang disepakati"
    return "Anggaran digunakan efisien dan sesuai ketentuan"
