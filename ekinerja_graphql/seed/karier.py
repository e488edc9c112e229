"""Careers that add up: education sets the first golongan, years since TMT CPNS set how far
a PNS has climbed (domain/golongan.py), the position sets the golongan's range, the age
fits the appointment rules and the retirement age (BUP)."""

import random
from dataclasses import dataclass
from datetime import date

from ekinerja_graphql.domain.golongan import (
    GOLONGAN_AWAL,
    MASA_MINIMAL_FUNGSIONAL,
    MASA_MINIMAL_REGULER,
    Golongan,
    GolonganPppk,
    TingkatPendidikan,
    golongan_tertinggi,
    naik,
    urutan,
)
from ekinerja_graphql.domain.jabatan import JenisJabatan, Jenjang, golongan_pppk
from ekinerja_graphql.domain.kepegawaian import JenisPegawai, StatusPegawai
from ekinerja_graphql.seed.jabatan import KEAHLIAN, JabatanSpec
from ekinerja_graphql.seed.randomness import Weighted

P = TingkatPendidikan
# Age at appointment by education, inside the NIP's 18-40 (PNS) and 20-69 (PPPK).
UMUR_PENGANGKATAN = {
    P.SLTA: (19, 27), P.D1: (20, 28), P.D2: (21, 29), P.D3: (21, 30), P.S1: (22, 32),
    P.S2: (25, 35), P.S3: (29, 39),
}  # fmt: skip
UMUR_CPNS_MAX = 35  # spec §6: 18-35 (40 for some jabatan)
UMUR_PPPK = (24, 50)  # many were honorer for years before
# Years per golongan step: at least what the rules allow (a jabatan fungsional by angka
# kredit, others by the regular promotion), typically up to the second number.
LANGKAH_FUNGSIONAL = (MASA_MINIMAL_FUNGSIONAL, 4.5)
LANGKAH_REGULER = (MASA_MINIMAL_REGULER, 5.5)
# PPPK appointment years: the first were 2019; most came with the guru and 2022-24 rounds.
TAHUN_PPPK = Weighted([(2019, 2), (2021, 14), (2022, 22), (2023, 18), (2024, 26), (2025, 14),
                       (2026, 4)])  # fmt: skip
TAHUN_PPPK_PARUH_WAKTU = Weighted([(2025, 70), (2026, 30)])
CPNS_MONTHS_BACK = (1, 22)


@dataclass(frozen=True, slots=True)
class Karier:
    pendidikan: TingkatPendidikan
    tanggal_lahir: date
    tmt_cpns: date  # PPPK: TMT of the first contract
    golongan_awal: Golongan | None
    golongan: Golongan | None
    golongan_pppk: GolonganPppk | None
    tmt_jabatan: date


