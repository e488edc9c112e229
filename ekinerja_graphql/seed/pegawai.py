"""Pegawai rows: a leader per unit and its staff, with NIP, golongan and status that agree."""

import random
from dataclasses import dataclass
from datetime import date

from ekinerja_graphql.domain.kepegawaian import (
    Eselon,
    JenisJabatan,
    JenisKelamin,
    JenisPegawai,
    JenjangJabatanFungsional,
    StatusPegawai,
)
from ekinerja_graphql.seed import biodata
from ekinerja_graphql.seed.context import SeedContext
from ekinerja_graphql.seed.jabatan import JabatanSpec, KatalogJabatan
from ekinerja_graphql.seed.names import NamePool
from ekinerja_graphql.seed.organisasi import UnitSpec
from ekinerja_graphql.seed.randomness import Weighted, hex_id
from ekinerja_graphql.seed.staffing import rumpun_picker

Jenjang = JenjangJabatanFungsional

# Golongan index range (into biodata.GOLONGAN, 0 = I/a ... 16 = IV/e) plausible per position.
GOLONGAN_ESELON = {
    Eselon.I_A: (15, 16), Eselon.I_B: (14, 16), Eselon.II_A: (14, 15), Eselon.II_B: (13, 14),
    Eselon.III_A: (12, 13), Eselon.III_B: (11, 12), Eselon.IV_A: (10, 11), Eselon.IV_B: (9, 11),
}  # fmt: skip
GOLONGAN_JENJANG = {
    Jenjang.AHLI_PERTAMA: (8, 9), Jenjang.AHLI_MUDA: (10, 11), Jenjang.AHLI_MADYA: (12, 14),
    Jenjang.AHLI_UTAMA: (15, 16), Jenjang.PEMULA: (4, 6), Jenjang.TERAMPIL: (5, 7),
    Jenjang.MAHIR: (8, 9), Jenjang.PENYELIA: (10, 11),
}  # fmt: skip
GOLONGAN_KELAS_PELAKSANA = {5: (4, 7), 6: (6, 8), 7: (8, 9), 8: (9, 11)}

SHARE_PEREMPUAN = {"guru": 0.6, "penghulu": 0.05, "dosen": 0.45, "pimpinan": 0.25}

JENIS_STAF = Weighted([(JenisPegawai.PNS, 73), (JenisPegawai.PPPK, 22), (JenisPegawai.CPNS, 5)])
STATUS_PNS = Weighted([
    (StatusPegawai.AKTIF, 955), (StatusPegawai.TUGAS_BELAJAR, 15), (StatusPegawai.CLTN, 4),
    (StatusPegawai.MPP, 4), (StatusPegawai.DIBERHENTIKAN_SEMENTARA, 2),
    (StatusPegawai.PENSIUN, 20),
])  # fmt: skip
AGE_BY_STATUS = {StatusPegawai.PENSIUN: (58, 60), StatusPegawai.MPP: (57, 58)}


@dataclass(slots=True)
class PegawaiSeed:
    """What the SKP and evaluation stages need to know about a generated pegawai."""

    id: int
    nip: str
    nama_lengkap: str
    jabatan: JabatanSpec
    unit: UnitSpec
    golongan: str | None
    status: str
    penilai: "PegawaiSeed | None"
    pimpinan: bool


class PegawaiFactory:
    def __init__(
        self, rng: random.Random, names: NamePool, katalog: KatalogJabatan, context: SeedContext
    ) -> None:
        self._rng = rng
        self._names = names
        self._katalog = katalog
        self._context = context
        self._nips = biodata.NipRegister()
        self.next_id = 1

    def pimpinan(self, unit: UnitSpec, penilai: PegawaiSeed | None) -> tuple[PegawaiSeed, tuple]:
        jabatan = self._katalog.pimpinan[unit.pimpinan_jabatan]
        senior = jabatan.eselon in (Eselon.I_A, Eselon.I_B, Eselon.II_A, Eselon.II_B)
        age_range = (48, 58) if senior else (35, 57)
        return self._build(unit, jabatan, JenisPegawai.PNS, StatusPegawai.AKTIF, penilai,
                           age_range, pimpinan=True)  # fmt: skip

    def staf(self, unit: UnitSpec, pimpinan: PegawaiSeed) -> tuple[PegawaiSeed, tuple]:
        rng = self._rng
        rumpun = rumpun_picker(unit).pick(rng)
        jenis = JenisPegawai.PNS if rumpun.startswith("struktural") else JENIS_STAF.pick(rng)
        status = STATUS_PNS.pick(rng) if jenis is JenisPegawai.PNS else StatusPegawai.AKTIF
        jabatan = self._jabatan_staf(rumpun, jenis)
        age_range = AGE_BY_STATUS.get(status) or self._age_range(jenis, jabatan)
        return self._build(unit, jabatan, jenis, status, pimpinan, age_range, pimpinan=False)

    def _jabatan_staf(self, rumpun: str, jenis: JenisPegawai) -> JabatanSpec:
        rng, katalog = self._rng, self._katalog
        if rumpun in katalog.struktural_staf:
            return rng.choice(katalog.struktural_staf[rumpun])
        if rumpun == "pelaksana":
            pilihan = katalog.pelaksana[:4] if jenis is JenisPegawai.CPNS else katalog.pelaksana
            return rng.choice(pilihan)
        if jenis is JenisPegawai.CPNS or (jenis is JenisPegawai.PPPK and rng.random() < 0.75):
            return katalog.lowest_fungsional(rumpun)
        return katalog.fungsional[(rumpun, katalog.jenjang_pickers[rumpun].pick(rng))]

    def _age_range(self, jenis: JenisPegawai, jabatan: JabatanSpec) -> tuple[int, int]:
        if jenis is JenisPegawai.CPNS:
            return 22, 34
        if jenis is JenisPegawai.PPPK:
            return 24, 55
        low, _ = _golongan_range(jabatan)
        return max(24, 23 + 2 * max(0, low - 8)), 57

    def _build(self, unit, jabatan, jenis, status, penilai, age_range, pimpinan):
        rng, as_of = self._rng, self._context.as_of
        rumpun = "pimpinan" if pimpinan else jabatan.rumpun
        perempuan = rng.random() < SHARE_PEREMPUAN.get(rumpun, 0.45)
        kelamin = JenisKelamin.PEREMPUAN if perempuan else JenisKelamin.LAKI_LAKI
        age = rng.randint(*age_range)
        lahir = biodata.random_day(rng, as_of.year - age)
        tmt_cpns = self._tmt_cpns(jenis, lahir)
        nip = self._nips.allocate(lahir, tmt_cpns, kelamin)
        nama = self._names.nama(rng, perempuan)
        guru_besar = jabatan.jenjang is Jenjang.AHLI_UTAMA and jabatan.rumpun == "dosen"
        gelar_depan, gelar_belakang = biodata.gelar(rng, rumpun, perempuan, age, guru_besar)
        golongan = self._golongan(jenis, jabatan)
        pegawai_id = self.next_id
        self.next_id += 1
        seed = PegawaiSeed(pegawai_id, nip, biodata.nama_lengkap(nama, gelar_depan, gelar_belakang),
                           jabatan, unit, golongan, status.value, penilai, pimpinan)  # fmt: skip
        at = self._context.master_at
        row = (
            at, at, 1, pegawai_id, nip, self._nip_lama(jenis, tmt_cpns), nama, gelar_depan,
            gelar_belakang, kelamin.value, lahir, jenis.value, golongan, status.value, tmt_cpns,
            self._tmt_jabatan(jenis, tmt_cpns), biodata.nik(rng, lahir, perempuan),
            rng.choice(self._names.alamat), biodata.email(rng, nama), biodata.nomor_hp(rng),
            hex_id(rng), None, jabatan.id, penilai.id if penilai else None, unit.id,
        )  # fmt: skip
        return seed, row

    def _tmt_cpns(self, jenis: JenisPegawai, lahir: date) -> date:
        rng, as_of = self._rng, self._context.as_of
        if jenis is JenisPegawai.CPNS:
            return biodata.month_start(as_of, rng.randint(1, 10))
        if jenis is JenisPegawai.PPPK:  # PPPK hiring started in 2019
            year = rng.randint(max(2019, lahir.year + 22), as_of.year - 1)
            return date(year, rng.randint(1, 12), 1)
        year = rng.randint(lahir.year + 22, max(lahir.year + 22, min(lahir.year + 35,
                                                                      as_of.year - 2)))
        return date(year, rng.randint(1, 12), 1)

    def _tmt_jabatan(self, jenis: JenisPegawai, tmt_cpns: date) -> date:
        as_of = self._context.as_of
        earliest = max(tmt_cpns.year + 1, as_of.year - 6)
        if jenis is JenisPegawai.CPNS or earliest > as_of.year - 1:
            return tmt_cpns
        return date(self._rng.randint(earliest, as_of.year - 1), self._rng.randint(1, 12), 1)

    def _nip_lama(self, jenis: JenisPegawai, tmt_cpns: date) -> str | None:
        """Only PNS appointed before the 18-digit NIP (1999) had a 9-digit one."""
        if jenis is JenisPegawai.PNS and tmt_cpns.year < 1999:
            return f"150{self._rng.randrange(1_000_000):06d}"
        return None

    def _golongan(self, jenis: JenisPegawai, jabatan: JabatanSpec) -> str | None:
        if jenis is JenisPegawai.PPPK:
            return None  # PPPK have no golongan/ruang
        low, high = _golongan_range(jabatan)
        index = low if jenis is JenisPegawai.CPNS else self._rng.randint(low, high)
        return biodata.GOLONGAN[index].value


def _golongan_range(jabatan: JabatanSpec) -> tuple[int, int]:
    if jabatan.jenis is JenisJabatan.STRUKTURAL:
        return GOLONGAN_ESELON[jabatan.eselon]
    if jabatan.jenjang is not None:
        return GOLONGAN_JENJANG[jabatan.jenjang]
    return GOLONGAN_KELAS_PELAKSANA[jabatan.kelas]