class KarierFactory:
    def __init__(self, rng: random.Random, as_of: date) -> None:
        self._rng = rng
        self._as_of = as_of

    def make(self, jabatan: JabatanSpec, jenis: JenisPegawai, status: StatusPegawai) -> Karier:
        pendidikan = self._pendidikan(jabatan)
        if jenis is JenisPegawai.PNS:
            return self._pns(jabatan, pendidikan, status)
        if jenis is JenisPegawai.CPNS:
            return self._cpns(pendidikan)
        return self._pppk(jabatan, pendidikan, jenis)

    def _pns(self, jabatan: JabatanSpec, pendidikan: P, status: StatusPegawai) -> Karier:
        rng = self._rng
        awal = GOLONGAN_AWAL[pendidikan]
        fungsional = jabatan.jenis is JenisJabatan.FUNGSIONAL_TERTENTU
        langkah_min, langkah_max = LANGKAH_FUNGSIONAL if fungsional else LANGKAH_REGULER
        low, high = jabatan.golongan_range
        lowest = max(urutan(low), urutan(awal))
        # Years the position needs at least: the steps up to its lowest golongan.
        masa_min = max(1, (lowest - urutan(awal)) * langkah_min)
        umur_min_tmt = UMUR_PENGANGKATAN[pendidikan][0]
        umur_tmt = rng.randint(*UMUR_PENGANGKATAN[pendidikan])
        umur_kini = _umur_kini(rng, jabatan.bup, status, umur_tmt + masa_min)
        umur_tmt = max(umur_min_tmt, min(umur_tmt, umur_kini - masa_min))
        masa = umur_kini - umur_tmt  # full years since TMT CPNS
        reachable = urutan(golongan_tertinggi(awal, masa, langkah_min))
        typical = urutan(awal) + int(masa / rng.uniform(langkah_min, langkah_max))
        target = max(lowest, min(typical, urutan(high), reachable))
        tmt_cpns = _months_back(self._as_of, masa * 12 + rng.randint(0, 11))
        lahir = _lahir(rng, tmt_cpns, umur_tmt)
        golongan = naik(awal, target - urutan(awal))
        return Karier(pendidikan, lahir, tmt_cpns, awal, golongan, None,
                      self._tmt_jabatan(tmt_cpns))  # fmt: skip

    def _cpns(self, pendidikan: P) -> Karier:
        rng = self._rng
        tmt = _months_back(self._as_of, rng.randint(*CPNS_MONTHS_BACK))
        umur = min(UMUR_CPNS_MAX, rng.randint(*UMUR_PENGANGKATAN[pendidikan]))
        awal = GOLONGAN_AWAL[pendidikan]
        return Karier(pendidikan, _lahir(rng, tmt, umur), tmt, awal, awal, None, tmt)

    def _pppk(self, jabatan: JabatanSpec, pendidikan: P, jenis: JenisPegawai) -> Karier:
        rng = self._rng
        paruh_waktu = jenis is JenisPegawai.PPPK_PARUH_WAKTU
        tahun = (TAHUN_PPPK_PARUH_WAKTU if paruh_waktu else TAHUN_PPPK).pick(rng)
        last_month = self._as_of.month - 1 if tahun == self._as_of.year else 12
        tmt = date(tahun, rng.randint(1, max(1, last_month)), 1)
        umur = rng.randint(UMUR_PPPK[0], min(UMUR_PPPK[1], jabatan.bup - 1))
        golongan = golongan_pppk(jabatan.jenjang, pendidikan, jabatan.rumpun == "dosen")
        return Karier(pendidikan, _lahir(rng, tmt, umur), tmt, None, None, golongan, tmt)

    def _pendidikan(self, jabatan: JabatanSpec) -> P:
        roll = self._rng.random()
        if jabatan.rumpun == "dosen":
            senior = jabatan.jenjang in (Jenjang.AHLI_MADYA, Jenjang.AHLI_UTAMA)
            return P.S3 if senior and roll < 0.7 else P.S2
        if jabatan.jenjang in KEAHLIAN:
            return P.S2 if roll < (0.5 if jabatan.jenjang is Jenjang.AHLI_UTAMA else 0.2) else P.S1
        if jabatan.jenjang is Jenjang.PEMULA:
            return P.SLTA
        if jabatan.jenjang in (Jenjang.MAHIR, Jenjang.PENYELIA):
            return P.S1 if roll < 0.3 else P.D3
        if jabatan.jenjang is not None:  # terampil: a diploma III (II/c)
            return P.D3
        if jabatan.eselon is not None:
            return P.S2 if roll < 0.45 else P.S1
        return PENDIDIKAN_PELAKSANA[jabatan.kelas].pick(self._rng)

    def _tmt_jabatan(self, tmt_cpns: date) -> date:
        """In the position for one to six years, never before TMT CPNS."""
        return max(tmt_cpns, _months_back(self._as_of, self._rng.randint(12, 72)))


PENDIDIKAN_PELAKSANA = {
    5: Weighted([(P.SLTA, 1)]),
    6: Weighted([(P.SLTA, 60), (P.D3, 40)]),
    7: Weighted([(P.D3, 50), (P.S1, 50)]),
    8: Weighted([(P.S1, 1)]),
}


def _umur_kini(rng: random.Random, bup: int, status: StatusPegawai, youngest: int) -> int:
    """Age today in full years, by status: MPP in the last year before BUP, pensioned at
    BUP, the others between `youngest` and the year before BUP."""
    if status is StatusPegawai.PENSIUN:
        return bup
    if status is StatusPegawai.MPP:
        return bup - 1
    return rng.randint(min(youngest, bup - 1), bup - 1)


def _months_back(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


def _lahir(rng: random.Random, tmt: date, umur: int) -> date:
    """A birthday that makes the pegawai `umur` full years old on `tmt`."""
    earliest = date(tmt.year - umur - 1, tmt.month, 1).toordinal() + 1
    latest = date(tmt.year - umur, tmt.month, 1).toordinal()
    return date.fromordinal(rng.randint(earliest, latest))
